import Core

/// An issues paper of a conversation; its content lives in its versions.
public struct PaperRecord: Sendable, Equatable {
    public var id: Int64
    public var conversationID: Int64
    public var createdAt: Int64
    public var createdBy: Int64?
}

/// Whether a version may still be edited.
public enum VersionStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case published
}

/// One version of an issues paper (1 = the first paper, 2 = the revised paper, …).
public struct PaperVersionRecord: Sendable, Equatable {
    public var id: Int64
    public var paperID: Int64
    /// The paper's conversation (for access checks).
    public var conversationID: Int64
    public var number: Int
    public var title: LocalizedText
    public var intro: LocalizedText
    public var status: VersionStatus
    public var publishedAt: Int64?
    public var createdAt: Int64
    /// The call for comments on this version, if one was set.
    public var call: CallRecord?

    public var isPublished: Bool { status == .published }
}

/// A numbered question of an issue.
public struct QuestionRecord: Sendable, Equatable {
    public var id: Int64
    public var number: Int
    public var text: LocalizedText
}

/// A numbered issue of a paper version with its questions (in number order).
public struct IssueRecord: Sendable, Equatable {
    public var id: Int64
    public var versionID: Int64
    public var number: Int
    public var title: LocalizedText
    public var body: LocalizedText
    public var questions: [QuestionRecord]
}

/// A call for comments on a published version: submissions are accepted from the first day to
/// the last day inclusive (UTC dates, `YYYY-MM-DD`).
public struct CallRecord: Sendable, Equatable {
    public var versionID: Int64
    public var opensOn: String
    public var closesOn: String
    public var createdAt: Int64

    /// Whether the call is open on `day` (`YYYY-MM-DD`, UTC).
    public func isOpen(on day: String) -> Bool { opensOn <= day && day <= closesOn }
}

/// Who wrote a submission.
public enum AuthorType: String, Sendable, Codable, CaseIterable {
    case memberState = "member_state"
    case ipOffice = "ip_office"
    case igo
    case ngo
    case company
    case academia
    case individual
}

/// Where a submission stands: pending moderation, accepted (and published) or rejected (not public).
public enum SubmissionStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case accepted
    case rejected
}

/// The PDF attached to a submission (its bytes are read apart, see ``ConsultationStore/attachment(submissionID:)``).
public struct AttachmentInfo: Sendable, Equatable {
    public var fileName: String
    public var bytes: Int64
    public var uploadedAt: Int64
}

/// A comment on a paper version, tagged by the issues it addresses.
public struct SubmissionRecord: Sendable, Equatable {
    public var id: Int64
    public var versionID: Int64
    public var paperID: Int64
    public var conversationID: Int64
    /// Who sent it (nil once the account is deleted).
    public var userID: Int64?
    public var authorType: AuthorType
    /// The person or organisation the submission is published under.
    public var authorName: String
    public var country: String
    public var text: String
    public var status: SubmissionStatus
    /// Why it was rejected (seen by the Secretariat and the author only).
    public var reason: String
    /// Issue numbers of its version, ascending.
    public var issueNumbers: [Int]
    public var createdAt: Int64
    public var decidedBy: Int64?
    public var decidedAt: Int64?
    public var publishedAt: Int64?
    public var attachment: AttachmentInfo?

    /// Accepted submissions are published.
    public var isPublished: Bool { status == .accepted }
}

/// The whole editable content of a draft version, as the API's PATCH and the edit page send it.
public struct VersionDocument: Sendable, Equatable, Codable {
    public struct Question: Sendable, Equatable, Codable {
        public var number: Int
        public var text: LocalizedText

        public init(number: Int, text: LocalizedText) {
            self.number = number
            self.text = text
        }
    }

    public struct Issue: Sendable, Equatable, Codable {
        public var number: Int
        public var title: LocalizedText
        public var body: LocalizedText
        public var questions: [Question]

        public init(number: Int, title: LocalizedText, body: LocalizedText = LocalizedText(), questions: [Question] = []) {
            self.number = number
            self.title = title
            self.body = body
            self.questions = questions
        }
    }

    public var title: LocalizedText
    public var intro: LocalizedText
    public var issues: [Issue]

    public init(title: LocalizedText, intro: LocalizedText = LocalizedText(), issues: [Issue] = []) {
        self.title = title
        self.intro = intro
        self.issues = issues
    }
}
