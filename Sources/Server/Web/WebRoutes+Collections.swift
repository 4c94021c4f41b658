import Core
import Foundation
import Hummingbird
import Storage

/// `/collections…`: list, create, a collection's documents, import (form upload), train.
extension WebRoutes {
    func addCollectionRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("collections") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let (rows, next) = try await collectionRows(cursor: request.uri.queryParameters.get("cursor", as: Int64.self))
            return CollectionPages.list(page, rows: rows, next: next)
        }
        pages.post("collections") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .examiner)
            let page = PageContext(request, context)
            guard let name = form["name"], name.count <= 200 else {
                let (rows, next) = try await collectionRows(cursor: nil)
                return CollectionPages.list(page, rows: rows, next: next, error: page.t("collections.nameNeeded"))
            }
            let created = try await createCollection(name: name, description: form["description"] ?? "", user: user)
            guard let collection = created else {
                let (rows, next) = try await collectionRows(cursor: nil)
                return CollectionPages.list(page, rows: rows, next: next, error: page.t("collections.exists", name))
            }
            return Response.redirect(to: "/collections/\(collection.id)")
        }
        pages.get("collections/{id}") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let collection = try await collection(context)
            let documents = try await store.documents(
                collectionID: collection.id, limit: 20, after: request.uri.queryParameters.get("cursor", as: Int64.self))
            let models = try await store.models(collectionID: collection.id, limit: 200).items
            let fields = Set(documents.items.flatMap { $0.document.symbols.keys }).sorted()
            let detail = CollectionPages.Detail(
                collection: collection, documents: try await store.documentCount(collectionID: collection.id),
                page: documents.items, next: documents.next, symbolFields: fields, models: models)
            return CollectionPages.detail(page, detail, notice: nil)
        }
        // Without the page script: the file arrives as a form upload (up to the request size limit).
        pages.post("collections/{id}/import") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .examiner)
            let collection = try await collection(context)
            guard let file = form.files["corpus"], !file.bytes.isEmpty else { throw APIError.badRequest("choose a JSONL or CSV file to import") }
            let format = form["format"] ?? (file.fileName.lowercased().hasSuffix(".csv") ? "csv" : "jsonl")
            guard CorpusReader.Format(rawValue: format) != nil else { throw APIError.badRequest("format '\(format)': use jsonl or csv") }
            let upload = try await store.createUpload(fileName: file.fileName.isEmpty ? "upload.\(format)" : file.fileName, format: format, createdBy: user.id)
            try await store.appendUpload(id: upload.id, chunk: file.bytes, sequence: 0)
            let parameters = ImportParameters(uploadID: upload.id, format: format, skipInvalid: form.isChecked("skip_invalid"))
            let job = try await store.enqueueJob(
                kind: .importDocuments, collectionID: collection.id, parameters: JSONCoding.encode(parameters), createdBy: user.id)
            return Response.redirect(to: "/jobs?job=\(job.id)")
        }
        pages.post("collections/{id}/delete") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .administrator)
            let collection = try await collection(context)
            guard form["confirm"] == "yes" else { throw APIError.badRequest("tick the box to confirm the deletion") }
            _ = try await store.deleteCollection(id: collection.id)
            try await store.audit(user: user, action: "delete collection", target: collection.name)
            return Response.redirect(to: "/collections")
        }
        pages.post("collections/{id}/train") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .examiner)
            let collection = try await collection(context)
            let parameters = TrainParameters(
                level: form["level"] ?? "subclass", labelField: form["label_field"] ?? "ipc",
                textFields: form.all("text_fields").isEmpty ? ["title", "abstract", "claims"] : form.all("text_fields"),
                activate: form.isChecked("activate"), skipInvalid: true)
            _ = try parameters.labelSource()
            _ = try parameters.fields()
            let job = try await store.enqueueJob(
                kind: .train, collectionID: collection.id, parameters: JSONCoding.encode(parameters), createdBy: user.id)
            return Response.redirect(to: "/jobs?job=\(job.id)")
        }
    }

    func collectionRows(cursor: Int64?) async throws -> ([CollectionPages.Row], Int64?) {
        let page = try await store.collections(limit: 50, cursor: cursor)
        var rows: [CollectionPages.Row] = []
        for collection in page.items {
            rows.append(CollectionPages.Row(collection: collection, documents: try await store.documentCount(collectionID: collection.id)))
        }
        return (rows, page.next)
    }

    /// Nil when a collection of that name exists.
    private func createCollection(name: String, description: String, user: UserRecord) async throws -> CollectionRecord? {
        do {
            return try await store.createCollection(name: name, description: description, createdBy: user.id)
        } catch where error.code == .conflict {
            return nil
        }
    }

    func collection(_ context: AppRequestContext) async throws -> CollectionRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let collection = try await store.collection(id: id) else {
            throw APIError.notFound("collection \(raw)")
        }
        return collection
    }
}
