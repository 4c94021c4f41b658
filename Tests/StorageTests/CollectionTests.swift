import Core
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Collections, documents and uploads")
struct CollectionTests {
    @Test("documents: upsert replaces by id; cursor pagination returns each document once, in order", arguments: Backend.allCases)
    func documentsUpsertAndPages(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let collection = try await store.createCollection(name: "EP 2024", description: "test", createdBy: nil)
            await #expect(throws: IPAIError.self) { _ = try await store.createCollection(name: " EP 2024 ", description: "", createdBy: nil) }
            let other = try await store.createCollection(name: "Other", description: "", createdBy: nil)

            let ids = (0..<257).map { String(format: "D%04d", $0) }
            try await store.upsertDocuments(ids.map { document($0) }, collectionID: collection.id)
            try await store.upsertDocuments([document("D0001"), document("X")], collectionID: other.id)
            // Again, with new titles for a third of them: replaced, not added.
            let changed = ids.enumerated().filter { $0.offset % 3 == 0 }.map { document($0.element, title: "Changed \($0.element)") }
            try await store.upsertDocuments(changed, collectionID: collection.id)
            // The same id twice in one call: the last one counts.
            try await store.upsertDocuments([document("D0006", title: "First"), document("D0006", title: "Changed D0006")], collectionID: collection.id)
            #expect(try await store.documentCount(collectionID: collection.id) == 257)
            #expect(try await store.documentCount(collectionID: other.id) == 2)

            var seen: [String] = []
            var cursor: Int64? = nil
            var pages = 0
            repeat {
                let page = try await store.documents(collectionID: collection.id, limit: 10, after: cursor)
                seen += page.items.map(\.document.id)
                #expect(page.items.allSatisfy { $0.collectionID == collection.id })
                cursor = page.next
                pages += 1
            } while cursor != nil
            #expect(seen == ids, "each document once, in the order added")
            #expect(pages == 26)
            #expect(try await store.document(collectionID: collection.id, externalID: "D0003")?.document.title == "Changed D0003")
            #expect(try await store.document(collectionID: collection.id, externalID: "D0004")?.document.title == "A lithium cell")
            #expect(try await store.document(collectionID: collection.id, externalID: "D0004")?.document.symbols["ipc"] == ["H01M 10/0525"])

            #expect(try await store.deleteDocument(collectionID: collection.id, externalID: "D0004"))
            #expect(try await store.deleteDocument(collectionID: collection.id, externalID: "D0004") == false)

            // Collections page newest first.
            let first = try await store.collections(limit: 1)
            #expect(first.items.map(\.name) == ["Other"])
            let second = try await store.collections(limit: 1, cursor: first.next)
            #expect(second.items.map(\.name) == ["EP 2024"] && second.next == nil)

            #expect(try await store.deleteCollection(id: other.id))
            #expect(try await store.documentCount(collectionID: other.id) == 0, "a collection's documents go with it")
            #expect(try await store.collection(named: "EP 2024")?.id == collection.id)
        }
    }

    @Test("uploads: chunks stored in order with their sizes; deleted with the upload", arguments: Backend.allCases)
    func uploads(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let upload = try await store.createUpload(fileName: "corpus.jsonl", format: "jsonl", createdBy: nil)
            let chunks: [[UInt8]] = [Array("{\"id\": \"1\"}\n".utf8), [0, 255, 10, 13, 0x27, 0x3F], Array(repeating: 7, count: 100_000)]
            for (sequence, chunk) in chunks.enumerated() {
                try await store.appendUpload(id: upload.id, chunk: chunk, sequence: sequence)
            }
            await #expect(throws: IPAIError.self, "a part cannot be stored twice") {
                try await store.appendUpload(id: upload.id, chunk: [1], sequence: 1)
            }
            let stored = try #require(try await store.upload(id: upload.id))
            #expect(stored.chunks == 3 && stored.bytes == Int64(chunks.map(\.count).reduce(0, +)))
            #expect(stored.fileName == "corpus.jsonl" && stored.format == "jsonl")
            for (sequence, chunk) in chunks.enumerated() {
                #expect(try await store.uploadChunk(id: upload.id, sequence: sequence) == chunk)
            }
            #expect(try await store.uploadChunk(id: upload.id, sequence: 3) == nil)
            try await store.deleteUpload(id: upload.id)
            #expect(try await store.upload(id: upload.id) == nil)
            #expect(try await store.uploadChunk(id: upload.id, sequence: 0) == nil)
        }
    }
}
