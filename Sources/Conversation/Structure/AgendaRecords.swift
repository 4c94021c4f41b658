import Core

/// A link from an agenda item to an issue of an issues paper, or to one question of that issue.
/// The ids belong to the Consultation module, which the Server asks to check them.
public struct AgendaLink: Sendable, Equatable, Hashable {
    public var issueID: Int64
    /// One question of the issue; nil links the whole issue.
    public var questionID: Int64?

    public init(issueID: Int64, questionID: Int64? = nil) {
        self.issueID = issueID
        self.questionID = questionID
    }
}

/// One item of a session's agenda: its place in the order, a title per language, optionally the
/// panel that takes it, a start time, and the issues and questions it discusses.
public struct AgendaItemRecord: Sendable, Equatable {
    public var id: Int64
    public var sessionID: Int64
    public var conversationID: Int64
    public var position: Int
    public var title: LocalizedText
    public var panelID: Int64?
    /// Local time `HH:MM`, or "" when the agenda gives none.
    public var startsAt: String
    public var links: [AgendaLink]
    public var createdAt: Int64

    public init(
        id: Int64, sessionID: Int64, conversationID: Int64, position: Int, title: LocalizedText, panelID: Int64?, startsAt: String, links: [AgendaLink], createdAt: Int64
    ) {
        self.id = id
        self.sessionID = sessionID
        self.conversationID = conversationID
        self.position = position
        self.title = title
        self.panelID = panelID
        self.startsAt = startsAt
        self.links = links
        self.createdAt = createdAt
    }
}
