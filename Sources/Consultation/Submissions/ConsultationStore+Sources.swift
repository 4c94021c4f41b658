import Core
import Storage

extension ConsultationStore {
    /// Records which accepted submissions on earlier versions of the same paper informed an
    /// issue of a revised version (replacing the previous list).
    /// - Returns: the submission ids, ascending.
    /// - Throws: `notFound` for an unknown issue number; `invalidInput` naming a submission that is
    ///   not accepted or not on an earlier version of this paper.
    @discardableResult
    public func setSources(versionID: Int64, issueNumber: Int, submissionIDs: [Int64]) async throws(IPAIError) -> [Int64] {
        guard let version = try await version(id: versionID) else {
            throw IPAIError(.notFound, "paper version \(versionID) does not exist", at: InputLocation(field: "version_id", value: String(versionID)))
        }
        guard let issue = try await issues(versionID: versionID).first(where: { $0.number == issueNumber }) else {
            throw IPAIError(
                .notFound, "version \(version.number) has no issue \(issueNumber)", at: InputLocation(field: "number", value: String(issueNumber)))
        }
        let earlier = Dictionary(
            try await versions(paperID: version.paperID).filter { $0.number < version.number }.map { ($0.id, $0.number) },
            uniquingKeysWith: { first, _ in first })
        let ids = Array(Set(submissionIDs)).sorted()
        for id in ids {
            let submission = try await submission(id: id)
            guard let submission, earlier[submission.versionID] != nil else {
                throw IPAIError(
                    .invalidInput, "submission \(id) was not sent on an earlier version of this paper",
                    at: InputLocation(field: "submission_ids", value: String(id)))
            }
            guard submission.isPublished else {
                throw IPAIError(
                    .invalidInput, "submission \(id) is \(submission.status.rawValue); only accepted (published) submissions can be sources",
                    at: InputLocation(field: "submission_ids", value: String(id)))
            }
        }
        var statements = [SQLStatement("DELETE FROM cons_issue_sources WHERE issue_id = ?", [.integer(issue.id)])]
        for id in ids {
            statements.append(SQLStatement("INSERT INTO cons_issue_sources (issue_id, submission_id) VALUES (?, ?)", [.integer(issue.id), .integer(id)]))
        }
        _ = try await database.transaction(statements)
        return ids
    }

    /// The submissions that informed each issue of a version (issue number → submission ids, ascending).
    public func sources(versionID: Int64) async throws(IPAIError) -> [Int: [Int64]] {
        let rows = try await store.rows(
            """
            SELECT i.number AS number, s.submission_id AS submission_id FROM cons_issue_sources s
            JOIN cons_issues i ON i.id = s.issue_id WHERE i.version_id = ? ORDER BY i.number, s.submission_id
            """, [.integer(versionID)])
        var result: [Int: [Int64]] = [:]
        for row in rows { result[try row.int("number"), default: []].append(try row.int64("submission_id")) }
        return result
    }
}
