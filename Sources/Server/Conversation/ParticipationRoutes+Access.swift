import Conversation
import Core
import Hummingbird
import NIOCore
import Storage

/// Who manages a registration: the Secretariat, or the focal point of the registration's own delegation.
enum RegistrationManager: Sendable {
    case secretariat
    case focalPoint(RegistrationRecord)

    var label: String {
        switch self {
        case .secretariat: "Secretariat"
        case .focalPoint(let own): "focal point of \(own.delegation)"
        }
    }
}

extension ConversationAccess {
    /// The user's approved focal-point registration in the conversation, if any.
    func focalPoint(_ user: UserRecord?, conversationID: Int64) async throws -> RegistrationRecord? {
        guard let user, let own = try await conversations.approvedRegistration(conversationID: conversationID, userID: user.id),
              own.focalPoint, own.category.isDelegation
        else { return nil }
        return own
    }

    /// How `user` may manage `registration`, or nil when they may not.
    func manager(_ user: UserRecord?, of registration: RegistrationRecord) async throws -> RegistrationManager? {
        guard let user else { return nil }
        if try await isSecretariat(user, conversationID: registration.conversationID) { return .secretariat }
        if let own = try await focalPoint(user, conversationID: registration.conversationID), own.isFocalPoint(for: registration) {
            return .focalPoint(own)
        }
        return nil
    }

    /// The caller, who must manage `registration` (Secretariat or its delegation's focal point);
    /// a change (`change: true`) must also carry the CSRF token. Refusals are audited.
    func requireManager(
        _ context: AppRequestContext, of registration: RegistrationRecord, change: Bool, formToken: String? = nil, action: String
    ) async throws -> (UserRecord, RegistrationManager) {
        let target = "registration \(registration.id)"
        let user = change
            ? try await requireChange(context, formToken: formToken, action: action, target: target) : try requireUser(context)
        guard let manager = try await manager(user, of: registration) else {
            throw await refuse(
                user, action: action, target: target,
                reason: "only the Secretariat or the focal point of the delegation '\(registration.delegation)' may do this")
        }
        return (user, manager)
    }
}

extension ParticipationRoutes {
    /// The registration named by the path's `{id}`.
    static func registration(_ context: AppRequestContext, _ conversations: ConversationStore) async throws -> RegistrationRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let found = try await conversations.registration(id: id) else {
            throw APIError.notFound("registration \(raw)")
        }
        return found
    }

    /// The conversation named by the path's `{id}`.
    static func conversation(_ context: AppRequestContext, _ conversations: ConversationStore) async throws -> ConversationRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let found = try await conversations.conversation(id: id) else {
            throw APIError.notFound("conversation \(raw)")
        }
        return found
    }

    /// The request body, at most `limit` bytes; 413 naming `what` over it.
    static func body(_ request: Request, limit: Int, what: String) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit, what: what)
        }
    }

    /// A form (URL-encoded or multipart), at most `limit` bytes; 413 naming `what` over it.
    static func form(_ request: Request, limit: Int, what: String) async throws -> FormData {
        do {
            return try await FormData.read(request, limit: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit, what: what)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: limit, what: what)
        }
    }

    /// An `IPAIError` as the API reports it, with 413 for a credential over the limit.
    static func apiError(_ error: IPAIError) -> APIError {
        if error.code == .credentialTooLarge {
            return APIError(.contentTooLarge, code: "payload_too_large", error.description)
        }
        return APIError(error)
    }
}
