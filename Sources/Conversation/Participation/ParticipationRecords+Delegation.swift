import Foundation

/// An uploaded file as a registration form or the API hands it over, before it is checked.
public struct CredentialUpload: Sendable {
    public var fileName: String
    public var declaredType: String?
    public var bytes: [UInt8]

    public init(fileName: String, declaredType: String?, bytes: [UInt8]) {
        self.fileName = fileName
        self.declaredType = declaredType
        self.bytes = bytes
    }
}

/// A member-state delegation or observer organisation with at least one approved registration:
/// what the public list of participants shows (without people's names).
public struct ParticipatingDelegation: Sendable, Equatable {
    /// The member state's English name or the organisation's name.
    public var name: String
    /// `member_state`, `igo` or `ngo`.
    public var category: ParticipantCategory
    /// ISO 3166-1 alpha-3 for member states; nil for organisations.
    public var code: String?
    /// How many approved people it has.
    public var people: Int
}

extension ParticipantCategory {
    /// Whether registrations of this category belong to a delegation (member state or organisation),
    /// which a focal point of that delegation may manage.
    public var isDelegation: Bool { mayRequestFloor }
}

extension RegistrationRecord {
    /// Whether `other` belongs to the same delegation: both member-state registrations of the same
    /// state, or both observer registrations of the same organisation (names compared without case).
    public func sameDelegation(as other: RegistrationRecord) -> Bool {
        guard category.isDelegation, other.category.isDelegation, category.isObserver == other.category.isObserver else { return false }
        let mine = delegation.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return !mine.isEmpty && mine == other.delegation.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Whether this registration lets its holder manage the registrations of `other`'s delegation.
    public func isFocalPoint(for other: RegistrationRecord) -> Bool {
        isApproved && focalPoint && conversationID == other.conversationID && sameDelegation(as: other)
    }
}
