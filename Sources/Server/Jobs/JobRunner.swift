import Core
import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Runs background jobs. Every server may run one; each job is claimed through the database by
/// exactly one of them. It wakes when a job is queued (notifications) or every poll interval,
/// sweeps jobs abandoned by servers that died, and on shutdown puts its own job back in the
/// queue rather than leave it half done.
///
/// Its sweep also deletes expired sessions, at start and then every ``sessionSweepInterval``.
struct JobRunner: Service {
    let services: ServerServices
    /// How often expired sessions are deleted (they are refused anyway; this keeps the table small).
    var sessionSweepInterval: Duration = .seconds(3600)
    var store: Store { services.store }

    func run() async throws {
        let configuration = services.configuration
        // A job this server's previous run left behind (SQLite: there is no other server).
        let staleMilliseconds = Int64(configuration.jobStaleAfter.components.seconds * 1000)
        // PostgreSQL: jobs of servers that stopped long ago need not wait for the first sweep.
        if store.dialect == .sqlite {
            try await store.failAbandonedJobs(staleAfter: 0)
        } else {
            _ = try? await store.failAbandonedJobs(staleAfter: staleMilliseconds)
        }
        let wakeups = store.database.notifications()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                let (signal, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
                group.addTask {
                    for await message in wakeups where JobEvent(message: message)?.status == .queued {
                        continuation.yield()
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: configuration.jobPollInterval)
                        continuation.yield()
                    }
                }
                group.addTask {
                    var iterator = signal.makeAsyncIterator()
                    var lastSweep = ContinuousClock.now
                    var lastSessionSweep: ContinuousClock.Instant? = nil
                    repeat {
                        if ContinuousClock.now - lastSweep > configuration.jobStaleAfter {
                            lastSweep = .now
                            _ = try? await store.failAbandonedJobs(staleAfter: staleMilliseconds)
                        }
                        if lastSessionSweep.map({ ContinuousClock.now - $0 > sessionSweepInterval }) ?? true {
                            lastSessionSweep = .now
                            await deleteExpiredSessions()
                        }
                        while !Task.isCancelled, let job = try? await store.claimJob(instance: configuration.instance) {
                            await execute(job)
                        }
                    } while await iterator.next() != nil && !Task.isCancelled
                }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func deleteExpiredSessions() async {
        do {
            try await store.deleteExpiredSessions()
        } catch {
            services.logger.warning("could not delete expired sessions", metadata: ["error": "\(error)"])
        }
    }

    /// Runs one claimed job to its end: done, failed, cancelled — or back to the queue if the
    /// server is shutting down.
    func execute(_ job: JobRecord) async {
        let logger = services.logger
        logger.info("job started", metadata: ["job": "\(job.id)", "kind": "\(job.kind.rawValue)"])
        let progress = JobProgress(plan: JobExecutor.plan(for: job.kind))
        // Cancelled while it waited to be run again (e.g. returned to the queue at a shutdown).
        if job.cancelRequested { progress.requestStop() }
        let pump = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let change = progress.takeChange()
                let cancelRequested = (try? await store.reportProgress(
                    jobID: job.id, progress: change?.fraction, phase: change?.phase)) ?? false
                if cancelRequested { progress.requestStop() }
            }
        }
        let executor = JobExecutor(services: services)
        let result = await Self.outcome {
            try await withTaskCancellationHandler {
                try await executor.run(job, progress: progress)
            } onCancel: {
                progress.requestStop()
            }
        }
        let shuttingDown = Task.isCancelled
        // Where the work got to: the pump's last write may not land (it can be cancelled), so the
        // final write carries the phase — a failed job shows the phase it failed in.
        let last = progress.current
        // The pump's last write must land before the final status (or a late "running" would follow "done").
        pump.cancel()
        await pump.value
        // The final writes run in their own task: this one may be cancelled (shutdown), and the
        // database clients refuse work from a cancelled task.
        await Task { [store] in
            switch result {
            case .success(let outcome):
                // Finished, even if shutdown began meanwhile: its model is saved, so it must not run again.
                do {
                    try await store.finishJob(
                        jobID: job.id, status: .done, message: outcome.message, result: outcome.result, modelID: outcome.modelID,
                        phase: progress.finalPhase)
                    logger.info("job done", metadata: ["job": "\(job.id)"])
                } catch {
                    logger.error("job done but its status was not saved", metadata: ["job": "\(job.id)", "error": "\(error)"])
                }
            case .failure(let error):
                if shuttingDown {
                    // Shutting down: another run (or server) starts it again from the beginning.
                    _ = try? await store.requeueJob(jobID: job.id)
                    logger.info("job returned to the queue at shutdown", metadata: ["job": "\(job.id)"])
                } else if let error = error as? IPAIError, error.code == .cancelled {
                    try? await store.finishJob(
                        jobID: job.id, status: .cancelled, message: "cancelled", progress: last.fraction, phase: last.phase)
                } else {
                    let message = (error as? IPAIError)?.description ?? (error as? APIError)?.message ?? "\(error)"
                    try? await store.finishJob(
                        jobID: job.id, status: .failed, message: message, progress: last.fraction, phase: last.phase)
                    logger.warning("job failed", metadata: ["job": "\(job.id)", "error": "\(message)"])
                }
            }
        }.value
    }

    /// The work's outcome or error, as a value (keeps the caller free of deferred initialisation).
    private static func outcome(
        _ work: () async throws -> JobExecutor.Outcome
    ) async -> Result<JobExecutor.Outcome, any Error> {
        do {
            return .success(try await work())
        } catch {
            return .failure(error)
        }
    }
}

/// Runs synchronous, CPU-heavy work off Swift's cooperative threads (which serve requests).
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
