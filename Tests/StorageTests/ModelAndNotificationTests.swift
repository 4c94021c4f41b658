import Core
import Foundation
import Storage
import Synchronization
import Testing
import TestSupport

@Suite("Models and notifications")
struct ModelAndNotificationTests {
    @Test("models: versions increase; activating keeps exactly one active per collection and level", arguments: Backend.allCases)
    func versionsAndActivation(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let collection = try await store.createCollection(name: "C", description: "", createdBy: nil)
            let bytes: [UInt8] = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let v1 = try await store.saveModel(collectionID: collection.id, level: "subclass", metadata: "{}", data: bytes, activate: true, jobID: nil)
            let v2 = try await store.saveModel(collectionID: collection.id, level: "subclass", metadata: "{}", data: [1], activate: true, jobID: 7)
            let v3 = try await store.saveModel(collectionID: collection.id, level: "subclass", metadata: "{}", data: [2], activate: false, jobID: nil)
            let group = try await store.saveModel(collectionID: collection.id, level: "main_group", metadata: "{}", data: [3], activate: true, jobID: nil)
            #expect([v1.version, v2.version, v3.version, group.version] == [Int](arrayLiteral: 1, 2, 3, 1))
            #expect(v2.jobID == 7 && v1.bytes == 70_000)
            #expect(try await store.modelData(id: v1.id) == bytes)
            #expect(try await store.activeModel(collectionID: collection.id, level: "subclass")?.id == v2.id)
            #expect(try await store.activeModel(collectionID: collection.id, level: "main_group")?.id == group.id)

            #expect(try await store.activateModel(id: v1.id)?.active == true)
            #expect(try await store.activeModels().map(\.id).sorted() == [v1.id, group.id].sorted())
            #expect(try await store.models(collectionID: collection.id, limit: 10).items.map(\.version) == [1, 3, 2, 1])
            try await store.attachEvaluation(modelID: v1.id, report: #"{"p1":0.5}"#)
            #expect(try await store.model(id: v1.id)?.evaluation == #"{"p1":0.5}"#)
        }
    }

    @Test("models saved by 8 servers at once: distinct versions, exactly one active", arguments: Backend.allCases)
    func concurrentSaves(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let store = try await database.open()
            let collection = try await store.createCollection(name: "C", description: "", createdBy: nil)
            var servers: [Store] = []
            for _ in 0..<8 { servers.append(try await database.open()) }
            let saved = try await withThrowingTaskGroup(of: ModelRecord.self) { group in
                for server in servers {
                    group.addTask {
                        try await server.saveModel(
                            collectionID: collection.id, level: "subclass", metadata: "{}", data: [1, 2, 3], activate: true, jobID: nil)
                    }
                }
                var all: [ModelRecord] = []
                for try await model in group { all.append(model) }
                return all
            }
            #expect(saved.map(\.version).sorted() == Array(1...8))
            let models = try await store.models(collectionID: collection.id, limit: 100).items
            #expect(models.filter(\.active).count == 1)
            #expect(try await store.activeModel(collectionID: collection.id, level: "subclass")?.id == models.first { $0.active }?.id)
        }
    }

    @Test("a job event published through one store reaches another store on the same database", arguments: Backend.allCases)
    func notificationsAcrossStores(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let publisher = try await database.open()
            let listener = try await database.open()
            let received = Mutex<[JobEvent]>([])
            let notifications = listener.database.notifications()
            let reader = Task {
                for await message in notifications {
                    if let event = JobEvent(message: message) { received.withLock { $0.append(event) } }
                }
            }
            defer { reader.cancel() }
            // PostgreSQL's LISTEN connection starts in the background: publish until one arrives.
            var probe: Int64 = 0
            try await eventually("the listening store to receive a first job event") {
                probe = try await publisher.enqueueJob(kind: .train, collectionID: nil, parameters: "{}", createdBy: nil).id
                try await Task.sleep(for: .milliseconds(200))
                return received.withLock { events in events.contains { $0.jobID == probe } }
            }
            #expect(received.withLock { $0.first { $0.jobID == probe }?.status } == .queued)

            // Now the whole life of a job, in order.
            let job = try await publisher.enqueueJob(kind: .train, collectionID: nil, parameters: "{}", createdBy: nil)
            while let claimed = try await publisher.claimJob(instance: "a"), claimed.id != job.id {}
            _ = try await publisher.reportProgress(jobID: job.id, progress: 0.25, phase: "linear one-vs-rest")
            try await publisher.finishJob(jobID: job.id, status: .done, message: "ok")
            try await eventually("the job's end to arrive") {
                received.withLock { events in events.contains { $0.jobID == job.id && $0.status == .done } }
            }
            let events = received.withLock { events in events.filter { $0.jobID == job.id } }
            #expect(events.map(\.status) == [.queued, .running, .running, .done])
            #expect(events[2].progress == 0.25 && events[2].phase == "linear one-vs-rest")
        }
    }
}
