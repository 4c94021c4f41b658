import Core

/// The two outcome lists of a conversation. By design there is no report, recommendation or vote:
/// only these two lists of items, each traced back to what was said and written.
public enum OutcomeKind: String, Sendable, Codable, CaseIterable {
    /// "Questions for further discussion".
    case furtherDiscussion = "further_discussion"
    /// "Issues needing member states' immediate attention".
    case immediateAttention = "immediate_attention"
}

/// Where an outcome item came from: an intervention of the record, or a published submission of a consultation.
public struct OutcomeSource: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case intervention
        case submission
    }

    public var kind: Kind
    public var id: Int64

    public init(kind: Kind, id: Int64) {
        self.kind = kind
        self.id = id
    }
}

/// One item of an outcome list.
public struct OutcomeRecord: Sendable, Equatable {
    public var id: Int64
    public var conversationID: Int64
    public var kind: OutcomeKind
    /// 1, 2, … within its list.
    public var position: Int
    public var text: LocalizedText
    public var sources: [OutcomeSource]
    public var createdAt: Int64
    public var updatedAt: Int64
}
