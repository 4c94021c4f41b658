import Foundation
import Core

extension Store {
    /// Queues a job; a server's job runner will claim it.
    public func enqueueJob(kind: JobKind, collectionID: Int64?, modelID: Int64? = nil, parameters: String, createdBy: Int64?) async throws(IPAIError) -> JobRecord {
        let job = JobRecord(
            id: IdentifierGenerator.next(), kind: kind, status: .queued, collectionID: collectionID, modelID: modelID,
            parameters: parameters, progress: 0, phase: "", message: "", result: nil, createdBy: createdBy,
            createdAt: Clock.milliseconds(), startedAt: nil, finishedAt: nil, heartbeatAt: nil, claimedBy: nil,
            cancelRequested: false)
        let insert = SQLStatement(
            """
            INSERT INTO jobs (id, kind, status, collection_id, model_id, parameters, created_by, created_at)
            VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)
            """,
            [.integer(job.id), .text(kind.rawValue), SQLValue(collectionID), SQLValue(modelID), .text(parameters),
             SQLValue(createdBy), .integer(job.createdAt)])
        let event = JobEvent(jobID: job.id, status: .queued).message
        if dialect == .postgres {
            // NOTIFY in the inserting transaction: delivered at its commit, so before the `running` of any server
            // that claims the job (a NOTIFY sent after the commit could lose that race on a busy database).
            _ = try await database.transaction([insert, SQLStatement("SELECT pg_notify(?, ?)", [.text(PostgresDatabase.channel), .text(event)])])
        } else {
            _ = try await database.transaction([insert])
            try? await database.notify(event)
        }
        return job
    }

    /// Claims the oldest queued job for `instance`, or nil. Exactly one server gets each job:
    /// PostgreSQL skips rows other transactions have locked; SQLite has one writer.
    public func claimJob(instance: String) async throws(IPAIError) -> JobRecord? {
        let lock = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let now = Clock.milliseconds()
        let found = try await rows(
            """
            UPDATE jobs SET status = 'running', claimed_by = ?, started_at = ?, heartbeat_at = ?
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1\(lock)) AND status = 'queued'
            RETURNING *
            """, [.text(instance), .integer(now), .integer(now)])
        guard let row = found.first else { return nil }
        let job = try Self.job(row)
        try? await database.notify(JobEvent(jobID: job.id, status: .running).message)
        return job
    }

    /// Records progress (nil: unchanged) and proves the claiming server is alive; returns whether
    /// cancellation was asked (or the job is no longer running).
    public func reportProgress(jobID: Int64, progress: Double?, phase: String?) async throws(IPAIError) -> Bool {
        let found = try await rows(
            """
            UPDATE jobs SET progress = COALESCE(?, progress), phase = COALESCE(?, phase), heartbeat_at = ?
            WHERE id = ? AND status = 'running' RETURNING cancel_requested
            """,
            [progress.map { .real(min(1, max(0, $0))) } ?? .null, SQLValue(phase), .integer(Clock.milliseconds()), .integer(jobID)])
        if !found.isEmpty, progress != nil || phase != nil {
            try? await database.notify(JobEvent(jobID: jobID, status: .running, progress: progress, phase: phase).message)
        }
        return try found.first?.bool("cancel_requested") ?? true
    }

    /// Ends a running job with its outcome.
    /// - Parameters:
    ///   - progress: where the work got to (nil: as last reported); a done job is always at 1.
    ///   - phase: the phase the job ended in — the last one that ran (nil: as last reported).
    public func finishJob(
        jobID: Int64, status: JobStatus, message: String, result: String? = nil, modelID: Int64? = nil,
        progress: Double? = nil, phase: String? = nil
    ) async throws(IPAIError) {
        precondition(status.isFinished)
        let progress = status == .done ? 1 : progress.map { min(1, max(0, $0)) }
        let found = try await rows(
            """
            UPDATE jobs SET status = ?, message = ?, result = ?, model_id = COALESCE(?, model_id), finished_at = ?,
              progress = COALESCE(?, progress), phase = COALESCE(?, phase)
            WHERE id = ? AND status IN ('queued', 'running') RETURNING id
            """,
            [.text(status.rawValue), .text(message), SQLValue(result), SQLValue(modelID), .integer(Clock.milliseconds()),
             progress.map { .real($0) } ?? .null, SQLValue(phase), .integer(jobID)])
        guard !found.isEmpty else { return }
        try? await database.notify(JobEvent(jobID: jobID, status: status, progress: status == .done ? 1 : nil, phase: phase).message)
    }

    /// Asks a job to stop: a queued job is cancelled at once, a running one at its next progress report.
    /// - Returns: the job after the request, or nil if there is no such job.
    public func requestCancel(jobID: Int64) async throws(IPAIError) -> JobRecord? {
        _ = try await database.transaction([
            SQLStatement(
                "UPDATE jobs SET status = 'cancelled', finished_at = ?, message = 'cancelled before it started' WHERE id = ? AND status = 'queued'",
                [.integer(Clock.milliseconds()), .integer(jobID)]),
            SQLStatement("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running'", [.integer(jobID)]),
        ])
        let job = try await self.job(id: jobID)
        if let job { try? await database.notify(JobEvent(jobID: jobID, status: job.status).message) }
        return job
    }

    /// Jobs left `running` by a server that stopped (killed, crashed): their heartbeat is older
    /// than `staleAfter` milliseconds, or they were claimed by `instance` itself before a restart.
    /// They are marked failed, so nobody waits on them and their half-done work never counts.
    @discardableResult
    public func failAbandonedJobs(staleAfter: Int64, restartedInstance instance: String? = nil) async throws(IPAIError) -> [Int64] {
        let now = Clock.milliseconds()
        let found = try await rows(
            """
            UPDATE jobs SET status = 'failed', finished_at = ?,
              message = 'interrupted: the server running it stopped; start the job again'
            WHERE status = 'running' AND (heartbeat_at < ? OR claimed_by = ?) RETURNING id
            """, [.integer(now), .integer(now - staleAfter), .text(instance ?? "")])
        var ids: [Int64] = []
        for row in found { ids.append(try row.int64("id")) }
        for id in ids { try? await database.notify(JobEvent(jobID: id, status: .failed).message) }
        return ids
    }

    public func job(id: Int64) async throws(IPAIError) -> JobRecord? {
        try await rows("SELECT * FROM jobs WHERE id = ?", [.integer(id)]).first.map(Self.job)
    }

    public func jobs(status: JobStatus? = nil, collectionID: Int64? = nil, limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<JobRecord> {
        var conditions = ["id < ?"]
        var arguments: [SQLValue] = []
        if let status {
            conditions.insert("status = ?", at: 0)
            arguments.append(.text(status.rawValue))
        }
        if let collectionID {
            conditions.insert("collection_id = ?", at: 0)
            arguments.insert(.integer(collectionID), at: 0)
        }
        return try await page(
            "SELECT * FROM jobs WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?", arguments,
            limit: limit, cursor: cursor, map: Self.job)
    }

    static func job(_ row: SQLRow) throws(IPAIError) -> JobRecord {
        JobRecord(
            id: try row.int64("id"), kind: JobKind(rawValue: try row.string("kind")) ?? .train,
            status: JobStatus(rawValue: try row.string("status")) ?? .failed, collectionID: row.optionalInt64("collection_id"),
            modelID: row.optionalInt64("model_id"), parameters: try row.string("parameters"), progress: try row.double("progress"),
            phase: try row.string("phase"), message: try row.string("message"), result: row.optionalString("result"),
            createdBy: row.optionalInt64("created_by"), createdAt: try row.int64("created_at"),
            startedAt: row.optionalInt64("started_at"), finishedAt: row.optionalInt64("finished_at"),
            heartbeatAt: row.optionalInt64("heartbeat_at"), claimedBy: row.optionalString("claimed_by"),
            cancelRequested: try row.bool("cancel_requested"))
    }
}

/// A change to a job, as published to every server (and from there to web pages).
public struct JobEvent: Sendable, Equatable {
    public var jobID: Int64
    public var status: JobStatus
    public var progress: Double?
    public var phase: String?

    public init(jobID: Int64, status: JobStatus, progress: Double? = nil, phase: String? = nil) {
        self.jobID = jobID
        self.status = status
        self.progress = progress
        self.phase = phase
    }

    /// `job <id> <status> <progress> <phase>`: short, as NOTIFY payloads must be.
    public var message: String {
        "job \(jobID) \(status.rawValue) \(progress.map { String(format: "%.4f", $0) } ?? "-") \(phase ?? "")"
    }

    public init?(message: String) {
        let parts = message.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "job", let id = Int64(parts[1]), let status = JobStatus(rawValue: String(parts[2]))
        else { return nil }
        self.init(jobID: id, status: status, progress: Double(parts[3]), phase: parts.count > 4 ? String(parts[4]) : nil)
    }
}

extension Store {
    /// Puts a running job back in the queue (its server is shutting down before finishing it).
    @discardableResult
    public func requeueJob(jobID: Int64) async throws(IPAIError) -> Bool {
        let found = try await rows(
            """
            UPDATE jobs SET status = 'queued', claimed_by = NULL, started_at = NULL, heartbeat_at = NULL, progress = 0,
              phase = '', message = 'returned to the queue when its server stopped'
            WHERE id = ? AND status = 'running' RETURNING id
            """, [.integer(jobID)])
        if !found.isEmpty { try? await database.notify(JobEvent(jobID: jobID, status: .queued).message) }
        return !found.isEmpty
    }
}
