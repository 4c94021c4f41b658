import Core
import Foundation
import Hummingbird
import Storage

/// Signing in and out: password checks and session cookies.
struct Sessions {
    let services: ServerServices

    enum Failure: Error {
        case invalidCredentials
    }

    /// Checks a password and opens a session; returns the cookie to set and the user.
    /// The same message for an unknown user and a wrong password, so names cannot be probed.
    func signIn(username: String, password: String) async throws -> (Cookie, UserRecord, SessionRecord) {
        let store = services.store
        guard let user = try await store.user(named: username), !user.disabled else {
            // Spend the same time as a real check.
            _ = services.hasher.verify(password, against: Self.dummyHash)
            throw Failure.invalidCredentials
        }
        let hasher = services.hasher
        let matches = try await offloaded { hasher.verify(password, against: user.passwordHash) }
        guard matches else { throw Failure.invalidCredentials }
        let token = Secrets.token()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let lifetime = services.configuration.sessionLifetime
        let session = SessionRecord(
            tokenHash: Secrets.digest(token), userID: user.id, csrfToken: Secrets.token(bytes: 24), createdAt: now,
            expiresAt: now + Int64(lifetime.components.seconds) * 1000)
        try await store.createSession(session)
        let cookie = Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: token, maxAge: Int(lifetime.components.seconds), path: "/",
            secure: false, httpOnly: true, sameSite: .lax)
        return (cookie, user, session)
    }

    func signOut(_ context: AppRequestContext) async throws -> Cookie {
        if case .session(let session)? = context.identity?.credential {
            try await services.store.deleteSession(tokenHash: session.tokenHash)
        }
        return Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax)
    }

    private static let dummyHash = PasswordHasher(iterations: 1000).hash("not a password")
}
