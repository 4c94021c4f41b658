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
        let throttle = services.signInThrottle
        if let seconds = throttle.lockedSeconds(for: username) {
            var error = APIError(
                .tooManyRequests, code: "too_many_sign_ins",
                "too many failed sign-ins for '\(username)'; try again in \(seconds) s")
            error.headers[.retryAfter] = String(seconds)
            throw error
        }
        let hasher = services.hasher
        let user = try await store.user(named: username)
        // An unknown or disabled user costs the same hash as a real one, so names cannot be probed by timing.
        let stored = user.flatMap { $0.disabled ? nil : $0.passwordHash } ?? services.dummyPasswordHash
        let matches = try await offloaded { hasher.verify(password, against: stored) }
        guard matches, let user, !user.disabled else {
            throttle.recordFailure(for: username)
            throw Failure.invalidCredentials
        }
        throttle.recordSuccess(for: username)
        let token = Secrets.token()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let lifetime = services.configuration.sessionLifetime
        let session = SessionRecord(
            tokenHash: Secrets.digest(token), userID: user.id, csrfToken: Secrets.token(bytes: 24), createdAt: now,
            expiresAt: now + Int64(lifetime.components.seconds) * 1000)
        try await store.createSession(session)
        let cookie = Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: token, maxAge: Int(lifetime.components.seconds), path: "/",
            secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax)
        return (cookie, user, session)
    }

    func signOut(_ context: AppRequestContext) async throws -> Cookie {
        if case .session(let session)? = context.identity?.credential {
            try await services.store.deleteSession(tokenHash: session.tokenHash)
        }
        return Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
            secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
