import Core
import Foundation
import Storage

extension ConsultationStore {
    /// Opens (or moves) the call for comments on a published version.
    /// - Parameters:
    ///   - opensOn: the first day submissions are accepted, `YYYY-MM-DD` (UTC).
    ///   - closesOn: the last day, inclusive, not before `opensOn`.
    /// - Throws: `invalidInput` for bad dates; `conflict` for a draft version.
    @discardableResult
    public func setCall(versionID: Int64, opensOn: String, closesOn: String) async throws(IPAIError) -> CallRecord {
        guard let version = try await version(id: versionID) else {
            throw IPAIError(.notFound, "paper version \(versionID) does not exist", at: InputLocation(field: "version_id", value: String(versionID)))
        }
        guard version.isPublished else {
            throw IPAIError(.conflict, "version \(version.number) is a draft; publish it before calling for comments on it")
        }
        try Self.checkDay(opensOn, field: "opens_at")
        try Self.checkDay(closesOn, field: "closes_at")
        guard opensOn <= closesOn else {
            throw IPAIError(.invalidInput, "the call closes (\(closesOn)) before it opens (\(opensOn))", at: InputLocation(field: "closes_at", value: closesOn))
        }
        let call = CallRecord(versionID: versionID, opensOn: opensOn, closesOn: closesOn, createdAt: Clock.milliseconds())
        _ = try await store.rows(
            """
            INSERT INTO cons_calls (version_id, opens_on, closes_on, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (version_id) DO UPDATE SET opens_on = excluded.opens_on, closes_on = excluded.closes_on
            """,
            [.integer(versionID), .text(opensOn), .text(closesOn), .integer(call.createdAt)])
        return call
    }

    /// The UTC day (`YYYY-MM-DD`) of a time in milliseconds since 1970 (calls open and close by day).
    public static func day(ofMilliseconds milliseconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        let year = parts.year ?? 1970, month = parts.month ?? 1, day = parts.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func checkDay(_ text: String, field: String) throws(IPAIError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid = parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
        guard valid else {
            throw IPAIError(.invalidInput, "expected a date such as 2025-04-23", at: InputLocation(field: field, value: text))
        }
    }
}
