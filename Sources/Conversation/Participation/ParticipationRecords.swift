/// Who someone is in a conversation. Only member-state delegations and accredited observers
/// (intergovernmental and non-governmental organisations) may ask for the floor.
public enum ParticipantCategory: String, Sendable, Codable, CaseIterable {
    case memberState = "member_state"
    case igo
    case ngo
    case secretariat
    case moderator
    case panelist
    case media
    case `public`

    /// Whether people of this category may ask for the floor (checked by the server).
    public var mayRequestFloor: Bool {
        switch self {
        case .memberState, .igo, .ngo: true
        default: false
        }
    }

    /// Accredited observers: intergovernmental and non-governmental organisations.
    public var isObserver: Bool { self == .igo || self == .ngo }
}

/// Where a registration stands.
public enum RegistrationStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case approved
    case rejected
    case withdrawn
}

/// A person's registration for a conversation, approved by the Secretariat or by their
/// delegation's focal point.
public struct RegistrationRecord: Sendable, Equatable {
    public var id: Int64
    public var conversationID: Int64
    public var userID: Int64
    public var category: ParticipantCategory
    /// The member state or organisation represented ("France", "EPO", "AIPPI"); empty for others.
    public var delegation: String
    /// The name shown on lists of speakers and in the record.
    public var displayName: String
    public var status: RegistrationStatus
    /// A focal point manages the registrations of their own delegation.
    public var focalPoint: Bool
    public var createdAt: Int64
    public var decidedBy: Int64?
    public var decidedAt: Int64?
    public var note: String

    public var isApproved: Bool { status == .approved }
}
