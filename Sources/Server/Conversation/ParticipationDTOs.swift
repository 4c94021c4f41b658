import Conversation
import Foundation
import Hummingbird
import Storage

/// `POST /api/v1/accounts`: a new account of one's own.
struct NewAccountRequest: Decodable {
    var username: String
    var password: String
}

/// The account just created, signed in: the CSRF token for the session's changes.
struct AccountDTO: ResponseEncodable, Sendable {
    var id: String
    var username: String
    var role: String
    var csrfToken: String

    enum CodingKeys: String, CodingKey { case id, username, role, csrfToken = "csrf_token" }
}

/// `POST /api/v1/conversations/{id}/registrations`.
struct NewRegistrationRequest: Decodable {
    var category: String
    var delegation: String?
    var displayName: String

    enum CodingKeys: String, CodingKey { case category, delegation, displayName = "display_name" }
}

/// `POST /api/v1/registrations/{id}/decision`.
struct RegistrationDecisionRequest: Decodable {
    var status: String
    var note: String?
}

/// `POST /api/v1/registrations/{id}/focal-point`.
struct FocalPointRequest: Decodable {
    var focalPoint: Bool

    enum CodingKeys: String, CodingKey { case focalPoint = "focal_point" }
}

/// A credential on file (never its content).
struct CredentialDTO: Encodable, Sendable {
    var fileName: String
    var bytes: Int64
    var uploadedAt: Date

    enum CodingKeys: String, CodingKey { case fileName = "file_name", bytes, uploadedAt = "uploaded_at" }

    init(_ record: CredentialRecord) {
        fileName = record.fileName
        bytes = record.bytes
        uploadedAt = Date(milliseconds: record.uploadedAt)
    }
}

/// A registration as the registrant, the Secretariat and focal points see it.
struct RegistrationDTO: ResponseEncodable, Sendable {
    var id: String
    var conversationID: String
    var userID: String
    var category: String
    var delegation: String
    /// ISO 3166-1 alpha-3 of a member state.
    var delegationCode: String?
    var displayName: String
    var status: String
    var focalPoint: Bool
    var createdAt: Date
    var decidedAt: Date?
    var note: String
    var credential: CredentialDTO?

    enum CodingKeys: String, CodingKey {
        case id, category, delegation, status, note, credential
        case conversationID = "conversation_id", userID = "user_id", delegationCode = "delegation_code", displayName = "display_name"
        case focalPoint = "focal_point", createdAt = "created_at", decidedAt = "decided_at"
    }

    init(_ record: RegistrationRecord, credential: CredentialRecord?) {
        id = String(record.id)
        conversationID = String(record.conversationID)
        userID = String(record.userID)
        category = record.category.rawValue
        delegation = record.delegation
        delegationCode = record.category == .memberState ? MemberStates.find(record.delegation)?.code : nil
        displayName = record.displayName
        status = record.status.rawValue
        focalPoint = record.focalPoint
        createdAt = Date(milliseconds: record.createdAt)
        decidedAt = record.decidedAt.map { Date(milliseconds: $0) }
        note = record.note
        self.credential = credential.map(CredentialDTO.init)
    }

    // `credential: null` rather than a missing key, so clients can rely on the field.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(conversationID, forKey: .conversationID)
        try container.encode(userID, forKey: .userID)
        try container.encode(category, forKey: .category)
        try container.encode(delegation, forKey: .delegation)
        try container.encode(delegationCode, forKey: .delegationCode)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(status, forKey: .status)
        try container.encode(focalPoint, forKey: .focalPoint)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(decidedAt, forKey: .decidedAt)
        try container.encode(note, forKey: .note)
        try container.encode(credential, forKey: .credential)
    }
}

/// A delegation or observer organisation on the public list of participants.
struct DelegationDTO: Encodable, Sendable {
    var name: String
    var category: String
    var code: String?
    var people: Int

    init(_ delegation: ParticipatingDelegation) {
        name = delegation.name
        category = delegation.category.rawValue
        code = delegation.code
        people = delegation.people
    }
}

/// A person on the list of participants (the Secretariat only).
struct ParticipantDTO: Encodable, Sendable {
    var registrationID: String
    var displayName: String
    var category: String
    var delegation: String
    var focalPoint: Bool

    enum CodingKeys: String, CodingKey {
        case registrationID = "registration_id", displayName = "display_name", category, delegation, focalPoint = "focal_point"
    }

    init(_ record: RegistrationRecord) {
        registrationID = String(record.id)
        displayName = record.displayName
        category = record.category.rawValue
        delegation = record.delegation
        focalPoint = record.focalPoint
    }
}

/// `GET /api/v1/conversations/{id}/participants`: delegations for everyone, people for the Secretariat.
struct ParticipantsDTO: ResponseEncodable, Sendable {
    var conversationID: String
    var delegations: [DelegationDTO]
    /// Nil (absent) unless the caller belongs to the Secretariat.
    var people: [ParticipantDTO]?

    enum CodingKeys: String, CodingKey { case conversationID = "conversation_id", delegations, people }
}
