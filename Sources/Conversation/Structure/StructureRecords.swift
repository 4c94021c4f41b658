import Core

/// A series of sessions, e.g. "WIPO Conversation on IP and AI".
public struct ConversationRecord: Sendable, Equatable {
    public var id: Int64
    public var title: LocalizedText
    public var description: LocalizedText
    public var createdAt: Int64
    public var createdBy: Int64?
}

/// How a session is held.
public enum SessionFormat: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case virtual
    case hybrid
}

/// One session of a conversation: dates, place, format, languages, webcast and video archive.
public struct ConversationSession: Sendable, Equatable {
    public var id: Int64
    public var conversationID: Int64
    public var number: Int
    public var title: LocalizedText
    /// First and last day, `YYYY-MM-DD`.
    public var startsOn: String
    public var endsOn: String
    public var place: String
    public var format: SessionFormat
    /// Language codes of interpretation, e.g. `["en", "fr", "ar"]`.
    public var languages: [String]
    public var webcastURL: String
    public var archiveURL: String
    /// When the webcast's video began (ms since 1970): interventions are timestamped against it.
    public var videoStartedAt: Int64?
    public var createdAt: Int64

    public init(
        id: Int64, conversationID: Int64, number: Int, title: LocalizedText, startsOn: String, endsOn: String, place: String, format: SessionFormat, languages: [String], webcastURL: String, archiveURL: String, videoStartedAt: Int64?, createdAt: Int64
    ) {
        self.id = id
        self.conversationID = conversationID
        self.number = number
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.place = place
        self.format = format
        self.languages = languages
        self.webcastURL = webcastURL
        self.archiveURL = archiveURL
        self.videoStartedAt = videoStartedAt
        self.createdAt = createdAt
    }
}

/// A person on a panel (not necessarily a user of IPAI).
public struct Panelist: Sendable, Equatable, Codable {
    public var name: String
    public var affiliation: String

    public init(name: String, affiliation: String = "") {
        self.name = name
        self.affiliation = affiliation
    }
}

/// A document attached to a panel (issues paper, background note…).
public struct PanelDocument: Sendable, Equatable, Codable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// A part of a panel's time: the panel discussion, interaction with delegates, or the open floor.
public struct PanelSlot: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case panelDiscussion = "panel_discussion"
        case interaction
        case openFloor = "open_floor"
    }

    public var kind: Kind
    /// Local times, `HH:MM`.
    public var startsAt: String
    public var endsAt: String

    public init(kind: Kind, startsAt: String, endsAt: String) {
        self.kind = kind
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// A thematic expert panel of a session, led by a moderator along prompting questions.
public struct PanelRecord: Sendable, Equatable {
    public var id: Int64
    public var sessionID: Int64
    public var conversationID: Int64
    public var position: Int
    public var theme: LocalizedText
    /// The IPAI user who moderates (runs the list of speakers); nil until one is named.
    public var moderatorUserID: Int64?
    public var panelists: [Panelist]
    public var questions: [LocalizedText]
    public var documents: [PanelDocument]
    public var slots: [PanelSlot]
    public var createdAt: Int64

    public init(
        id: Int64, sessionID: Int64, conversationID: Int64, position: Int, theme: LocalizedText, moderatorUserID: Int64?, panelists: [Panelist], questions: [LocalizedText], documents: [PanelDocument], slots: [PanelSlot], createdAt: Int64
    ) {
        self.id = id
        self.sessionID = sessionID
        self.conversationID = conversationID
        self.position = position
        self.theme = theme
        self.moderatorUserID = moderatorUserID
        self.panelists = panelists
        self.questions = questions
        self.documents = documents
        self.slots = slots
        self.createdAt = createdAt
    }
}
