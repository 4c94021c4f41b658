import Foundation
import HTTPTypes
import Testing

@testable import Server

@Suite("API: classification, IPCCAT, training, evaluation, jobs")
struct ClassifyAndJobAPITests {
    static let batteryText = "A lithium-ion battery cell whose anode contains silicon particles and a binder"

    @Test("classify one text with count, level, threshold, restrict_to and explain")
    func classifySingle() async throws {
        try await TestServer.run(demo: true) { api in
            let token = try await api.adminToken()
            let reply = try await api.request(
                .post, "/api/v1/classify", as: .token(token),
                json: try jsonText(["text": Self.batteryText, "count": 3, "explain": true]))
            #expect(reply.status == .ok, "\(reply.body)")
            let suggestions = try #require(reply["suggestions"] as? [[String: Any]])
            #expect(suggestions.count == 3)
            #expect(suggestions.first?["symbol"] as? String == "H01M")
            let confidences = suggestions.compactMap { $0["confidence"] as? Double }
            #expect(confidences == confidences.sorted(by: >))
            #expect(((suggestions.first?["path"] as? [[String: Any]])?.map { $0["symbol"] as? String }) == ["H", "H01", "H01M"])
            let terms = try #require(suggestions.first?["decisive_terms"] as? [[String: Any]])
            #expect(!terms.isEmpty)
            #expect((reply["model"] as? [String: Any])?["level"] as? String == "subclass")

            let classLevel = try await api.request(
                .post, "/api/v1/classify", as: .token(token), json: try jsonText(["text": Self.batteryText, "level": "class", "count": 2]))
            let classSymbols = (classLevel["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["symbol"] as? String }
            #expect(classSymbols.first == "H01")
            #expect(classSymbols.allSatisfy { $0.count == 3 }, "\(classSymbols)")
            #expect((classLevel["suggestions"] as? [[String: Any]])?.first?["decisive_terms"] == nil, "no explanation unless asked")

            let restricted = try await api.request(
                .post, "/api/v1/classify", as: .token(token), json: try jsonText(["text": Self.batteryText, "restrict_to": ["A"]]))
            let restrictedSymbols = (restricted["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["symbol"] as? String }
            #expect(restrictedSymbols.allSatisfy { $0.hasPrefix("A") }, "\(restrictedSymbols)")

            let thresholded = try await api.request(
                .post, "/api/v1/classify", as: .token(token), json: try jsonText(["text": Self.batteryText, "threshold": 0.3, "count": 10]))
            let kept = (thresholded["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["confidence"] as? Double }
            #expect(!kept.isEmpty && kept.allSatisfy { $0 >= 0.3 }, "\(kept)")

            for (body, fragment) in [
                (#"{"text":"x","count":0}"#, "count"), (#"{"text":"x","threshold":2}"#, "threshold"),
                (#"{"text":"x","level":"chapter"}"#, "chapter"), (#"{"text":"x","restrict_to":["H01","??"]}"#, "restrict_to[1]"),
                (#"{"count":3}"#, "text"), (#"{"text":"x","texts":["y"]}"#, "either"),
            ] {
                let bad = try await api.request(.post, "/api/v1/classify", as: .token(token), json: body)
                #expect(bad.status == .badRequest, "\(body)")
                #expect(bad.errorMessage?.contains(fragment) == true, "\(body): \(bad.body)")
            }
            let noModel = try await api.request(.post, "/api/v1/classify", as: .token(token), json: #"{"text":"x","model_id":"123"}"#)
            #expect(noModel.status == .notFound)
            let noLevel = try await api.request(.post, "/api/v1/classify", as: .token(token), json: #"{"text":"x","level":"subgroup"}"#)
            #expect(noLevel.status == .notFound)
            #expect(noLevel.errorCode == "no_model")
        }
    }

    @Test("classify a batch: one result list per text in order; more than 1000 texts get 400")
    func classifyBatch() async throws {
        try await TestServer.run(demo: true) { api in
            let token = try await api.adminToken()
            let texts = [Self.batteryText, "An artificial fishing lure with a spinning metal blade", "Memory management for virtual machines in a hypervisor"]
            let reply = try await api.request(.post, "/api/v1/classify", as: .token(token), json: try jsonText(["texts": texts, "count": 1]))
            #expect(reply.status == .ok, "\(reply.body)")
            let results = try #require(reply["results"] as? [[[String: Any]]])
            #expect(results.count == 3)
            #expect(results.map { $0.first?["symbol"] as? String } == ["H01M", "A01K", "G06F"])
            #expect(reply["suggestions"] == nil)

            let many = try jsonText(["texts": Array(repeating: "a battery", count: 1001)])
            let tooMany = try await api.request(.post, "/api/v1/classify", as: .token(token), json: many)
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.errorMessage?.contains("1001") == true)
        }
    }

    @Test("IPCCAT endpoint: [{score, code, display}] at CLASS and SUBCLASS; an invalid level gets 400")
    func ipccat() async throws {
        try await TestServer.run(demo: true) { api in
            let token = try await api.adminToken()
            let text = Self.batteryText.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let subclass = try await api.request(.get, "/api/v1/ipccat?text=\(text)&numberofpredictions=2", as: .token(token))
            #expect(subclass.status == .ok, "\(subclass.body)")
            let results = subclass.array.compactMap { $0 as? [String: Any] }
            #expect(results.count == 2)
            #expect(results.first?["code"] as? String == "H01M")
            #expect((results.first?["display"] as? String)?.hasPrefix("H01M") == true)
            #expect(results.first?["score"] is Double)

            let classLevel = try await api.request(.get, "/api/v1/ipccat?text=\(text)&hierarchiclevel=CLASS", as: .token(token))
            let codes = classLevel.array.compactMap { ($0 as? [String: Any])?["code"] as? String }
            #expect(codes.count == 3)
            #expect(codes.first == "H01")

            let invalid = try await api.request(.get, "/api/v1/ipccat?text=\(text)&hierarchiclevel=FAMILY", as: .token(token))
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorMessage?.contains("FAMILY") == true)
            #expect(try await api.request(.get, "/api/v1/ipccat", as: .token(token)).status == .badRequest)
            #expect(try await api.request(.get, "/api/v1/ipccat?text=x&numberofpredictions=0", as: .token(token)).status == .badRequest)
        }
    }

    @Test("training runs to done with a new active model; a second training makes version 2, the only active one")
    func trainTwice() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("train", token: token)
            #expect(try await api.importFile(DemoCorpus.text, collection: collection, token: token).string("status") == "done")
            let noModel = try await api.request(
                .post, "/api/v1/classify", as: .token(token), json: try jsonText(["text": "x", "collection_id": collection]))
            #expect(noModel.errorCode == "no_model")

            var models: [String] = []
            for version in 1...2 {
                let queued = try await api.request(.post, "/api/v1/collections/\(collection)/train", as: .token(token), json: "{}")
                #expect(queued.status == .accepted, "\(queued.body)")
                #expect(queued.string("kind") == "train")
                let job = try await api.waitForJob(try #require(queued.string("id")), token: token)
                #expect(job.string("status") == "done", "\(job.body)")
                #expect(job["progress"] as? Double == 1)
                let result = try #require(job["result"] as? [String: Any])
                #expect(result["version"] as? Int == version)
                #expect(result["documents"] as? Int == 52)
                let model = try #require(job.string("model_id"))
                #expect(result["model_id"] as? String == model)
                models.append(model)
            }
            let listed = try await api.request(.get, "/api/v1/models?collection_id=\(collection)", as: .token(token))
            let active = listed.items.filter { $0["active"] as? Bool == true }.compactMap { $0["id"] as? String }
            #expect(listed.items.count == 2)
            #expect(active == [models[1]])
            let second = try await api.request(.get, "/api/v1/models/\(models[1])", as: .token(token))
            #expect(second["version"] as? Int == 2)
            #expect(second["metadata"] is [String: Any])

            let classified = try await api.request(
                .post, "/api/v1/classify", as: .token(token), json: try jsonText(["text": Self.batteryText, "collection_id": collection]))
            #expect((classified["model"] as? [String: Any])?["id"] as? String == models[1])

            // Going back to version 1.
            let activated = try await api.request(.post, "/api/v1/models/\(models[0])/activate", as: .token(token))
            #expect(activated.status == .ok)
            #expect(activated["active"] as? Bool == true)
            let after = try await api.request(.get, "/api/v1/models?collection_id=\(collection)", as: .token(token))
            #expect(after.items.filter { $0["active"] as? Bool == true }.compactMap { $0["id"] as? String } == [models[0]])

            let download = try await api.request(.get, "/api/v1/models/\(models[0])/download", as: .token(token))
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.contains(".ipaimodel") == true)

            let badLevel = try await api.request(.post, "/api/v1/collections/\(collection)/train", as: .token(token), json: #"{"level":"chapter"}"#)
            #expect(badLevel.status == .badRequest)
            #expect(badLevel.errorMessage?.contains("chapter") == true)
            let badField = try await api.request(.post, "/api/v1/collections/\(collection)/train", as: .token(token), json: #"{"text_fields":["summary"]}"#)
            #expect(badField.status == .badRequest)
            #expect(badField.errorMessage?.contains("summary") == true)
        }
    }

    @Test("an evaluate job attaches its report to the model")
    func evaluate() async throws {
        try await TestServer.run(demo: true) { api in
            let token = try await api.adminToken()
            let collections = try await api.request(.get, "/api/v1/collections", as: .token(token))
            let demo = try #require(collections.items.first?["id"] as? String)
            let models = try await api.request(.get, "/api/v1/models", as: .token(token))
            let model = try #require(models.items.first?["id"] as? String)
            #expect(try await api.request(.get, "/api/v1/models/\(model)", as: .token(token))["evaluation"] == nil)

            let queued = try await api.request(
                .post, "/api/v1/models/\(model)/evaluate", as: .token(token), json: try jsonText(["collection_id": demo]))
            #expect(queued.status == .accepted, "\(queued.body)")
            let job = try await api.waitForJob(try #require(queued.string("id")), token: token)
            #expect(job.string("status") == "done", "\(job.body)")
            #expect(job.string("message")?.contains("P@1") == true)
            let evaluated = try await api.request(.get, "/api/v1/models/\(model)", as: .token(token))
            let report = try #require(evaluated["evaluation"] as? [String: Any])
            #expect(report["documents"] as? Int == 52)

            let missing = try await api.request(
                .post, "/api/v1/models/\(model)/evaluate", as: .token(token), json: #"{"collection_id":"999"}"#)
            #expect(missing.status == .notFound)
            #expect(missing.errorMessage?.contains("999") == true)
        }
    }

    @Test("cancelling a queued job cancels it; cancelling a finished job gets 409")
    func cancelQueued() async throws {
        // No job runner: the job stays queued until cancelled.
        try await TestServer.run(configure: { $0.runsJobs = false }) { api in
            let token = try await api.adminToken()
            let collection = try await api.createCollection("queue", token: token)
            let queued = try await api.request(
                .post, "/api/v1/collections/\(collection)/imports", as: .token(token), raw: DemoCorpus.text)
            let id = try #require(queued.string("id"))
            #expect(queued.string("status") == "queued")
            let cancelled = try await api.request(.post, "/api/v1/jobs/\(id)/cancel", as: .token(token))
            #expect(cancelled.status == .accepted, "\(cancelled.body)")
            #expect(cancelled.string("status") == "cancelled")
            #expect(try await api.request(.get, "/api/v1/jobs/\(id)", as: .token(token)).string("status") == "cancelled")
            let again = try await api.request(.post, "/api/v1/jobs/\(id)/cancel", as: .token(token))
            #expect(again.status == .conflict)
            #expect(again.errorMessage?.contains("cancelled") == true)

            let listed = try await api.request(.get, "/api/v1/jobs?status=cancelled", as: .token(token))
            #expect(listed.items.compactMap { $0["id"] as? String } == [id])
            #expect(try await api.request(.get, "/api/v1/jobs?status=queued", as: .token(token)).items.isEmpty)
            let badStatus = try await api.request(.get, "/api/v1/jobs?status=paused", as: .token(token))
            #expect(badStatus.status == .badRequest)
            #expect(badStatus.errorMessage?.contains("paused") == true)
        }
    }
}
