import Core
import Hummingbird
import Initiatives
import Storage

/// Who may do what in the index of AI initiatives — checked by the server on every endpoint. Refusals
/// (someone who does not represent an office editing its applications, a non-administrator deciding,
/// a form without its CSRF token) are written to the audit log before the 401/403 goes out.
///
/// - Administrators act for WIPO's Secretariat: approve offices and representatives, run surveys.
/// - An approved representative of an approved office describes its applications and answers surveys.
struct InitiativeAccess {
    let services: ServerServices
    private var checks: AuditedChecks { AuditedChecks(services: services) }
    var initiatives: InitiativeStore { InitiativeStore(services.store) }

    /// The signed-in caller of a change (a session must send its CSRF token: header or form field).
    @discardableResult
    func requireChange(_ context: AppRequestContext, formToken: String? = nil, action: String, target: String = "") async throws -> UserRecord {
        try await checks.requireChange(context, formToken: formToken, action: action, target: target)
    }

    /// The caller, who must be an administrator.
    @discardableResult
    func requireAdministrator(_ context: AppRequestContext, formToken: String? = nil, action: String, target: String = "") async throws -> UserRecord {
        let user = try await requireChange(context, formToken: formToken, action: action, target: target)
        guard user.role == .administrator else {
            throw await refuse(user, action: action, target: target, reason: "only administrators (WIPO's Secretariat) may do this")
        }
        return user
    }

    /// The caller, who must be an administrator to read this (no CSRF needed for reading).
    @discardableResult
    func requireAdministratorToRead(_ context: AppRequestContext, action: String, target: String = "") async throws -> UserRecord {
        let user = try context.require(.viewer)
        guard user.role == .administrator else {
            throw await refuse(user, action: action, target: target, reason: "only administrators (WIPO's Secretariat) may see this")
        }
        return user
    }

    /// The caller, who must speak for the office (an approved representative of the approved office) or be an administrator.
    @discardableResult
    func requireRepresentative(
        _ context: AppRequestContext, officeID: Int64, formToken: String? = nil, action: String, target: String
    ) async throws -> UserRecord {
        let user = try await requireChange(context, formToken: formToken, action: action, target: target)
        if user.role == .administrator { return user }
        guard try await initiatives.isRepresentative(userID: user.id, officeID: officeID) else {
            throw await refuse(user, action: action, target: target, reason: "only the office's approved representatives may do this")
        }
        return user
    }

    /// Whether the (possibly anonymous) user speaks for the office or is an administrator.
    func speaksFor(_ user: UserRecord?, officeID: Int64) async throws -> Bool {
        guard let user else { return false }
        if user.role == .administrator { return true }
        return try await initiatives.isRepresentative(userID: user.id, officeID: officeID)
    }

    /// Records a refusal in the audit log and the server log, and returns the 403 to throw.
    func refuse(_ user: UserRecord?, action: String, target: String, reason: String) async -> APIError {
        await checks.refuse(user, action: action, target: target, reason: reason)
    }

    /// Audits an action (decisions, survey rounds opened and closed, applications changed).
    func audit(_ user: UserRecord, action: String, target: String, details: String = "") async throws {
        try await checks.audit(user, action: action, target: target, details: details)
    }
}
