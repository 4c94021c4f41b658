import Core
import Foundation
import Hummingbird
import Storage

/// Creating one's own account (role `viewer`) and signing in with it — for delegates, observers
/// and the public, who need an account to register for a conversation or send a submission.
struct SignUp {
    let services: ServerServices

    /// Passwords of accounts people create themselves have at least this many characters.
    static let minimumPasswordLength = 12

    /// Checks the name and password, counts the attempt against the client's hourly allowance,
    /// creates the account and opens a session.
    /// - Throws: 400 naming the field; 409 for a name in use; 429 with `Retry-After` over the limit.
    func create(username rawName: String, password: String, client: String) async throws -> (Cookie, UserRecord, SessionRecord) {
        let username = rawName.trimmingCharacters(in: .whitespaces)
        try AdminRoutes.checkUsername(username)
        guard password.count >= Self.minimumPasswordLength else {
            throw APIError.badRequest("field 'password': use at least \(Self.minimumPasswordLength) characters")
        }
        try AdminRoutes.checkStrength(password)
        guard password.lowercased() != username.lowercased() else {
            throw APIError.badRequest("field 'password': the password must differ from the user name")
        }
        if let seconds = SignUpLimiter.shared(for: services).take(client) {
            var error = APIError(
                .tooManyRequests, code: "too_many_sign_ups", "too many accounts were created from your address in the last hour; try again in \(seconds) s")
            error.headers[.retryAfter] = String(seconds)
            throw error
        }
        let hasher = services.hasher
        let hash = try await offloaded { hasher.hash(password) }
        let user = try await createViewer(username, hash: hash)
        try await services.store.audit(user: user, action: "sign up", target: username, details: "role viewer")
        let (cookie, signedIn, session) = try await Sessions(services: services).signIn(username: username, password: password)
        return (cookie, signedIn, session)
    }

    private func createViewer(_ username: String, hash: String) async throws -> UserRecord {
        // A name taken between this check and the insert still fails, as the store's conflict (409).
        if try await services.store.user(named: username) != nil {
            throw APIError(.conflict, code: "conflict", "field 'username': the name '\(username)' is taken; choose another")
        }
        return try await services.store.createUser(username: username, passwordHash: hash, role: .viewer, mustChangePassword: false)
    }
}
