import Foundation
import Storage
import Testing

@testable import Core
@testable import Server

@Suite("Jobs: cancelling a job that is already running")
struct JobCancelTests {
    /// A corpus big enough that training takes a while: 3,000 invented documents over 40 labels.
    static func corpus() -> [PatentDocument] {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<2000).map { "term\($0)" }
        let labels = ["A01B", "A61K", "B60L", "C07D", "E04B", "F16H", "G06F", "G06N", "H01M", "H04L"]
            .flatMap { subclass in (1...4).map { "\(subclass) \($0)/00" } }
        return (0..<3000).map { index in
            let label = labels[index % labels.count]
            let text = (0..<60).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }.joined(separator: " ")
            return PatentDocument(id: "doc-\(index)", title: "\(label) device", abstract: text, symbols: ["ipc": [label]])
        }
    }

    @Test("a training job whose cancel was requested while it ran ends cancelled, and no model is saved")
    func cancelRunningTraining() async throws {
        try await TestServer.run(configure: { $0.runsJobs = false }) { api in
            let store = api.services.store
            let collection = try await store.createCollection(name: "big", description: "", createdBy: nil)
            _ = try await store.upsertDocuments(Self.corpus(), collectionID: collection.id)
            let parameters = TrainParameters(
                level: "main-group", labelField: "ipc", textFields: ["title", "abstract"], activate: true, skipInvalid: true)
            let queued = try await store.enqueueJob(
                kind: .train, collectionID: collection.id, parameters: JSONCoding.encode(parameters), createdBy: nil)
            // As a server does: claim it (running), then a user asks to cancel, then it runs.
            let claimed = try #require(try await store.claimJob(instance: "test"))
            #expect(claimed.id == queued.id)
            let requested = try #require(try await store.requestCancel(jobID: claimed.id))
            #expect(requested.status == .running)
            #expect(requested.cancelRequested)
            await JobRunner(services: api.services).execute(try #require(try await store.job(id: claimed.id)))

            let finished = try #require(try await store.job(id: claimed.id))
            #expect(finished.status == .cancelled)
            #expect(try await store.models(collectionID: collection.id).items.isEmpty)
        }
    }
}
