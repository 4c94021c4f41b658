import Foundation
import Hummingbird
import Storage

/// `/admin/…`: users (administrators), API tokens (everyone, their own; administrators, all), the audit log.
extension WebRoutes {
    func addAdminRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("admin/users") { request, context -> Response in
            try context.require(.administrator)
            return AdminPages.users(PageContext(request, context), users: try await store.users(), notice: nil)
        }
        pages.post("admin/users") { request, context -> Response in
            let (form, admin) = try await changeForm(request, context, role: .administrator)
            let page = PageContext(request, context)
            let notice = await createUser(form, admin: admin, page: page)
            return AdminPages.users(page, users: try await store.users(), notice: notice)
        }
        pages.post("admin/users/{id}") { request, context -> Response in
            let (form, admin) = try await changeForm(request, context, role: .administrator)
            let page = PageContext(request, context)
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let user = try await store.user(id: id) else { throw APIError.notFound("user \(raw)") }
            let notice = try await changeUser(user, form: form, admin: admin, page: page)
            return AdminPages.users(page, users: try await store.users(), notice: notice)
        }

        pages.get("admin/tokens") { request, context -> Response in
            let user = try context.require(.viewer)
            return try await tokensPage(PageContext(request, context), user: user, notice: nil)
        }
        pages.post("admin/tokens") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .viewer)
            let page = PageContext(request, context)
            let notice = try await createToken(form, user: user, page: page)
            return try await tokensPage(page, user: user, notice: notice)
        }
        pages.post("admin/tokens/{id}/revoke") { request, context -> Response in
            let (_, user) = try await changeForm(request, context, role: .viewer)
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let token = try await store.tokens().first(where: { $0.id == id }) else {
                throw APIError.notFound("token \(raw)")
            }
            guard token.userID == user.id || user.role == .administrator else { throw APIError.forbidden("administrator") }
            _ = try await store.revokeToken(id: id)
            try await store.audit(user: user, action: "revoke token", target: token.name)
            return Response.redirect(to: "/admin/tokens")
        }

        pages.get("admin/audit") { request, context -> Response in
            try context.require(.administrator)
            let log = try await store.auditLog(limit: 100, cursor: request.uri.queryParameters.get("cursor", as: Int64.self))
            return AdminPages.audit(PageContext(request, context), entries: log.items, next: log.next)
        }
    }

    private func tokensPage(_ page: PageContext, user: UserRecord, notice: AdminPages.Notice?) async throws -> Response {
        let tokens = try await store.tokens(userID: user.role == .administrator ? nil : user.id)
        let users = user.role == .administrator ? try await store.users() : [user]
        return AdminPages.tokens(page, tokens: tokens, users: users, notice: notice)
    }

    private func createUser(_ form: FormData, admin: UserRecord, page: PageContext) async -> AdminPages.Notice {
        let name = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        guard (2...64).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            return AdminPages.Notice(text: page.t("users.badName"), kind: "error")
        }
        guard let role = form["role"].flatMap(Role.init(rawValue:)) else {
            return AdminPages.Notice(text: page.t("users.badRole"), kind: "error")
        }
        let given = form.raw("password").flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? Secrets.password()
        guard password.count >= 10 else { return AdminPages.Notice(text: page.t("password.tooShort"), kind: "error") }
        do {
            _ = try await store.createUser(
                username: name, passwordHash: services.hasher.hash(password), role: role, mustChangePassword: given == nil)
            try await store.audit(user: admin, action: "create user", target: name, details: "role \(role.rawValue)")
        } catch where error.code == .conflict {
            return AdminPages.Notice(text: page.t("users.exists", name), kind: "error")
        } catch {
            return AdminPages.Notice(text: error.message, kind: "error")
        }
        if given == nil {
            return AdminPages.Notice(text: page.t("users.createdWithPassword", name), secret: password)
        }
        return AdminPages.Notice(text: page.t("users.created", name))
    }

    private func changeUser(_ user: UserRecord, form: FormData, admin: UserRecord, page: PageContext) async throws -> AdminPages.Notice {
        let action = form["action"] ?? ""
        var role: Role? = nil
        var disabled: Bool? = nil
        var temporary: String? = nil
        switch action {
        case "role":
            guard let parsed = form["role"].flatMap(Role.init(rawValue:)) else { return AdminPages.Notice(text: page.t("users.badRole"), kind: "error") }
            role = parsed
        case "disable": disabled = true
        case "enable": disabled = false
        case "reset": temporary = Secrets.password()
        default: throw APIError.badRequest("unknown action '\(action)'")
        }
        if user.id == admin.id && (disabled == true || (role != nil && role != .administrator)) {
            return AdminPages.Notice(text: page.t("users.notSelf"), kind: "error")
        }
        try await store.updateUser(
            id: user.id, role: role, disabled: disabled, passwordHash: temporary.map(services.hasher.hash),
            mustChangePassword: temporary == nil ? nil : true)
        var details: [String] = []
        if let role { details.append("role \(role.rawValue)") }
        if let disabled { details.append(disabled ? "disabled" : "enabled") }
        if temporary != nil { details.append("password reset") }
        try await store.audit(user: admin, action: "change user", target: user.username, details: details.joined(separator: ", "))
        if let temporary { return AdminPages.Notice(text: page.t("users.resetDone", user.username), secret: temporary) }
        return AdminPages.Notice(text: page.t("users.changed", user.username))
    }

    private func createToken(_ form: FormData, user: UserRecord, page: PageContext) async throws -> AdminPages.Notice {
        var owner = user
        if let raw = form["user_id"], raw != String(user.id) {
            guard user.role == .administrator else { throw APIError.forbidden("administrator") }
            guard let id = Int64(raw), let other = try await store.user(id: id) else { throw APIError.notFound("user \(raw)") }
            owner = other
        }
        guard let name = form["name"], name.count <= 100 else { return AdminPages.Notice(text: page.t("tokens.badName"), kind: "error") }
        let rate = form["rate"].flatMap { Int($0) } ?? services.configuration.defaultRateLimit
        guard (1...100_000).contains(rate) else { return AdminPages.Notice(text: page.t("tokens.badRate"), kind: "error") }
        let secret = "ipai_" + Secrets.token()
        _ = try await store.createToken(
            userID: owner.id, name: name, tokenHash: Secrets.digest(secret), prefix: String(secret.prefix(9)), ratePerMinute: rate)
        try await store.audit(user: user, action: "create token", target: name, details: "for \(owner.username), \(rate)/min")
        return AdminPages.Notice(text: page.t("tokens.created", name), secret: secret)
    }
}
