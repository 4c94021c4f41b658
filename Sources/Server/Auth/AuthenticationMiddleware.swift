import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Synchronization

/// Finds out who is calling: an API token (`Authorization: Bearer …`, rate limited per token) or a
/// session cookie (whose unsafe requests must carry the session's CSRF token). It never rejects a
/// request itself: routes decide what they need with ``AppRequestContext/require(_:)``.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let sessionCookie = "ipai_session"
    let services: ServerServices
    /// When this server last recorded each token's use (one middleware per server).
    let tokenUses = TokenUseGate()

    /// The hash of the session cookie the current request was authenticated with (nil for API
    /// tokens and anonymous requests), for code that has the user but not the request context —
    /// a password change keeps the session it was made from.
    @TaskLocal static var sessionTokenHash: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Localization.language(for: request)
        context.bodyLimit = services.configuration.maxRequestBytes
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            let token = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard let (record, user) = try await services.store.token(hash: Secrets.digest(token)) else {
                throw APIError(.unauthorized, code: "invalid_token", "the API token is unknown or revoked")
            }
            guard services.rateLimiter.allow(tokenID: record.id, perMinute: record.ratePerMinute) else {
                var error = APIError(
                    .tooManyRequests, code: "rate_limited",
                    "this token may make \(record.ratePerMinute) requests per minute; wait a moment")
                error.headers[.retryAfter] = "5"
                throw error
            }
            context.identity = Identity(user: user, credential: .token(record))
            recordUse(of: record)
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
                  let (session, user) = try await services.store.session(tokenHash: Secrets.digest(cookie)) {
            context.identity = Identity(user: user, credential: .session(session))
            if let header = request.headers[HTTPField.Name("X-CSRF-Token")!] {
                context.csrfHeaderValid = Secrets.equal(header, session.csrfToken)
            }
            let authenticated = context
            return try await Self.$sessionTokenHash.withValue(session.tokenHash) {
                try await next(request, authenticated)
            }
        }
        return try await next(request, context)
    }

    /// Sets the token's `last_used_at`, at most once a minute per token on this server, in a
    /// detached task: the request neither waits for nor fails with this write.
    private func recordUse(of token: APITokenRecord) {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        // Another server (or this one before a restart) may have recorded it a moment ago.
        if let last = token.lastUsedAt, now - last < TokenUseGate.interval.milliseconds { return }
        guard tokenUses.claim(tokenID: token.id) else { return }
        let store = services.store
        let logger = services.logger
        Task.detached(priority: .background) {
            do {
                try await store.touchToken(id: token.id)
            } catch {
                logger.debug("could not record an API token's use", metadata: ["token": "\(token.id)", "error": "\(error)"])
            }
        }
    }
}

/// Lets each token's use be written at most once per ``interval`` per server, so that the API's
/// hot path makes no database write for nearly every request. Memory: one entry per token used.
final class TokenUseGate: Sendable {
    static let interval: Duration = .seconds(60)
    private let lastClaimed = Mutex<[Int64: ContinuousClock.Instant]>([:])

    /// True when the token's use should be recorded now (and then not again within ``interval``).
    func claim(tokenID: Int64) -> Bool {
        let now = ContinuousClock.now
        return lastClaimed.withLock { claimed in
            if let last = claimed[tokenID], now - last < Self.interval { return false }
            claimed[tokenID] = now
            return true
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}

extension AppRequestContext {
    /// The caller, who must hold at least `role`.
    /// - Throws: 401 without credentials, 403 with too small a role.
    @discardableResult
    public func require(_ role: Role) throws -> UserRecord {
        guard let identity else { throw APIError.unauthenticated }
        guard identity.user.role.includes(role) else { throw APIError.forbidden(role.rawValue) }
        return identity.user
    }

    /// Like ``require(_:)`` for a request that changes something: a session must also have sent
    /// its CSRF token (`X-CSRF-Token` header, or the `_csrf` form field given here).
    @discardableResult
    public func requireForChange(_ role: Role, formToken: String? = nil) throws -> UserRecord {
        let user = try require(role)
        if case .session(let session)? = identity?.credential {
            let formValid = formToken.map { Secrets.equal($0, session.csrfToken) } ?? false
            guard csrfHeaderValid || formValid else {
                throw APIError(.forbidden, code: "csrf", "the form is out of date or was not sent by IPAI's pages; reload the page and try again")
            }
        }
        return user
    }
}
