import Core
import Foundation
import Storage

extension ConsultationStore {
    /// The longest submission text accepted, in characters.
    public static let maximumTextLength = 50_000
    /// The largest PDF attachment accepted, in bytes (10 MB).
    public static let maximumAttachmentBytes = 10 * 1024 * 1024

    /// Sends a submission on a published version while its call for comments is open; it waits
    /// in the moderation queue.
    /// - Parameters:
    ///   - issueNumbers: at least one issue number of that version.
    ///   - now: the time of sending (ms since 1970; nil: now), compared by UTC day with the call's dates.
    /// - Throws: `conflict` outside the call's dates (naming them); `invalidInput` naming the field.
    public func createSubmission(
        versionID: Int64, userID: Int64?, authorType: AuthorType, authorName: String, country: String = "", text: String,
        issueNumbers: [Int], now: Int64? = nil
    ) async throws(IPAIError) -> SubmissionRecord {
        guard let version = try await version(id: versionID), version.isPublished else {
            throw IPAIError(.notFound, "paper version \(versionID) does not exist or is not published", at: InputLocation(field: "version_id", value: String(versionID)))
        }
        guard let call = version.call else {
            throw IPAIError(.conflict, "there is no call for comments on version \(version.number) of this paper; submissions are not accepted")
        }
        let today = Self.day(ofMilliseconds: now ?? Clock.milliseconds())
        guard call.isOpen(on: today) else {
            let when = today < call.opensOn ? "has not opened yet" : "has closed"
            throw IPAIError(
                .conflict,
                "the call for comments \(when): submissions are accepted from \(call.opensOn) to \(call.closesOn) (UTC) only")
        }
        let name = authorName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 300 else {
            throw IPAIError(.invalidInput, "give the author or organisation name (1 to 300 characters)", at: InputLocation(field: "author_name"))
        }
        let country = country.trimmingCharacters(in: .whitespacesAndNewlines)
        guard country.count <= 100 else {
            throw IPAIError(.invalidInput, "a country name has at most 100 characters", at: InputLocation(field: "country", value: String(country.prefix(40))))
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else {
            throw IPAIError(.invalidInput, "a submission needs a text", at: InputLocation(field: "text"))
        }
        guard body.count <= Self.maximumTextLength else {
            throw IPAIError(
                .invalidInput, "the text has \(body.count) characters; at most \(Self.maximumTextLength) are accepted (attach a PDF for longer documents)",
                at: InputLocation(field: "text"))
        }
        let tags = Array(Set(issueNumbers)).sorted()
        guard !tags.isEmpty else {
            throw IPAIError(.invalidInput, "tag the submission with at least one issue number of the paper", at: InputLocation(field: "issues"))
        }
        let known = Set(try await issues(versionID: versionID).map(\.number))
        if let unknown = tags.first(where: { !known.contains($0) }) {
            throw IPAIError(
                .invalidInput, "version \(version.number) has no issue \(unknown); its issues are \(known.sorted().map(String.init).joined(separator: ", "))",
                at: InputLocation(field: "issues", value: String(unknown)))
        }
        let id = IdentifierGenerator.next()
        var statements = [
            SQLStatement(
                """
                INSERT INTO cons_submissions (id, version_id, user_id, author_type, author_name, country, text, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)
                """,
                [.integer(id), .integer(versionID), SQLValue(userID), .text(authorType.rawValue), .text(name), .text(country),
                 .text(body), .integer(Clock.milliseconds())])
        ]
        for number in tags {
            statements.append(SQLStatement(
                "INSERT INTO cons_submission_issues (submission_id, issue_number) VALUES (?, ?)", [.integer(id), .integer(Int64(number))]))
        }
        _ = try await database.transaction(statements)
        guard let created = try await submission(id: id) else {
            throw IPAIError(.storageFailure, "submission \(id) was not found after it was stored")
        }
        return created
    }

    static let submissionSelect = """
        SELECT s.*, v.paper_id AS paper_id, p.conversation_id AS conversation_id, a.file_name AS attachment_name,
          a.bytes AS attachment_bytes, a.uploaded_at AS attachment_uploaded_at
        FROM cons_submissions s JOIN cons_versions v ON v.id = s.version_id JOIN cons_papers p ON p.id = v.paper_id
        LEFT JOIN cons_attachments a ON a.submission_id = s.id
        """

    /// One submission, whatever its status (the caller decides who may see it: ``SubmissionRecord/isPublished``).
    public func submission(id: Int64) async throws(IPAIError) -> SubmissionRecord? {
        guard let row = try await store.rows("\(Self.submissionSelect) WHERE s.id = ?", [.integer(id)]).first else { return nil }
        var submission = try Self.submission(row)
        submission.issueNumbers = try await issueNumbers(of: [id])[id] ?? []
        return submission
    }

    /// A version's submissions, newest first, a page at a time.
    /// - Parameters:
    ///   - status: only this status (`.accepted` for the public).
    ///   - issueNumber: only those tagged with this issue.
    ///   - authorType: only those of this author type.
    ///   - userID: only those sent by this user.
    public func submissions(
        versionID: Int64, status: SubmissionStatus? = nil, issueNumber: Int? = nil, authorType: AuthorType? = nil,
        userID: Int64? = nil, limit: Int = 50, cursor: Int64? = nil
    ) async throws(IPAIError) -> Page<SubmissionRecord> {
        var sql = "\(Self.submissionSelect) WHERE s.version_id = ?"
        var arguments: [SQLValue] = [.integer(versionID)]
        if let status {
            sql += " AND s.status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let authorType {
            sql += " AND s.author_type = ?"
            arguments.append(.text(authorType.rawValue))
        }
        if let userID {
            sql += " AND s.user_id = ?"
            arguments.append(.integer(userID))
        }
        if let issueNumber {
            sql += " AND EXISTS (SELECT 1 FROM cons_submission_issues t WHERE t.submission_id = s.id AND t.issue_number = ?)"
            arguments.append(.integer(Int64(issueNumber)))
        }
        sql += " AND s.id < ? ORDER BY s.id DESC LIMIT ?"
        var page = try await store.page(sql, arguments, limit: limit, cursor: cursor, map: Self.submission)
        let numbers = try await issueNumbers(of: page.items.map(\.id))
        for index in page.items.indices { page.items[index].issueNumbers = numbers[page.items[index].id] ?? [] }
        return page
    }

    /// How many published submissions address each issue of a version (issue number → count).
    public func publishedCounts(versionID: Int64) async throws(IPAIError) -> [Int: Int] {
        let rows = try await store.rows(
            """
            SELECT t.issue_number AS issue_number, COUNT(*) AS n FROM cons_submission_issues t
            JOIN cons_submissions s ON s.id = t.submission_id WHERE s.version_id = ? AND s.status = 'accepted' GROUP BY t.issue_number
            """, [.integer(versionID)])
        var counts: [Int: Int] = [:]
        for row in rows { counts[try row.int("issue_number")] = try row.int("n") }
        return counts
    }

    /// Accepts (publishes) or rejects a submission, recording who decided and when.
    /// - Parameter reason: required for a rejection; kept from the public.
    /// - Throws: `invalidInput` for `.pending` or a rejection without a reason.
    public func decide(
        submissionID: Int64, status: SubmissionStatus, reason: String = "", decidedBy: Int64?
    ) async throws(IPAIError) -> SubmissionRecord? {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        switch status {
        case .pending:
            throw IPAIError(.invalidInput, "a decision is 'accepted' or 'rejected'", at: InputLocation(field: "status", value: status.rawValue))
        case .rejected where reason.isEmpty:
            throw IPAIError(.invalidInput, "say why the submission is rejected (the author sees the reason)", at: InputLocation(field: "reason"))
        default:
            break
        }
        guard reason.count <= 2000 else {
            throw IPAIError(.invalidInput, "a reason has at most 2,000 characters", at: InputLocation(field: "reason"))
        }
        let now = Clock.milliseconds()
        _ = try await store.rows(
            "UPDATE cons_submissions SET status = ?, reason = ?, decided_by = ?, decided_at = ?, published_at = ? WHERE id = ?",
            [.text(status.rawValue), .text(reason), SQLValue(decidedBy), .integer(now), status == .accepted ? .integer(now) : .null,
             .integer(submissionID)])
        return try await submission(id: submissionID)
    }

    // MARK: Attachments

    /// Attaches (or replaces) the PDF of a pending submission.
    /// - Throws: `invalidInput` unless the bytes start with `%PDF-` and are at most 10 MB;
    ///   `conflict` once the submission is decided.
    public func setAttachment(submissionID: Int64, fileName: String, data: [UInt8]) async throws(IPAIError) -> AttachmentInfo {
        guard let submission = try await submission(id: submissionID) else {
            throw IPAIError(.notFound, "submission \(submissionID) does not exist", at: InputLocation(field: "submission_id", value: String(submissionID)))
        }
        guard submission.status == .pending else {
            throw IPAIError(.conflict, "submission \(submissionID) is already \(submission.status.rawValue); its attachment can no longer change")
        }
        guard data.count <= Self.maximumAttachmentBytes else {
            throw IPAIError(
                .invalidInput, "the attachment has \(data.count) bytes; at most 10 MB (\(Self.maximumAttachmentBytes) bytes) are accepted",
                at: InputLocation(field: "attachment"))
        }
        guard data.starts(with: Array("%PDF-".utf8)) else {
            throw IPAIError(.invalidInput, "the attachment is not a PDF file (it does not start with %PDF-); attach a PDF", at: InputLocation(field: "attachment"))
        }
        let info = AttachmentInfo(fileName: Self.safeFileName(fileName), bytes: Int64(data.count), uploadedAt: Clock.milliseconds())
        _ = try await store.rows(
            """
            INSERT INTO cons_attachments (submission_id, file_name, bytes, data, uploaded_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (submission_id) DO UPDATE SET file_name = excluded.file_name, bytes = excluded.bytes, data = excluded.data,
              uploaded_at = excluded.uploaded_at
            """,
            [.integer(submissionID), .text(info.fileName), .integer(info.bytes), .blob(data), .integer(info.uploadedAt)])
        return info
    }

    /// The attachment of a submission and its bytes.
    public func attachment(submissionID: Int64) async throws(IPAIError) -> (info: AttachmentInfo, data: [UInt8])? {
        guard let row = try await store.rows("SELECT * FROM cons_attachments WHERE submission_id = ?", [.integer(submissionID)]).first else {
            return nil
        }
        let info = AttachmentInfo(fileName: try row.string("file_name"), bytes: try row.int64("bytes"), uploadedAt: try row.int64("uploaded_at"))
        return (info, row["data"].bytes ?? [])
    }

    /// A file name safe in a `Content-Disposition` header: letters, digits, `.`, `-`, `_`; ends in `.pdf`.
    static func safeFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(last.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        }.prefix(100))
        if cleaned.isEmpty || cleaned.hasPrefix(".") { cleaned = "submission" + cleaned }
        if !cleaned.lowercased().hasSuffix(".pdf") { cleaned += ".pdf" }
        return cleaned
    }

    // MARK: Rows

    func issueNumbers(of submissionIDs: [Int64]) async throws(IPAIError) -> [Int64: [Int]] {
        guard !submissionIDs.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: submissionIDs.count).joined(separator: ", ")
        let rows = try await store.rows(
            "SELECT submission_id, issue_number FROM cons_submission_issues WHERE submission_id IN (\(placeholders)) ORDER BY issue_number",
            submissionIDs.map { .integer($0) })
        var result: [Int64: [Int]] = [:]
        for row in rows { result[try row.int64("submission_id"), default: []].append(try row.int("issue_number")) }
        return result
    }

    static func submission(_ row: SQLRow) throws(IPAIError) -> SubmissionRecord {
        let type = try row.string("author_type")
        let status = try row.string("status")
        guard let parsedType = AuthorType(rawValue: type), let parsedStatus = SubmissionStatus(rawValue: status) else {
            throw IPAIError(.storageFailure, "stored submission has an unknown author type '\(type)' or status '\(status)'")
        }
        var attachment: AttachmentInfo?
        if let name = row.optionalString("attachment_name") {
            attachment = AttachmentInfo(
                fileName: name, bytes: row.optionalInt64("attachment_bytes") ?? 0, uploadedAt: row.optionalInt64("attachment_uploaded_at") ?? 0)
        }
        return SubmissionRecord(
            id: try row.int64("id"), versionID: try row.int64("version_id"), paperID: try row.int64("paper_id"),
            conversationID: try row.int64("conversation_id"), userID: row.optionalInt64("user_id"), authorType: parsedType,
            authorName: try row.string("author_name"), country: try row.string("country"), text: try row.string("text"),
            status: parsedStatus, reason: try row.string("reason"), issueNumbers: [], createdAt: try row.int64("created_at"),
            decidedBy: row.optionalInt64("decided_by"), decidedAt: row.optionalInt64("decided_at"),
            publishedAt: row.optionalInt64("published_at"), attachment: attachment)
    }
}
