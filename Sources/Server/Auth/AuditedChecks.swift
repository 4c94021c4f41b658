import Hummingbird
import Storage

/// What the Conversation's and the initiatives index's access checks share: a change needs a
/// signed-in caller (and, for a session, its CSRF token), and every refusal goes to the server log
/// and the audit log (`refused <action>`) before the 401/403 is sent.
struct AuditedChecks {
    let services: ServerServices

    /// The signed-in caller of a change; a form without a valid CSRF token is refused and audited.
    /// - Parameter action: what was tried (`"floor.request"`), for the audit log.
    func requireChange(_ context: AppRequestContext, formToken: String?, action: String, target: String) async throws -> UserRecord {
        do {
            return try context.requireForChange(.viewer, formToken: formToken)
        } catch let error as APIError where error.code == "csrf" {
            await record(context.identity?.user, action: action, target: target, reason: "form without a valid CSRF token")
            throw error
        }
    }

    /// Records a refusal in the audit log and the server log, and returns the 403 to throw.
    func refuse(_ user: UserRecord?, action: String, target: String, reason: String) async -> APIError {
        await record(user, action: action, target: target, reason: reason)
        return APIError(.forbidden, code: "forbidden", reason)
    }

    /// Audits an action that succeeded (approvals, floor decisions, publication…).
    func audit(_ user: UserRecord, action: String, target: String, details: String) async throws {
        try await services.store.audit(user: user, action: action, target: target, details: details)
    }

    private func record(_ user: UserRecord?, action: String, target: String, reason: String) async {
        services.logger.warning("refused", metadata: ["action": "\(action)", "user": "\(user?.username ?? "-")", "reason": "\(reason)"])
        try? await services.store.audit(user: user, action: "refused \(action)", target: target, details: reason)
    }
}
