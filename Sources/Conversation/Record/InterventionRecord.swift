/// One intervention in the record of a session: who spoke, for whom, on which panel, when, where
/// in the video, and the written statement if one was handed in.
public struct InterventionRecord: Sendable, Equatable {
    public var id: Int64
    public var panelID: Int64
    public var sessionID: Int64
    public var conversationID: Int64
    /// The list-of-speakers request the intervention came from.
    public var requestID: Int64
    public var userID: Int64?
    public var speakerName: String
    public var delegation: String
    public var category: ParticipantCategory
    public var kind: SpeakerRequestKind
    /// Start and end, ms since 1970.
    public var startedAt: Int64
    public var endedAt: Int64
    /// Seconds from the start of the session's video (its `videoStartedAt`); nil if unknown.
    public var videoSeconds: Int64?
    /// The written statement ("" when none).
    public var statement: String
    public var statementPublished: Bool
    public var statementBy: Int64?
    public var statementAt: Int64?

    /// The statement, if there is one and it is published.
    public var publishedStatement: String? { statementPublished && !statement.isEmpty ? statement : nil }
}
