import Conversation
import Core
import Hummingbird
import Storage

/// Who may do what in a conversation — checked by the server on every endpoint, whatever the page
/// shows. A refusal (an observer who tries to moderate, a member of the public who asks for the
/// floor, a form without its CSRF token) is written to the audit log before the 401/403 goes out.
///
/// - The Secretariat: administrators, and people whose approved registration is `secretariat`.
/// - A panel's moderator: the user named on the panel, or the Secretariat.
/// - The floor: approved registrations of member-state delegations and accredited observers.
struct ConversationAccess {
    let services: ServerServices
    private var checks: AuditedChecks { AuditedChecks(services: services) }
    var conversations: ConversationStore { ConversationStore(services.store) }

    /// The signed-in caller; for a session, a change must carry the CSRF token (header or form field).
    /// - Parameter action: what was tried (`"floor.request"`), for the audit log.
    @discardableResult
    func requireChange(_ context: AppRequestContext, formToken: String? = nil, action: String, target: String = "") async throws -> UserRecord {
        try await checks.requireChange(context, formToken: formToken, action: action, target: target)
    }

    /// The caller as a reader (signed in, any role).
    func requireUser(_ context: AppRequestContext) throws -> UserRecord {
        try context.require(.viewer)
    }

    func isSecretariat(_ user: UserRecord?, conversationID: Int64) async throws -> Bool {
        guard let user else { return false }
        if user.role == .administrator { return true }
        let registration = try await conversations.approvedRegistration(conversationID: conversationID, userID: user.id)
        return registration?.category == .secretariat
    }

    /// The caller, who must belong to the Secretariat of the conversation.
    @discardableResult
    func requireSecretariat(
        _ context: AppRequestContext, conversationID: Int64, formToken: String? = nil, action: String, target: String = ""
    ) async throws -> UserRecord {
        let user = try await requireChange(context, formToken: formToken, action: action, target: target)
        guard try await isSecretariat(user, conversationID: conversationID) else {
            throw await refuse(user, action: action, target: target, reason: "only the Secretariat may do this")
        }
        return user
    }

    /// The caller, who must be the panel's moderator or belong to the Secretariat.
    @discardableResult
    func requireModerator(
        _ context: AppRequestContext, panel: PanelRecord, formToken: String? = nil, action: String
    ) async throws -> UserRecord {
        let target = "panel \(panel.id)"
        let user = try await requireChange(context, formToken: formToken, action: action, target: target)
        if panel.moderatorUserID == user.id { return user }
        guard try await isSecretariat(user, conversationID: panel.conversationID) else {
            throw await refuse(user, action: action, target: target, reason: "only the panel's moderator or the Secretariat may do this")
        }
        return user
    }

    /// The caller and their approved registration, which must allow asking for the floor.
    func requireFloorRight(
        _ context: AppRequestContext, conversationID: Int64, formToken: String? = nil, action: String, target: String = ""
    ) async throws -> (UserRecord, RegistrationRecord) {
        let user = try await requireChange(context, formToken: formToken, action: action, target: target)
        guard let registration = try await conversations.approvedRegistration(conversationID: conversationID, userID: user.id) else {
            throw await refuse(user, action: action, target: target, reason: "only approved delegates and observers may ask for the floor; register first")
        }
        guard registration.category.mayRequestFloor else {
            throw await refuse(
                user, action: action, target: target,
                reason: "only member-state delegations and accredited observers may ask for the floor (you are registered as \(registration.category.rawValue))")
        }
        return (user, registration)
    }

    /// Records a refusal in the audit log and the server log, and returns the 403 to throw.
    func refuse(_ user: UserRecord?, action: String, target: String, reason: String) async -> APIError {
        await checks.refuse(user, action: action, target: target, reason: reason)
    }

    /// Audits a moderation action (approvals, floor decisions, publication…).
    func audit(_ user: UserRecord, action: String, target: String, details: String = "") async throws {
        try await checks.audit(user, action: action, target: target, details: details)
    }
}
