import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// Finds out who is calling: an API token (`Authorization: Bearer …`, rate limited per token) or a
/// session cookie (whose unsafe requests must carry the session's CSRF token). It never rejects a
/// request itself: routes decide what they need with ``AppRequestContext/require(_:)``.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let sessionCookie = "ipai_session"
    let services: ServerServices

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
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
                  let (session, user) = try await services.store.session(tokenHash: Secrets.digest(cookie)) {
            context.identity = Identity(user: user, credential: .session(session))
            if let header = request.headers[HTTPField.Name("X-CSRF-Token")!] {
                context.csrfHeaderValid = Secrets.equal(header, session.csrfToken)
            }
        }
        return try await next(request, context)
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
