import Conversation
import Core
import Foundation
import Hummingbird
import Storage

/// What the API and the pages both do with registrations, once the caller is known. Every
/// decision is written to the audit log.
extension ParticipationRoutes {
    var conversations: ConversationStore { ConversationStore(services.store) }
    var access: ConversationAccess { ConversationAccess(services: services) }

    static func category(_ raw: String) throws -> ParticipantCategory {
        guard let category = ParticipantCategory(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
            let choices = ParticipantCategory.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("field 'category': '\(raw)' is not a category; use one of \(choices)")
        }
        return category
    }

    /// Registers the signed-in user; `requireCredential` (the page form) insists on the PDF for
    /// member states and observers, the API lets it follow with `PUT …/credential`.
    func register(
        conversationID: Int64, user: UserRecord, category raw: String, delegation: String, displayName: String,
        credential: CredentialUpload?, requireCredential: Bool
    ) async throws -> RegistrationRecord {
        let category = try Self.category(raw)
        if requireCredential, category.isDelegation, credential == nil {
            throw APIError.badRequest(
                "field 'credential': a \(category.rawValue) registration needs its note verbale or nomination letter as a PDF")
        }
        if let credential { try Self.checkSize(credential) }
        let record = try await conversations.register(
            conversationID: conversationID, userID: user.id, category: category, delegation: delegation, displayName: displayName,
            credential: credential)
        try await access.audit(
            user, action: "registration.create", target: "registration \(record.id)",
            details: "\(record.category.rawValue) \(record.delegation)".trimmingCharacters(in: .whitespaces))
        return record
    }


    /// Approves or rejects; an approval of a member state or observer needs a credential on file.
    func decide(
        _ registration: RegistrationRecord, status raw: String, note: String, by user: UserRecord, as manager: RegistrationManager
    ) async throws -> RegistrationRecord {
        guard let status = RegistrationStatus(rawValue: raw), status == .approved || status == .rejected else {
            throw APIError.badRequest("field 'status': '\(raw)' is not a decision; use approved or rejected")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 1000 else { throw APIError.badRequest("field 'note': use at most 1000 characters") }
        guard registration.status != .withdrawn else {
            throw APIError(.conflict, code: "conflict", "registration \(registration.id) was withdrawn by its registrant; nothing to decide")
        }
        let onFile = try await conversations.credential(registrationID: registration.id)
        if status == .approved, registration.category.isDelegation, onFile == nil {
            throw APIError(
                .conflict, code: "conflict",
                "registration \(registration.id) has no credential on file; the registrant must upload the note verbale or nomination letter first")
        }
        guard let decided = try await conversations.decideRegistration(id: registration.id, status: status, decidedBy: user.id, note: note)
        else { throw APIError.notFound("registration \(registration.id)") }
        try await access.audit(
            user, action: status == .approved ? "registration.approve" : "registration.reject", target: "registration \(registration.id)",
            details: "\(registration.category.rawValue) \(registration.delegation): \(registration.displayName) (by \(manager.label))"
                + (note.isEmpty ? "" : "; note: \(note)"))
        return decided
    }

    /// Names or un-names a focal point (the Secretariat only; checked by the caller).
    func setFocalPoint(_ registration: RegistrationRecord, _ focalPoint: Bool, by user: UserRecord) async throws -> RegistrationRecord {
        let updated = try await conversations.setFocalPoint(id: registration.id, focalPoint)
        try await access.audit(
            user, action: focalPoint ? "registration.focal_point" : "registration.focal_point_removed", target: "registration \(registration.id)",
            details: "\(registration.delegation): \(registration.displayName)")
        return updated
    }


    /// The registrant withdraws their own registration.
    func withdraw(_ registration: RegistrationRecord, by user: UserRecord) async throws -> RegistrationRecord {
        guard registration.userID == user.id else {
            throw await access.refuse(
                user, action: "registration.withdraw", target: "registration \(registration.id)", reason: "only the registrant may withdraw a registration")
        }
        guard registration.status != .withdrawn else { return registration }
        guard let updated = try await conversations.decideRegistration(id: registration.id, status: .withdrawn, decidedBy: user.id)
        else { throw APIError.notFound("registration \(registration.id)") }
        try await access.audit(user, action: "registration.withdraw", target: "registration \(registration.id)")
        return updated
    }

    /// Stores the registrant's credential (while the registration waits) or the Secretariat's.
    func uploadCredential(_ registration: RegistrationRecord, _ upload: CredentialUpload, by user: UserRecord) async throws -> CredentialRecord {
        let action = "registration.credential"
        let target = "registration \(registration.id)"
        let secretariat = try await access.isSecretariat(user, conversationID: registration.conversationID)
        if registration.userID == user.id, !secretariat {
            guard registration.status == .pending else {
                throw APIError(
                    .conflict, code: "conflict", "registration \(registration.id) is \(registration.status.rawValue); a credential can change only while it waits for approval")
            }
        } else if !secretariat {
            throw await access.refuse(user, action: action, target: target, reason: "only the registrant or the Secretariat may upload a credential")
        }
        try Self.checkSize(upload)
        let stored = try await conversations.uploadCredential(registrationID: registration.id, upload)
        try await access.audit(user, action: action, target: target, details: "\(stored.fileName), \(stored.bytes) bytes")
        return stored
    }


    /// 413 for a credential over 5 MiB (the other checks are the store's).
    static func checkSize(_ upload: CredentialUpload) throws {
        guard upload.bytes.count <= Credential.maximumBytes else {
            throw APIError.tooLarge(limit: Credential.maximumBytes, what: "credential")
        }
    }

    /// The registration with its credential's details.
    func dto(_ registration: RegistrationRecord) async throws -> RegistrationDTO {
        RegistrationDTO(registration, credential: try await conversations.credential(registrationID: registration.id))
    }
}
