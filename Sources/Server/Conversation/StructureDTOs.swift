import Conversation
import Core
import Foundation
import Hummingbird

// MARK: Request bodies (POST creates, PATCH changes only the fields present)

/// A field of a PATCH body: absent (keep), `null` (clear) or a value.
enum PatchValue<Value: Sendable>: Sendable {
    case absent
    case null
    case value(Value)
}

extension KeyedDecodingContainer {
    func patch<T: Decodable & Sendable>(_ type: T.Type, forKey key: Key) throws -> PatchValue<T> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(T.self, forKey: key))
    }
}

/// An id sent as a string (`"401235464348478807"`, as the API writes ids) or as a number.
struct FlexibleID: Decodable, Sendable {
    var value: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Int64(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an id")
            }
            self.value = value
        } else {
            value = try container.decode(Int64.self)
        }
    }
}

struct ConversationBody: Decodable, Sendable {
    var title: LocalizedText?
    var description: LocalizedText?
}

struct SessionBody: Decodable, Sendable {
    var number: Int?
    var title: LocalizedText?
    var startsOn: String?
    var endsOn: String?
    var place: String?
    var format: String?
    var languages: [String]?
    var webcastURL: String?
    var archiveURL: String?
    /// ISO 8601 date-time (`2024-09-01T10:00:00Z`) or null.
    var videoStartedAt: PatchValue<String> = .absent

    enum CodingKeys: String, CodingKey {
        case number, title, place, format, languages
        case startsOn = "starts_on", endsOn = "ends_on", webcastURL = "webcast_url", archiveURL = "archive_url"
        case videoStartedAt = "video_started_at"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decodeIfPresent(Int.self, forKey: .number)
        title = try container.decodeIfPresent(LocalizedText.self, forKey: .title)
        startsOn = try container.decodeIfPresent(String.self, forKey: .startsOn)
        endsOn = try container.decodeIfPresent(String.self, forKey: .endsOn)
        place = try container.decodeIfPresent(String.self, forKey: .place)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        languages = try container.decodeIfPresent([String].self, forKey: .languages)
        webcastURL = try container.decodeIfPresent(String.self, forKey: .webcastURL)
        archiveURL = try container.decodeIfPresent(String.self, forKey: .archiveURL)
        videoStartedAt = try container.patch(String.self, forKey: .videoStartedAt)
    }
}

struct SlotBody: Codable, Sendable {
    var kind: String
    var startsAt: String
    var endsAt: String

    enum CodingKeys: String, CodingKey { case kind, startsAt = "starts_at", endsAt = "ends_at" }
}

struct PanelBody: Decodable, Sendable {
    var position: Int?
    var theme: LocalizedText?
    var moderatorUserID: PatchValue<FlexibleID> = .absent
    /// The moderator by user name (what the page's form sends); null or "" names no one.
    var moderator: PatchValue<String> = .absent
    var panelists: [Panelist]?
    var questions: [LocalizedText]?
    var documents: [PanelDocument]?
    var slots: [SlotBody]?

    enum CodingKeys: String, CodingKey {
        case position, theme, moderator, panelists, questions, documents, slots, moderatorUserID = "moderator_user_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        position = try container.decodeIfPresent(Int.self, forKey: .position)
        theme = try container.decodeIfPresent(LocalizedText.self, forKey: .theme)
        moderatorUserID = try container.patch(FlexibleID.self, forKey: .moderatorUserID)
        moderator = try container.patch(String.self, forKey: .moderator)
        panelists = try container.decodeIfPresent([Panelist].self, forKey: .panelists)
        questions = try container.decodeIfPresent([LocalizedText].self, forKey: .questions)
        documents = try container.decodeIfPresent([PanelDocument].self, forKey: .documents)
        slots = try container.decodeIfPresent([SlotBody].self, forKey: .slots)
    }
}

struct AgendaLinkBody: Decodable, Sendable {
    var issueID: FlexibleID
    var questionID: FlexibleID?

    enum CodingKeys: String, CodingKey { case issueID = "issue_id", questionID = "question_id" }
}

struct AgendaItemBody: Decodable, Sendable {
    var position: Int?
    var title: LocalizedText?
    var panelID: PatchValue<FlexibleID> = .absent
    var startsAt: String?
    var links: [AgendaLinkBody]?
    /// `up` or `down`: move the item one place (PATCH only).
    var move: String?

    enum CodingKeys: String, CodingKey { case position, title, links, move, panelID = "panel_id", startsAt = "starts_at" }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        position = try container.decodeIfPresent(Int.self, forKey: .position)
        title = try container.decodeIfPresent(LocalizedText.self, forKey: .title)
        panelID = try container.patch(FlexibleID.self, forKey: .panelID)
        startsAt = try container.decodeIfPresent(String.self, forKey: .startsAt)
        links = try container.decodeIfPresent([AgendaLinkBody].self, forKey: .links)
        move = try container.decodeIfPresent(String.self, forKey: .move)
    }
}

struct OutcomeSourceBody: Decodable, Sendable {
    var kind: String
    var id: FlexibleID
}

struct OutcomeBody: Decodable, Sendable {
    var kind: String?
    var text: LocalizedText?
    var sources: [OutcomeSourceBody]?
    /// `up` or `down`: move the item one place within its list (PATCH only).
    var move: String?
}

// MARK: Responses

struct ConversationDTO: ResponseEncodable, Sendable {
    var id: String
    var title: LocalizedText
    var description: LocalizedText
    var createdAt: Date

    enum CodingKeys: String, CodingKey { case id, title, description, createdAt = "created_at" }

    init(_ record: ConversationRecord) {
        id = String(record.id)
        title = record.title
        description = record.description
        createdAt = Date(milliseconds: record.createdAt)
    }
}

struct SessionDTO: ResponseEncodable, Sendable {
    var id: String
    var conversationID: String
    var number: Int
    var title: LocalizedText
    var startsOn: String
    var endsOn: String
    var place: String
    var format: String
    var languages: [String]
    var webcastURL: String
    var archiveURL: String
    var videoStartedAt: Date?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, number, title, place, format, languages
        case conversationID = "conversation_id", startsOn = "starts_on", endsOn = "ends_on", webcastURL = "webcast_url"
        case archiveURL = "archive_url", videoStartedAt = "video_started_at", createdAt = "created_at"
    }

    init(_ record: ConversationSession) {
        id = String(record.id)
        conversationID = String(record.conversationID)
        number = record.number
        title = record.title
        startsOn = record.startsOn
        endsOn = record.endsOn
        place = record.place
        format = record.format.rawValue
        languages = record.languages
        webcastURL = record.webcastURL
        archiveURL = record.archiveURL
        videoStartedAt = record.videoStartedAt.map(Date.init(milliseconds:))
        createdAt = Date(milliseconds: record.createdAt)
    }
}

struct PanelDTO: ResponseEncodable, Sendable {
    var id: String
    var sessionID: String
    var conversationID: String
    var position: Int
    var theme: LocalizedText
    var moderatorUserID: String?
    var moderator: String?
    var panelists: [Panelist]
    var questions: [LocalizedText]
    var documents: [PanelDocument]
    var slots: [SlotBody]
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, position, theme, moderator, panelists, questions, documents, slots
        case sessionID = "session_id", conversationID = "conversation_id", moderatorUserID = "moderator_user_id"
        case createdAt = "created_at"
    }

    init(_ record: PanelRecord, moderator: String?) {
        id = String(record.id)
        sessionID = String(record.sessionID)
        conversationID = String(record.conversationID)
        position = record.position
        theme = record.theme
        moderatorUserID = record.moderatorUserID.map(String.init)
        self.moderator = moderator
        panelists = record.panelists
        questions = record.questions
        documents = record.documents
        slots = record.slots.map { SlotBody(kind: $0.kind.rawValue, startsAt: $0.startsAt, endsAt: $0.endsAt) }
        createdAt = Date(milliseconds: record.createdAt)
    }
}

struct AgendaLinkDTO: Encodable, Sendable {
    var issueID: String
    var questionID: String?
    var issueNumber: Int?
    var questionNumber: Int?

    enum CodingKeys: String, CodingKey {
        case issueID = "issue_id", questionID = "question_id", issueNumber = "issue_number", questionNumber = "question_number"
    }
}

struct AgendaItemDTO: ResponseEncodable, Sendable {
    var id: String
    var sessionID: String
    var position: Int
    var title: LocalizedText
    var panelID: String?
    var startsAt: String
    var links: [AgendaLinkDTO]

    enum CodingKeys: String, CodingKey {
        case id, position, title, links, sessionID = "session_id", panelID = "panel_id", startsAt = "starts_at"
    }

    init(_ record: AgendaItemRecord, issues: [Int64: IssueSummary] = [:]) {
        id = String(record.id)
        sessionID = String(record.sessionID)
        position = record.position
        title = record.title
        panelID = record.panelID.map(String.init)
        startsAt = record.startsAt
        links = record.links.map { link in
            let issue = issues[link.issueID]
            return AgendaLinkDTO(
                issueID: String(link.issueID), questionID: link.questionID.map(String.init), issueNumber: issue?.number,
                questionNumber: link.questionID.flatMap { id in issue?.questions.first { $0.id == id }?.number })
        }
    }
}

struct OutcomeSourceDTO: Encodable, Sendable {
    var kind: String
    var id: String
    /// The page of the source: `/sessions/{id}/archive#intervention-{id}` or `/submissions/{id}`.
    var href: String?
    var label: String?
}

struct OutcomeDTO: ResponseEncodable, Sendable {
    var id: String
    var conversationID: String
    var kind: String
    var position: Int
    var text: LocalizedText
    var sources: [OutcomeSourceDTO]
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, position, text, sources, conversationID = "conversation_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ record: OutcomeRecord, sources: [ResolvedSource]) {
        id = String(record.id)
        conversationID = String(record.conversationID)
        kind = record.kind.rawValue
        position = record.position
        text = record.text
        self.sources = sources.map { OutcomeSourceDTO(kind: $0.source.kind.rawValue, id: String($0.source.id), href: $0.href, label: $0.label) }
        createdAt = Date(milliseconds: record.createdAt)
        updatedAt = Date(milliseconds: record.updatedAt)
    }
}

/// A whole list (sessions, panels, agenda, outcome items: short lists in their own order, not paged).
struct ListDTO<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
}
