import Consultation
import Foundation
import Conversation
import Core
import Hummingbird
import Storage

/// What the API and the pages of consultations share: finding papers, versions and submissions
/// by the id in the path, and who may see them. Drafts and unpublished submissions are answered
/// with 404 to anyone who may not see them (their existence is not public either).
struct ConsultationGate {
    let services: ServerServices
    var access: ConversationAccess { ConversationAccess(services: services) }
    var consultations: ConsultationStore { ConsultationStore(services.store) }

    func isSecretariat(_ context: AppRequestContext, conversationID: Int64) async throws -> Bool {
        try await access.isSecretariat(context.identity?.user, conversationID: conversationID)
    }

    static func id(_ raw: String, _ what: String) throws -> Int64 {
        guard let id = Int64(raw) else { throw APIError.notFound("\(what) \(raw)") }
        return id
    }

    func conversation(_ raw: String) async throws -> ConversationRecord {
        guard let found = try await ConversationStore(services.store).conversation(id: try Self.id(raw, "conversation")) else {
            throw APIError.notFound("conversation \(raw)")
        }
        return found
    }

    func paper(_ raw: String) async throws -> PaperRecord {
        guard let found = try await consultations.paper(id: try Self.id(raw, "issues paper")) else {
            throw APIError.notFound("issues paper \(raw)")
        }
        return found
    }

    /// The versions of a paper the caller may see (the Secretariat: drafts too).
    func visibleVersions(_ paper: PaperRecord, _ context: AppRequestContext) async throws -> [PaperVersionRecord] {
        let versions = try await consultations.versions(paperID: paper.id)
        if try await isSecretariat(context, conversationID: paper.conversationID) { return versions }
        return versions.filter(\.isPublished)
    }

    /// A version the caller may see.
    func version(_ raw: String, _ context: AppRequestContext) async throws -> PaperVersionRecord {
        guard let found = try await consultations.version(id: try Self.id(raw, "paper version")) else {
            throw APIError.notFound("paper version \(raw)")
        }
        if !found.isPublished, try await !isSecretariat(context, conversationID: found.conversationID) {
            throw APIError.notFound("paper version \(raw)")
        }
        return found
    }

    /// Whether the caller may read `submission`: anyone once published; before, its author and the Secretariat.
    func maySee(_ submission: SubmissionRecord, _ context: AppRequestContext) async throws -> Bool {
        if submission.isPublished { return true }
        guard let user = context.identity?.user else { return false }
        if submission.userID == user.id { return true }
        return try await isSecretariat(context, conversationID: submission.conversationID)
    }

    /// A submission the caller may read.
    func submission(_ raw: String, _ context: AppRequestContext) async throws -> SubmissionRecord {
        guard let found = try await consultations.submission(id: try Self.id(raw, "submission")), try await maySee(found, context) else {
            throw APIError.notFound("submission \(raw)")
        }
        return found
    }

    /// A version with its issues, counts of published submissions and sources.
    func versionDetail(_ version: PaperVersionRecord) async throws -> VersionDTO {
        let counts = try await consultations.publishedCounts(versionID: version.id)
        let sources = try await consultations.sources(versionID: version.id)
        let issues = try await consultations.issues(versionID: version.id).map {
            IssueDTO($0, published: counts[$0.number] ?? 0, sources: sources[$0.number] ?? [])
        }
        return VersionDTO(version, issues: issues)
    }

    /// The published submissions of a version as an open-data table.
    func export(_ version: PaperVersionRecord) async throws -> TableExport {
        var table = TableExport(
            name: "submissions-paper-\(version.paperID)-v\(version.number)",
            columns: ["id", "version_id", "author_type", "author_name", "country", "issues", "text", "published_at", "attachment"])
        var cursor: Int64? = nil
        repeat {
            let page = try await consultations.submissions(versionID: version.id, status: .accepted, limit: 500, cursor: cursor)
            for submission in page.items {
                table.append([
                    "id": .string(String(submission.id)), "version_id": .string(String(version.id)),
                    "author_type": .string(submission.authorType.rawValue), "author_name": .string(submission.authorName),
                    "country": .string(submission.country), "issues": .array(submission.issueNumbers.map { .integer(Int64($0)) }),
                    "text": .string(submission.text),
                    "published_at": submission.publishedAt.map { .string(ISO8601DateFormatter().string(from: Date(milliseconds: $0))) } ?? .null,
                    "attachment": submission.attachment == nil ? .null : .string("/api/v1/submissions/\(submission.id)/attachment"),
                ])
            }
            cursor = page.next
        } while cursor != nil
        return table
    }
}
