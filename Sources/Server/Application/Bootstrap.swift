import Classifications
import Core
import Foundation
import Logging
import PatentClassification
import Storage

/// What a new installation needs: an administrator (its one-time password printed once) and,
/// unless switched off, the demo collection with a trained, active model.
enum Bootstrap {
    /// Creates the first administrator if there is no user yet; returns its one-time password.
    static func ensureAdministrator(services: ServerServices) async throws -> String? {
        guard try await services.store.userCount() == 0 else { return nil }
        let password = Secrets.password()
        do {
            let user = try await services.store.createUser(
                username: "admin", passwordHash: services.hasher.hash(password), role: .administrator, mustChangePassword: true)
            try await services.store.audit(user: user, action: "create first administrator", target: "admin")
            return password
        } catch where error.code == .conflict {
            return nil  // another server created it at the same moment
        }
    }

    /// Imports the demo corpus and trains its model if the database has no collection yet.
    static func installDemo(services: ServerServices) async throws {
        let store = services.store
        guard try await store.collections(limit: 1).items.isEmpty else { return }
        guard let corpusURL = Bundle.module.url(forResource: "Resources/Demo/patents", withExtension: "jsonl"),
              let titlesURL = Bundle.module.url(forResource: "Resources/Demo/ipc-titles-demo", withExtension: "tsv")
        else { throw IPAIError(.fileUnreadable, "the demo corpus is missing from this build") }
        guard let collection = try await createDemoCollection(store) else { return }
        let documents = try readDocuments(path: corpusURL.path)
        try await store.upsertDocuments(documents, collectionID: collection.id)
        let titles = try demoTitles(services.titles, path: titlesURL.path)
        let source = LabelSource(field: "ipc", level: .subclass)
        let corpus = try LabelledCorpus.make(
            documents: documents, sourceName: "demo", labels: source, textFields: [.title, .abstract, .claims])
        let model = try ClassificationModel.train(
            corpus: corpus, labelSource: source, textFields: [.title, .abstract, .claims], titles: titles,
            configuration: .recommended(for: .subclass), source: "demo collection")
        _ = try await store.saveModel(
            collectionID: collection.id, level: source.level.name, metadata: try model.metadataJSON(),
            data: try model.serialized(), activate: true, jobID: nil)
    }

    /// Nil when another server created it at the same moment.
    private static func createDemoCollection(_ store: Store) async throws -> CollectionRecord? {
        do {
            return try await store.createCollection(
                name: "Demo patents", description: "52 short invented patent abstracts with IPC symbols", createdBy: nil)
        } catch where error.code == .conflict {
            return nil
        }
    }

    private static func readDocuments(path: String) throws -> [PatentDocument] {
        var reader = try CorpusReader(path: path)
        var documents: [PatentDocument] = []
        while let record = try reader.next() { documents.append(record.document) }
        return documents
    }

    /// The office's titles if it configured some, else the demo's.
    private static func demoTitles(_ configured: SchemeTitles, path: String) throws -> SchemeTitles {
        guard configured.isEmpty else { return configured }
        var titles = configured
        try titles.load(contentsOf: path)
        return titles
    }
}
