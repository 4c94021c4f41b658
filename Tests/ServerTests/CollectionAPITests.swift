import Foundation
import HTTPTypes
import Testing

@testable import Server

@Suite("API: collections, documents, imports, exports")
struct CollectionAPITests {
    @Test("a JSONL import with a bad line fails naming the line; with skip_invalid it succeeds and counts it")
    func importWithBadLine() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("imports", token: token)
            let file = """
                {"id": "A1", "title": "Silicon anode for lithium cells", "ipc": ["H01M 4/38"]}
                {"id": "A2", "title": "Wind turbine blade", "ipc": [
                {"id": "A3", "title": "Fishing lure", "ipc": ["A01K 85/00"]}

                """
            let failed = try await api.importFile(file, collection: collection, token: token, query: "?file_name=batch.jsonl")
            #expect(failed.string("status") == "failed")
            let message = failed.string("message") ?? ""
            #expect(message.contains("batch.jsonl:2"), "\(message)")
            let empty = try await api.request(.get, "/api/v1/collections/\(collection)", as: .token(token))
            #expect(empty["documents"] as? Int == 0, "a failed import writes nothing")

            let skipped = try await api.importFile(
                file, collection: collection, token: token, query: "?file_name=batch.jsonl&skip_invalid=true")
            #expect(skipped.string("status") == "done", "\(skipped.body)")
            let result = try #require(skipped["result"] as? [String: Any])
            #expect(result["skipped_invalid"] as? Int == 1)
            #expect(result["documents"] as? Int == 2)
            #expect((result["problems"] as? [String])?.first?.contains("batch.jsonl:2") == true, "\(result)")
            let ids = try await api.allPages("/api/v1/collections/\(collection)/documents", limit: 10, token: token).items.compactMap { $0["id"] as? String }
            #expect(ids.sorted() == ["A1", "A3"])
        }
    }

    @Test("a CSV import reads quoted cells and ;-separated symbol lists")
    func csvImport() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("csv", token: token)
            let csv = "id,title,year,ipc\nC1,\"Lure, rotating\",2019,A01K 85/00; A01K 91/00\nC2,Turbine blade,2020,F03D 1/06\n"
            let job = try await api.importFile(csv, collection: collection, token: token, query: "?format=csv&file_name=marks.csv")
            #expect(job.string("status") == "done", "\(job.body)")
            let document = try await api.request(.get, "/api/v1/collections/\(collection)/documents/C1", as: .token(token))
            #expect(document.string("title") == "Lure, rotating")
            #expect(document["year"] as? Int == 2019)
            #expect(document["ipc"] as? [String] == ["A01K 85/00", "A01K 91/00"])
            // Content-Type alone selects CSV too.
            let second = try await api.importFile("id,title\nC3,Third\n", collection: collection, token: token, contentType: "text/csv")
            #expect(second.string("status") == "done", "\(second.body)")
            let bad = try await api.request(.post, "/api/v1/collections/\(collection)/imports?format=xml", as: .token(token), raw: "<a/>")
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage?.contains("xml") == true)
        }
    }

    @Test("an upload over maxUploadBytes gets 413 and queues nothing")
    func uploadLimit() async throws {
        try await TestServer.run(configure: { $0.maxUploadBytes = 1024 }) { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("big", token: token)
            let reply = try await api.request(
                .post, "/api/v1/collections/\(collection)/imports", as: .token(token), raw: DemoCorpus.text)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.errorCode == "payload_too_large")
            #expect(reply.errorMessage?.contains("1 KiB") == true, "\(reply.body)")
            let jobs = try await api.request(.get, "/api/v1/jobs", as: .token(token))
            #expect(jobs.items.isEmpty)
        }
    }

    @Test("pages of documents with limit and cursor return every document once")
    func pagination() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("demo", token: token)
            let job = try await api.importFile(DemoCorpus.text, collection: collection, token: token)
            #expect(job.string("status") == "done", "\(job.body)")
            let (items, pages) = try await api.allPages("/api/v1/collections/\(collection)/documents", limit: 7, token: token)
            let ids = items.compactMap { $0["id"] as? String }
            #expect(DemoCorpus.lines.count == 52)
            #expect(ids.count == 52)
            #expect(Set(ids).count == 52)
            #expect(pages == 8)
            let single = try await api.request(.get, "/api/v1/collections/\(collection)/documents?limit=52", as: .token(token))
            #expect(single.items.count == 52)
            #expect(single["next_cursor"] == nil)
            for bad in ["limit=0", "limit=1001", "limit=ten", "cursor=abc"] {
                let reply = try await api.request(.get, "/api/v1/collections/\(collection)/documents?\(bad)", as: .token(token))
                #expect(reply.status == .badRequest, "\(bad)")
                #expect(reply.errorMessage?.contains(String(bad.split(separator: "=")[1])) == true, "\(reply.body)")
            }
        }
    }

    @Test("a JSONL export re-imported gives the same documents; CSV export has the header the importer reads")
    func exportRoundTrip() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let source = try await api.createCollection("source", token: token)
            #expect(try await api.importFile(DemoCorpus.text, collection: source, token: token).string("status") == "done")
            let export = try await api.request(.get, "/api/v1/collections/\(source)/export", as: .token(token))
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.contains("ndjson") == true)
            #expect(export.headers[.contentDisposition]?.contains("source.jsonl") == true)
            #expect(export.body.split(separator: "\n").count == 52)

            let copy = try await api.createCollection("copy", token: token)
            #expect(try await api.importFile(export.body, collection: copy, token: token).string("status") == "done")
            let original = try await api.allPages("/api/v1/collections/\(source)/documents", limit: 100, token: token).items
            let copied = try await api.allPages("/api/v1/collections/\(copy)/documents", limit: 100, token: token).items
            #expect(copied.count == 52)
            func canonical(_ items: [[String: Any]]) throws -> [String] { try items.map { try jsonText($0) }.sorted() }
            #expect(try canonical(original) == canonical(copied))

            let csv = try await api.request(.get, "/api/v1/collections/\(source)/export?format=csv", as: .token(token))
            #expect(csv.headers[.contentType]?.contains("text/csv") == true)
            #expect(csv.body.hasPrefix("id,title,abstract,claims,description,language,year,country,applicants,ipc\n"))
            let fromCSV = try await api.createCollection("from csv", token: token)
            #expect(try await api.importFile(csv.body, collection: fromCSV, token: token, query: "?format=csv").string("status") == "done")
            let viaCSV = try await api.allPages("/api/v1/collections/\(fromCSV)/documents", limit: 100, token: token).items
            #expect(Set(viaCSV.compactMap { $0["id"] as? String }) == Set(original.compactMap { $0["id"] as? String }))
            #expect(try await api.request(.get, "/api/v1/collections/\(source)/export?format=xml", as: .token(token)).status == .badRequest)
        }
    }

    @Test("documents added as JSON are validated, read back, replaced and deleted")
    func documents() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("docs", token: token)
            let path = "/api/v1/collections/\(collection)/documents"
            let added = try await api.request(
                .post, path, as: .token(token),
                json: #"{"documents":[{"id":"D1","title":"First","ipc":["H01M 4/38"]},{"id":"D2","title":"Second"}]}"#)
            #expect(added.status == .created)
            #expect(added["written"] as? Int == 2)
            let noID = try await api.request(.post, path, as: .token(token), json: #"{"documents":[{"id":"D3"},{"title":"no id"}]}"#)
            #expect(noID.status == .badRequest)
            #expect(noID.errorMessage?.contains("documents[1]") == true, "\(noID.body)")
            let badYear = try await api.request(.post, path, as: .token(token), json: #"{"documents":[{"id":"D4","year":"soon"}]}"#)
            #expect(badYear.status == .badRequest)
            #expect(badYear.errorMessage?.contains("documents[0]") == true && badYear.errorMessage?.contains("year") == true, "\(badYear.body)")

            _ = try await api.request(.post, path, as: .token(token), json: #"{"documents":[{"id":"D1","title":"First, revised"}]}"#)
            #expect(try await api.request(.get, "\(path)/D1", as: .token(token)).string("title") == "First, revised")
            #expect(try await api.request(.delete, "\(path)/D2", as: .token(token)).status == .noContent)
            let gone = try await api.request(.get, "\(path)/D2", as: .token(token))
            #expect(gone.status == .notFound)
            #expect(gone.errorMessage?.contains("D2") == true)
            #expect(try await api.request(.get, "/api/v1/collections/\(collection)", as: .token(token))["documents"] as? Int == 1)
        }
    }

    @Test("unknown collection, model, job and path ids get 404 with the error JSON")
    func notFound() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let paths: [(HTTPRequest.Method, String)] = [
                (.get, "/api/v1/collections/12345"), (.get, "/api/v1/collections/abc/documents"),
                (.get, "/api/v1/models/12345"), (.get, "/api/v1/models/12345/download"), (.get, "/api/v1/jobs/12345"),
                (.post, "/api/v1/jobs/12345/cancel"), (.delete, "/api/v1/collections/12345"), (.get, "/api/v1/no-such-route"),
            ]
            for (method, path) in paths {
                let reply = try await api.request(method, path, as: .token(token))
                #expect(reply.status == .notFound, "\(method) \(path)")
                #expect(reply.errorCode == "not_found", "\(method) \(path): \(reply.body)")
                #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            let duplicate = try await api.createCollection("once", token: token)
            let again = try await api.request(.post, "/api/v1/collections", as: .token(token), json: #"{"name":"once"}"#)
            #expect(again.status == .conflict)
            #expect(again.errorMessage?.contains("once") == true)
            #expect(try await api.request(.delete, "/api/v1/collections/\(duplicate)", as: .token(token)).status == .noContent)
            #expect(try await api.request(.get, "/api/v1/collections/\(duplicate)", as: .token(token)).status == .notFound)
        }
    }
}
