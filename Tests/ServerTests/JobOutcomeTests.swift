import Foundation
import HTTPTypes
import Testing

@testable import Server

@Suite("API: what finished jobs show (ids from upload names, phases, string ids in results)")
struct JobOutcomeTests {
    @Test("records without an id are named after the uploaded file, not the temporary file the job read")
    func defaultIDsUseTheUploadName() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("no ids", token: token)
            let file = """
                {"title": "Silicon anode for lithium cells", "ipc": ["H01M 4/38"]}
                {"title": "Wind turbine blade", "ipc": ["F03D 1/06"]}

                """
            let job = try await api.importFile(file, collection: collection, token: token, query: "?file_name=corpus.jsonl")
            #expect(job.string("status") == "done", "\(job.body)")
            let ids = try await api.allPages("/api/v1/collections/\(collection)/documents", limit: 10, token: token)
                .items.compactMap { $0["id"] as? String }
            #expect(ids.sorted() == ["corpus.jsonl:1", "corpus.jsonl:2"])

            // CSV too, and a bad record's message names the upload, never a temporary path.
            let csv = "title,year\nFirst,2019\nSecond,not a year\n"
            let failed = try await api.importFile(
                csv, collection: collection, token: token, query: "?format=csv&file_name=marks.csv")
            #expect(failed.string("status") == "failed")
            let message = failed.string("message") ?? ""
            #expect(message.contains("marks.csv:3"), "\(message)")
            #expect(!message.contains("ipai-upload") && !message.contains(FileManager.default.temporaryDirectory.path), "\(message)")

            let skipped = try await api.importFile(
                csv, collection: collection, token: token, query: "?format=csv&file_name=marks.csv&skip_invalid=true")
            #expect(skipped.string("status") == "done", "\(skipped.body)")
            let problems = (skipped["result"] as? [String: Any])?["problems"] as? [String] ?? []
            #expect(problems.count == 1 && problems[0].contains("marks.csv:3") && !problems[0].contains("ipai-upload"), "\(problems)")
            let all = try await api.allPages("/api/v1/collections/\(collection)/documents", limit: 10, token: token)
                .items.compactMap { $0["id"] as? String }
            #expect(all.sorted() == ["corpus.jsonl:1", "corpus.jsonl:2", "marks.csv:2"])
        }
    }

    @Test("a finished job shows the phase it ended in: never 'starting' when done, the failing phase when failed")
    func finishedJobsKeepTheirLastPhase() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("phases", token: token)
            let done = try await api.importFile(DemoCorpus.text, collection: collection, token: token)
            #expect(done.string("status") == "done", "\(done.body)")
            #expect(done.string("phase") == "importing", "\(done.body)")
            #expect(done["progress"] as? Double == 1)

            let failed = try await api.importFile("{\"id\": \"A1\", \"title\": 5}\n", collection: collection, token: token)
            #expect(failed.string("status") == "failed", "\(failed.body)")
            #expect(failed.string("phase") == "checking", "\(failed.body)")

            let queued = try await api.request(.post, "/api/v1/collections/\(collection)/train", as: .token(token), json: "{}")
            let trained = try await api.waitForJob(try #require(queued.string("id")), token: token)
            #expect(trained.string("status") == "done", "\(trained.body)")
            #expect(trained.string("phase") == "saving", "\(trained.body)")
        }
    }

    @Test("a train job's stored result carries its model id as a string; the API shows it unchanged")
    func trainResultStoresStringIDs() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("ids", token: token)
            #expect(try await api.importFile(DemoCorpus.text, collection: collection, token: token).string("status") == "done")
            let queued = try await api.request(.post, "/api/v1/collections/\(collection)/train", as: .token(token), json: "{}")
            let id = try #require(queued.string("id"))
            let job = try await api.waitForJob(id, token: token)
            #expect(job.string("status") == "done", "\(job.body)")
            let model = try #require(job.string("model_id"))
            #expect((job["result"] as? [String: Any])?["model_id"] as? String == model, "\(job.body)")

            // What the database holds (and any other reader of it sees): no number beyond 2^53.
            let jobID = try #require(Int64(id))
            let stored = try #require(try await api.services.store.job(id: jobID))
            let text = try #require(stored.result)
            #expect(text.contains("\"model_id\":\"\(model)\""), "\(text)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["model_id"] as? String == model)
            let decoded = try JSONDecoder().decode(TrainResult.self, from: Data(text.utf8))
            #expect(String(decoded.modelID) == model)
            // Results stored before the change (numbers) still decode.
            let legacy = text.replacingOccurrences(of: "\"model_id\":\"\(model)\"", with: "\"model_id\":\(model)")
            #expect(String(try JSONDecoder().decode(TrainResult.self, from: Data(legacy.utf8)).modelID) == model)
        }
    }
}
