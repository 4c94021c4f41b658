import Core
import Foundation
import Storage
import Synchronization
import Testing
import TestSupport

@Suite("Jobs")
struct JobTests {
    @Test("a job: enqueue, claim, progress, finish", arguments: Backend.allCases)
    func lifecycle(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let collection = try await store.createCollection(name: "C", description: "", createdBy: nil)
            let job = try await store.enqueueJob(kind: .train, collectionID: collection.id, parameters: #"{"level":"subclass"}"#, createdBy: nil)
            #expect(try await store.job(id: job.id)?.status == .queued)
            let claimed = try #require(try await store.claimJob(instance: "server-a"))
            #expect(claimed.id == job.id && claimed.status == .running && claimed.claimedBy == "server-a")
            #expect(claimed.startedAt != nil && claimed.heartbeatAt != nil && claimed.parameters == job.parameters)
            #expect(try await store.claimJob(instance: "server-b") == nil, "a running job is not claimed again")

            #expect(try await store.reportProgress(jobID: job.id, progress: 0.4, phase: "linear") == false)
            #expect(try await store.reportProgress(jobID: job.id, progress: nil, phase: nil) == false, "a heartbeat keeps progress")
            let running = try #require(try await store.job(id: job.id))
            #expect(running.progress == 0.4 && running.phase == "linear")

            try await store.finishJob(jobID: job.id, status: .done, message: "model 1", result: #"{"ok":true}"#, modelID: 42)
            let done = try #require(try await store.job(id: job.id))
            #expect(done.status == .done && done.progress == 1 && done.message == "model 1" && done.result == #"{"ok":true}"#)
            #expect(done.modelID == 42 && done.finishedAt != nil)
            #expect(try await store.reportProgress(jobID: job.id, progress: 0.5, phase: "late") == true, "an ended job tells its worker to stop")
            try await store.finishJob(jobID: job.id, status: .failed, message: "too late")
            #expect(try await store.job(id: job.id)?.status == .done, "an ended job keeps its outcome")

            let page = try await store.jobs(status: .done, collectionID: collection.id)
            #expect(page.items.map(\.id) == [job.id])
            #expect(try await store.jobs(status: .queued).items.isEmpty)
        }
    }

    @Test("cancel: a queued job at once, a running one through its next progress report", arguments: Backend.allCases)
    func cancel(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let first = try await store.enqueueJob(kind: .importDocuments, collectionID: nil, parameters: "{}", createdBy: nil)
            let second = try await store.enqueueJob(kind: .importDocuments, collectionID: nil, parameters: "{}", createdBy: nil)
            #expect(try await store.claimJob(instance: "a")?.id == first.id, "the oldest job first")
            let cancelledQueued = try #require(try await store.requestCancel(jobID: second.id))
            #expect(cancelledQueued.status == .cancelled)
            #expect(try await store.claimJob(instance: "a") == nil, "a cancelled job is never claimed")

            let cancelledRunning = try #require(try await store.requestCancel(jobID: first.id))
            #expect(cancelledRunning.status == .running && cancelledRunning.cancelRequested)
            #expect(try await store.reportProgress(jobID: first.id, progress: 0.1, phase: "importing") == true)
            try await store.finishJob(jobID: first.id, status: .cancelled, message: "cancelled")
            #expect(try await store.job(id: first.id)?.status == .cancelled)
            #expect(try await store.requestCancel(jobID: 12345) == nil)
        }
    }

    @Test("requeue: a job its server gave back runs again from the start", arguments: Backend.allCases)
    func requeue(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let job = try await store.enqueueJob(kind: .evaluate, collectionID: nil, parameters: "{}", createdBy: nil)
            _ = try #require(try await store.claimJob(instance: "a"))
            _ = try await store.reportProgress(jobID: job.id, progress: 0.7, phase: "evaluating")
            #expect(try await store.requeueJob(jobID: job.id))
            let queued = try #require(try await store.job(id: job.id))
            #expect(queued.status == .queued && queued.claimedBy == nil && queued.progress == 0 && !queued.message.isEmpty)
            #expect(try await store.requeueJob(jobID: job.id) == false, "only a running job can be given back")
            #expect(try await store.claimJob(instance: "b")?.claimedBy == "b")
        }
    }

    @Test("abandoned jobs: stale or left by this server's previous run are failed with a message", arguments: Backend.allCases)
    func abandoned(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let mine = try await store.enqueueJob(kind: .train, collectionID: nil, parameters: "{}", createdBy: nil)
            let theirs = try await store.enqueueJob(kind: .train, collectionID: nil, parameters: "{}", createdBy: nil)
            let queued = try await store.enqueueJob(kind: .train, collectionID: nil, parameters: "{}", createdBy: nil)
            _ = try await store.claimJob(instance: "me")
            _ = try await store.claimJob(instance: "other")
            #expect(try await store.failAbandonedJobs(staleAfter: 3_600_000).isEmpty, "fresh heartbeats: nothing abandoned")
            #expect(try await store.failAbandonedJobs(staleAfter: 3_600_000, restartedInstance: "me") == [mine.id])
            // A heartbeat older than the limit (a limit below zero puts every heartbeat in the past).
            #expect(try await store.failAbandonedJobs(staleAfter: -60_000) == [theirs.id])
            for id in [mine.id, theirs.id] {
                let job = try #require(try await store.job(id: id))
                #expect(job.status == .failed && job.message.contains("interrupted") && job.finishedAt != nil)
                #expect(try await store.reportProgress(jobID: id, progress: 0.9, phase: "x") == true, "its worker, if alive, stops")
            }
            #expect(try await store.job(id: queued.id)?.status == .queued, "queued jobs are not abandoned")
        }
    }

    @Test("exactly once: 8 servers claiming 64 jobs at the same time get each job once", arguments: Backend.allCases)
    func exactlyOnceClaim(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let store = try await database.open()
            var ids: [Int64] = []
            for _ in 0..<64 {
                ids.append(try await store.enqueueJob(kind: .train, collectionID: nil, parameters: "{}", createdBy: nil).id)
            }
            var servers: [Store] = []
            for _ in 0..<8 { servers.append(try await database.open()) }
            let claims = try await withThrowingTaskGroup(of: [(Int64, String)].self) { group in
                for (index, server) in servers.enumerated() {
                    group.addTask {
                        var mine: [(Int64, String)] = []
                        while let job = try await server.claimJob(instance: "server-\(index)") {
                            mine.append((job.id, job.claimedBy ?? ""))
                            await Task.yield()
                        }
                        return mine
                    }
                }
                var all: [(Int64, String)] = []
                for try await claims in group { all += claims }
                return all
            }
            #expect(claims.map(\.0).sorted() == ids.sorted(), "every job claimed, none twice")
            for (id, claimer) in claims {
                #expect(try await store.job(id: id)?.claimedBy == claimer, "the row names the server that got the job")
            }
        }
    }
}
