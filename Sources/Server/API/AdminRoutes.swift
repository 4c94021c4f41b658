import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// `/api/v1/me`, `/api/v1/session` (sign in for scripts and pages), users, tokens, the audit log.
struct AdminRoutes {
    let services: ServerServices
    var store: Store { services.store }

    struct SignIn: Decodable {
        var username: String
        var password: String
    }

    struct SessionDTO: Encodable {
        var username: String
        var role: String
        var csrfToken: String
        var mustChangePassword: Bool

        enum CodingKeys: String, CodingKey {
            case username, role, csrfToken = "csrf_token", mustChangePassword = "must_change_password"
        }
    }

    struct NewUser: Decodable {
        var username: String
        var role: String
        var password: String?
    }

    struct UserChange: Decodable {
        var role: String?
        var disabled: Bool?
        var resetPassword: Bool?

        enum CodingKeys: String, CodingKey { case role, disabled, resetPassword = "reset_password" }
    }

    struct PasswordChange: Decodable {
        var current: String
        var new: String
    }

    struct NewToken: Decodable {
        var name: String
        var userID: String?
        var ratePerMinute: Int?

        enum CodingKeys: String, CodingKey { case name, userID = "user_id", ratePerMinute = "rate_per_minute" }
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.get("me") { _, context -> Response in
            let user = try context.require(.viewer)
            var body: [String: String] = ["id": String(user.id), "username": user.username, "role": user.role.rawValue]
            if let csrf = context.identity?.csrfToken { body["csrf_token"] = csrf }
            return try Response.json(body)
        }
        api.post("session") { request, context -> Response in
            let body = try await request.decodeJSON(as: SignIn.self, context: context)
            do {
                let (cookie, user, session) = try await Sessions(services: services).signIn(username: body.username, password: body.password)
                var response = try Response.json(SessionDTO(
                    username: user.username, role: user.role.rawValue, csrfToken: session.csrfToken,
                    mustChangePassword: user.mustChangePassword))
                response.setCookie(cookie)
                return response
            } catch Sessions.Failure.invalidCredentials {
                throw APIError(.unauthorized, code: "invalid_credentials", "unknown user name or wrong password")
            }
        }
        api.delete("session") { _, context -> Response in
            var response = Response(status: .noContent)
            response.setCookie(try await Sessions(services: services).signOut(context))
            return response
        }
        api.post("me/password") { request, context -> Response in
            let user = try context.requireForChange(.viewer)
            let body = try await request.decodeJSON(as: PasswordChange.self, context: context)
            var session: String? = nil
            if case .session(let record)? = context.identity?.credential { session = record.tokenHash }
            try await changePassword(user: user, current: body.current, new: body.new, keepingSession: session)
            return Response(status: .noContent)
        }

        api.get("users") { _, context -> [UserDTO] in
            try context.require(.administrator)
            return try await store.users().map(UserDTO.init)
        }
        api.post("users") { request, context -> Response in
            let admin = try context.requireForChange(.administrator)
            let body = try await request.decodeJSON(as: NewUser.self, context: context)
            guard let role = Role(rawValue: body.role) else {
                throw APIError.badRequest("role '\(body.role)': use administrator, examiner or viewer")
            }
            let name = body.username.trimmingCharacters(in: .whitespaces)
            try Self.checkUsername(name)
            let password = body.password ?? Secrets.password()
            try Self.checkStrength(password)
            let user = try await store.createUser(
                username: name, passwordHash: services.hasher.hash(password), role: role, mustChangePassword: body.password == nil)
            try await store.audit(user: admin, action: "create user", target: name, details: "role \(role.rawValue)")
            return try Self.userResponse(user, oneTimePassword: body.password == nil ? password : nil, status: .created)
        }
        api.patch("users/{id}") { request, context -> Response in
            let admin = try context.requireForChange(.administrator)
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let user = try await store.user(id: id) else { throw APIError.notFound("user \(raw)") }
            let body = try await request.decodeJSON(as: UserChange.self, context: context)
            var role: Role? = nil
            if let raw = body.role {
                guard let parsed = Role(rawValue: raw) else {
                    throw APIError.badRequest("role '\(raw)': use administrator, examiner or viewer")
                }
                role = parsed
            }
            if user.id == admin.id && (body.disabled == true || (role != nil && role != .administrator)) {
                throw APIError(.conflict, code: "conflict", "you cannot disable yourself or give up your own administrator role")
            }
            var temporary: String? = nil
            if body.resetPassword == true { temporary = Secrets.password() }
            // A reset ends every session of the user (keepingSession: nil), the administrator's own included.
            try await store.updateUser(
                id: id, role: role, disabled: body.disabled, passwordHash: temporary.map(services.hasher.hash),
                mustChangePassword: temporary == nil ? nil : true, keepingSession: nil)
            var details: [String] = []
            if let role { details.append("role \(role.rawValue)") }
            if let disabled = body.disabled { details.append(disabled ? "disabled" : "enabled") }
            if temporary != nil { details.append("password reset") }
            try await store.audit(user: admin, action: "change user", target: user.username, details: details.joined(separator: ", "))
            guard let updated = try await store.user(id: id) else { throw APIError.notFound("user \(raw)") }
            return try Self.userResponse(updated, oneTimePassword: temporary, status: .ok)
        }

        api.get("tokens") { _, context -> [TokenDTO] in
            let user = try context.require(.viewer)
            let tokens = try await store.tokens(userID: user.role == .administrator ? nil : user.id)
            return tokens.map { TokenDTO($0) }
        }
        api.post("tokens") { request, context -> Response in
            let user = try context.requireForChange(.viewer)
            let body = try await request.decodeJSON(as: NewToken.self, context: context)
            var owner = user
            if let raw = body.userID, raw != String(user.id) {
                try context.require(.administrator)
                guard let id = Int64(raw), let other = try await store.user(id: id) else { throw APIError.notFound("user \(raw)") }
                owner = other
            }
            let name = body.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw APIError.badRequest("a token needs a name of 1 to 100 characters") }
            let rate = body.ratePerMinute ?? services.configuration.defaultRateLimit
            guard (1...100_000).contains(rate) else { throw APIError.badRequest("rate_per_minute must lie within 1...100000") }
            let secret = "ipai_" + Secrets.token()
            let record = try await store.createToken(
                userID: owner.id, name: name, tokenHash: Secrets.digest(secret), prefix: String(secret.prefix(9)), ratePerMinute: rate)
            try await store.audit(user: user, action: "create token", target: name, details: "for \(owner.username), \(rate)/min")
            return try Response.json(TokenDTO(record, token: secret), status: .created)
        }
        api.delete("tokens/{id}") { request, context -> Response in
            let user = try context.requireForChange(.viewer)
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let token = try await store.tokens().first(where: { $0.id == id }) else {
                throw APIError.notFound("token \(raw)")
            }
            guard token.userID == user.id || user.role == .administrator else { throw APIError.forbidden("administrator") }
            _ = try await store.revokeToken(id: id)
            try await store.audit(user: user, action: "revoke token", target: token.name)
            return Response(status: .noContent)
        }

        api.get("audit") { request, context -> PageDTO<AuditDTO> in
            try context.require(.administrator)
            let page = try await store.auditLog(limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { AuditDTO($0) }
        }
    }

    /// A user as JSON, with the one-time password when one was just made (it is never shown again).
    static func userResponse(_ user: UserRecord, oneTimePassword: String?, status: HTTPResponse.Status) throws -> Response {
        var dto = try JSONSerialization.jsonObject(with: JSONEncoder.api.encode(UserDTO(user))) as? [String: Any] ?? [:]
        if let oneTimePassword { dto["one_time_password"] = oneTimePassword }
        let data = try JSONSerialization.data(withJSONObject: dto, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: .init(bytes: data)))
    }

    /// A user changes their own password: every other session of theirs ends; the one they changed
    /// it from (`keepingSession`, a session token's hash) stays signed in. By default, the session
    /// the current request came with (none for API tokens: then every session ends).
    func changePassword(
        user: UserRecord, current: String, new: String,
        keepingSession tokenHash: String? = AuthenticationMiddleware.sessionTokenHash
    ) async throws {
        guard services.hasher.verify(current, against: user.passwordHash) else {
            throw APIError(.forbidden, code: "invalid_credentials", "the current password is wrong")
        }
        try Self.checkStrength(new)
        try await store.updateUser(
            id: user.id, passwordHash: services.hasher.hash(new), mustChangePassword: false, keepingSession: tokenHash)
        try await store.audit(user: user, action: "change own password", target: user.username)
    }

    /// The rule for every account name (made by an administrator or by sign-up): 2 to 64 letters, digits or `. _ - @`.
    static func checkUsername(_ name: String) throws {
        guard (2...64).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            throw APIError.badRequest("field 'username': user names have 2 to 64 letters, digits or . _ - @")
        }
    }

    static func checkStrength(_ password: String) throws {
        guard password.count >= 10 else { throw APIError.badRequest("passwords need at least 10 characters") }
    }
}

extension JSONEncoder {
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
