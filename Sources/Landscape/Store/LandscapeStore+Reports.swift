import Core
import Foundation
import Storage

extension LandscapeStore {
    static let reportColumns = """
        id, dataset_id, name, definition, options, status, message, report, aggregated_in, job_id, created_by, created_at, finished_at
        """
    /// The list leaves the (large) report out.
    static let reportSummaryColumns = """
        id, dataset_id, name, definition, options, status, message, NULL AS report, aggregated_in, job_id, created_by, created_at, finished_at
        """

    /// Registers a queued run of `definition` (JSON) over a dataset.
    public func createReport(
        datasetID: Int64, name: String, definition: String, options: ReportOptions, createdBy: Int64?
    ) async throws(IPAIError) -> LandscapeReportRecord {
        try await ready()
        let id = IdentifierGenerator.next()
        try await database.query(
            """
            INSERT INTO landscape_reports (id, dataset_id, name, definition, options, status, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            .integer(id), .integer(datasetID), .text(name), .text(definition), .text(Self.json(options)),
            .text(LandscapeReportRecord.Status.queued.rawValue), SQLValue(createdBy), .integer(Clock.milliseconds()))
        guard let report = try await report(id: id) else { throw IPAIError(.storageFailure, "report \(id) vanished after it was created") }
        return report
    }

    public func report(id: Int64) async throws(IPAIError) -> LandscapeReportRecord? {
        try await ready()
        return try await store.rows("SELECT \(Self.reportColumns) FROM landscape_reports WHERE id = ?", [.integer(id)]).first.map(Self.report)
    }

    /// Reports newest first (without their report JSON), optionally of one dataset.
    public func reports(datasetID: Int64? = nil, limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<LandscapeReportRecord> {
        try await ready()
        var sql = "SELECT \(Self.reportSummaryColumns) FROM landscape_reports WHERE "
        var arguments: [SQLValue] = []
        if let datasetID {
            sql += "dataset_id = ? AND "
            arguments.append(.integer(datasetID))
        }
        sql += "id < ? ORDER BY id DESC LIMIT ?"
        return try await store.page(sql, arguments, limit: limit, cursor: cursor, map: Self.report)
    }

    public func setReportJob(id: Int64, jobID: Int64) async throws(IPAIError) {
        try await ready()
        try await database.query("UPDATE landscape_reports SET job_id = ? WHERE id = ?", .integer(jobID), .integer(id))
    }

    public func setReportStatus(id: Int64, _ status: LandscapeReportRecord.Status, message: String = "") async throws(IPAIError) {
        try await ready()
        let finished: SQLValue = status == .failed ? .integer(Clock.milliseconds()) : .null
        try await database.query(
            "UPDATE landscape_reports SET status = ?, message = ?, finished_at = ? WHERE id = ?",
            .text(status.rawValue), .text(message), finished, .integer(id))
    }

    /// Stores the finished report (its Codable JSON) and marks the run done.
    public func finishReport(id: Int64, report: LandscapeReport, aggregatedIn: String) async throws(IPAIError) {
        try await ready()
        try await database.query(
            "UPDATE landscape_reports SET status = ?, message = '', report = ?, aggregated_in = ?, finished_at = ? WHERE id = ?",
            .text(LandscapeReportRecord.Status.done.rawValue), .text(Self.json(report)), .text(aggregatedIn),
            .integer(Clock.milliseconds()), .integer(id))
    }

    /// Deletes a report and its category memberships. Returns false if it was not there.
    @discardableResult
    public func deleteReport(id: Int64) async throws(IPAIError) -> Bool {
        try await ready()
        let results = try await database.transaction([
            SQLStatement("DELETE FROM landscape_members WHERE report_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM landscape_reports WHERE id = ? RETURNING id", [.integer(id)]),
        ])
        return !(results.last ?? []).isEmpty
    }

    /// The stored report decoded, nil while not done.
    public func decodedReport(_ record: LandscapeReportRecord) throws(IPAIError) -> LandscapeReport? {
        guard let text = record.report else { return nil }
        do {
            return try JSONDecoder().decode(LandscapeReport.self, from: Data(text.utf8))
        } catch {
            throw IPAIError(.storageFailure, "the stored report \(record.id) cannot be read; run the landscape again", cause: error)
        }
    }

    /// The stored options decoded (defaults when unreadable).
    public func decodedOptions(_ record: LandscapeReportRecord) -> ReportOptions {
        (try? JSONDecoder().decode(ReportOptions.self, from: Data(record.options.utf8))) ?? ReportOptions()
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func report(_ row: SQLRow) throws(IPAIError) -> LandscapeReportRecord {
        LandscapeReportRecord(
            id: try row.int64("id"), datasetID: try row.int64("dataset_id"), name: try row.string("name"),
            definition: try row.string("definition"), options: try row.string("options"),
            status: LandscapeReportRecord.Status(rawValue: try row.string("status")) ?? .failed, message: row.optionalString("message") ?? "",
            report: row.optionalString("report"), aggregatedIn: row.optionalString("aggregated_in") ?? "", jobID: row.optionalInt64("job_id"),
            createdBy: row.optionalInt64("created_by"), createdAt: try row.int64("created_at"), finishedAt: row.optionalInt64("finished_at"))
    }
}
