import Consultation
import Core
import Foundation

/// An issues paper with the versions the caller may see (the public: published ones).
struct PaperDTO: Encodable, Sendable {
    var id: String
    var conversationID: String
    var createdAt: Date
    var versions: [VersionDTO]

    enum CodingKeys: String, CodingKey { case id, conversationID = "conversation_id", createdAt = "created_at", versions }

    init(_ paper: PaperRecord, versions: [PaperVersionRecord]) {
        id = String(paper.id)
        conversationID = String(paper.conversationID)
        createdAt = Date(milliseconds: paper.createdAt)
        self.versions = versions.map { VersionDTO($0) }
    }
}

/// The call for comments on a version.
struct CallDTO: Codable, Sendable {
    var opensAt: String
    var closesAt: String
    /// Whether submissions are accepted today (UTC).
    var open: Bool?

    enum CodingKeys: String, CodingKey { case opensAt = "opens_at", closesAt = "closes_at", open }

    init(_ call: CallRecord) {
        opensAt = call.opensOn
        closesAt = call.closesOn
        open = call.isOpen(on: ConsultationStore.day(ofMilliseconds: Int64(Date().timeIntervalSince1970 * 1000)))
    }
}

struct QuestionDTO: Encodable, Sendable {
    var id: String
    var number: Int
    var text: LocalizedText

    init(_ question: QuestionRecord) {
        id = String(question.id)
        number = question.number
        text = question.text
    }
}

/// A numbered issue, its questions, how many published submissions address it and which
/// submissions informed it (on a revised version).
struct IssueDTO: Encodable, Sendable {
    var id: String
    var number: Int
    var title: LocalizedText
    var body: LocalizedText
    var questions: [QuestionDTO]
    var publishedSubmissions: Int
    var sources: [String]

    enum CodingKeys: String, CodingKey {
        case id, number, title, body, questions, publishedSubmissions = "published_submissions", sources
    }

    init(_ issue: IssueRecord, published: Int, sources: [Int64]) {
        id = String(issue.id)
        number = issue.number
        title = issue.title
        body = issue.body
        questions = issue.questions.map(QuestionDTO.init)
        publishedSubmissions = published
        self.sources = sources.map(String.init)
    }
}

/// A version of a paper; `issues` only on the version's own route.
struct VersionDTO: Encodable, Sendable {
    var id: String
    var paperID: String
    var conversationID: String
    var number: Int
    var title: LocalizedText
    var intro: LocalizedText
    var status: String
    var publishedAt: Date?
    var createdAt: Date
    var call: CallDTO?
    var issues: [IssueDTO]?

    enum CodingKeys: String, CodingKey {
        case id, paperID = "paper_id", conversationID = "conversation_id", number, title, intro, status, publishedAt = "published_at"
        case createdAt = "created_at", call, issues
    }

    init(_ version: PaperVersionRecord, issues: [IssueDTO]? = nil) {
        id = String(version.id)
        paperID = String(version.paperID)
        conversationID = String(version.conversationID)
        number = version.number
        title = version.title
        intro = version.intro
        status = version.status.rawValue
        publishedAt = version.publishedAt.map(Date.init(milliseconds:))
        createdAt = Date(milliseconds: version.createdAt)
        call = version.call.map(CallDTO.init)
        self.issues = issues
    }
}

struct AttachmentDTO: Encodable, Sendable {
    var fileName: String
    var bytes: Int64

    enum CodingKeys: String, CodingKey { case fileName = "file_name", bytes }
}

/// A submission. `reason` is only ever shown to the Secretariat and the author (the only ones
/// who may read a rejected submission).
struct SubmissionDTO: Encodable, Sendable {
    var id: String
    var versionID: String
    var paperID: String
    var authorType: String
    var authorName: String
    var country: String
    var text: String
    var status: String
    var reason: String?
    var issues: [Int]
    var createdAt: Date
    var publishedAt: Date?
    var attachment: AttachmentDTO?

    enum CodingKeys: String, CodingKey {
        case id, versionID = "version_id", paperID = "paper_id", authorType = "author_type", authorName = "author_name", country, text
        case status, reason, issues, createdAt = "created_at", publishedAt = "published_at", attachment
    }

    init(_ submission: SubmissionRecord) {
        id = String(submission.id)
        versionID = String(submission.versionID)
        paperID = String(submission.paperID)
        authorType = submission.authorType.rawValue
        authorName = submission.authorName
        country = submission.country
        text = submission.text
        status = submission.status.rawValue
        reason = submission.status == .rejected ? submission.reason : nil
        issues = submission.issueNumbers
        createdAt = Date(milliseconds: submission.createdAt)
        publishedAt = submission.publishedAt.map(Date.init(milliseconds:))
        attachment = submission.attachment.map { AttachmentDTO(fileName: $0.fileName, bytes: $0.bytes) }
    }
}

struct SubmissionPageDTO: Encodable, Sendable {
    var items: [SubmissionDTO]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }
}

// MARK: Requests

struct NewPaperRequest: Decodable, Sendable {
    var title: LocalizedText
    var intro: LocalizedText?
}

/// The whole content of a draft version.
struct VersionDocumentRequest: Decodable, Sendable {
    struct Question: Decodable, Sendable {
        var number: Int
        var text: LocalizedText
    }

    struct Issue: Decodable, Sendable {
        var number: Int
        var title: LocalizedText
        var body: LocalizedText?
        var questions: [Question]?
    }

    var title: LocalizedText
    var intro: LocalizedText?
    var issues: [Issue]

    var document: VersionDocument {
        VersionDocument(
            title: title, intro: intro ?? LocalizedText(),
            issues: issues.map { issue in
                VersionDocument.Issue(
                    number: issue.number, title: issue.title, body: issue.body ?? LocalizedText(),
                    questions: (issue.questions ?? []).map { VersionDocument.Question(number: $0.number, text: $0.text) })
            })
    }
}

struct CallRequest: Decodable, Sendable {
    var opensAt: String
    var closesAt: String

    enum CodingKeys: String, CodingKey { case opensAt = "opens_at", closesAt = "closes_at" }
}

struct NewSubmissionRequest: Decodable, Sendable {
    var authorType: AuthorType
    var authorName: String
    var country: String?
    var text: String
    var issues: [Int]

    enum CodingKeys: String, CodingKey { case authorType = "author_type", authorName = "author_name", country, text, issues }
}

struct SubmissionDecisionRequest: Decodable, Sendable {
    var status: SubmissionStatus
    var reason: String?
}

struct IssueSourcesRequest: Decodable, Sendable {
    var submissionIDs: [String]

    enum CodingKeys: String, CodingKey { case submissionIDs = "submission_ids" }
}

struct IssueSourcesDTO: Encodable, Sendable {
    var number: Int
    var submissionIDs: [String]

    enum CodingKeys: String, CodingKey { case number, submissionIDs = "submission_ids" }
}
