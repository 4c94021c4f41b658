import Hummingbird
import Storage

/// Users, API tokens and the audit log.
enum AdminPages {
    /// A one-time secret shown once (a new password or token), or a message.
    struct Notice: Sendable {
        var text: String
        var kind = "success"
        var secret: String? = nil
        var secretID = "one-time-secret"
    }

    static func notice(_ page: PageContext, _ notice: Notice?) -> String {
        guard let notice else { return "" }
        var html = "<div class=\"notice \(notice.kind)\" role=\"\(notice.kind == "error" ? "alert" : "status")\"><p>\(HTML.escape(notice.text))</p>"
        if let secret = notice.secret {
            html += "<p><code class=\"secret\" \(HTML.attribute("id", notice.secretID))>\(HTML.escape(secret))</code></p>"
            html += "<p class=\"hint\">\(HTML.escape(page.t("admin.shownOnce")))</p>"
        }
        return html + "</div>"
    }

    static func roleOptions(_ page: PageContext, selected: Role) -> String {
        HTML.options(Role.allCases.reversed().map { ($0.rawValue, page.t("role.\($0.rawValue)")) }, selected: selected.rawValue)
    }

    static func users(_ page: PageContext, users: [UserRecord], notice: Notice?) -> Response {
        var html = self.notice(page, notice)
        html += "<div class=\"table-wrap\"><table id=\"users\"><thead><tr>"
        for key in ["users.name", "users.role", "users.state", "users.createdAt", "users.actions"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for user in users {
            let isSelf = user.id == page.user?.id
            html += "<tr \(HTML.attribute("data-user", user.username))><td>\(HTML.escape(user.username))</td>"
            html += "<td>"
            if isSelf {
                html += HTML.escape(page.t("role.\(user.role.rawValue)"))
            } else {
                html += "<form method=\"post\" action=\"/admin/users/\(user.id)\" class=\"inline\">\(page.csrfField)"
                html += "<input type=\"hidden\" name=\"action\" value=\"role\">"
                html += "<label class=\"visually-hidden\" for=\"role-\(user.id)\">\(HTML.escape(page.t("users.roleOf", user.username)))</label>"
                html += "<select id=\"role-\(user.id)\" name=\"role\">\(roleOptions(page, selected: user.role))</select> "
                html += "<button type=\"submit\" class=\"small\">\(HTML.escape(page.t("users.changeRole")))</button></form>"
            }
            html += "</td><td>\(HTML.escape(page.t(user.disabled ? "users.disabled" : "users.enabled")))"
            if user.mustChangePassword { html += " · \(HTML.escape(page.t("users.mustChange")))" }
            html += "</td><td>\(HTML.date(user.createdAt))</td><td class=\"actions\">"
            if !isSelf {
                html += "<form method=\"post\" action=\"/admin/users/\(user.id)\" class=\"inline\">\(page.csrfField)"
                html += "<input type=\"hidden\" name=\"action\" value=\"\(user.disabled ? "enable" : "disable")\">"
                html += "<button type=\"submit\" class=\"small\">\(HTML.escape(page.t(user.disabled ? "users.enable" : "users.disable")))</button></form> "
            }
            html += "<form method=\"post\" action=\"/admin/users/\(user.id)\" class=\"inline\">\(page.csrfField)"
            html += "<input type=\"hidden\" name=\"action\" value=\"reset\">"
            html += "<button type=\"submit\" class=\"small\">\(HTML.escape(page.t("users.reset")))</button></form></td></tr>"
        }
        html += "</tbody></table></div>"
        html += "<section aria-labelledby=\"new-user\"><h2 id=\"new-user\">\(HTML.escape(page.t("users.new")))</h2>"
        html += "<form method=\"post\" action=\"/admin/users\" class=\"card\" id=\"new-user-form\">\(page.csrfField)<div class=\"row\">"
        html += AccountPages.field("username", page.t("users.name"), type: "text", value: "", id: "new-username", autocomplete: "off")
        html += "<div class=\"field\"><label for=\"new-role\">\(HTML.escape(page.t("users.role")))</label>"
        html += "<select id=\"new-role\" name=\"role\">\(roleOptions(page, selected: .examiner))</select></div>"
        html += AccountPages.field("password", page.t("users.password"), type: "password", value: "", id: "new-password", autocomplete: "new-password", minLength: 10, required: false)
        html += "</div><p class=\"hint\">\(HTML.escape(page.t("users.passwordHint")))</p>"
        html += "<button type=\"submit\" id=\"create-user\">\(HTML.escape(page.t("users.create")))</button></form></section>"
        return Layout.page(page.t("users.title"), page, content: html)
    }

    static func tokens(_ page: PageContext, tokens: [APITokenRecord], users: [UserRecord], notice: Notice?) -> Response {
        var html = self.notice(page, notice)
        let names = Dictionary(users.map { ($0.id, $0.username) }, uniquingKeysWith: { a, _ in a })
        if tokens.isEmpty {
            html += Layout.notice(page.t("tokens.empty"))
        } else {
            html += "<div class=\"table-wrap\"><table id=\"tokens\"><thead><tr>"
            for key in ["tokens.name", "tokens.prefix", "tokens.owner", "tokens.rate", "tokens.createdAt", "tokens.lastUsed", "tokens.state", "tokens.actions"] {
                html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
            }
            html += "</tr></thead><tbody>"
            for token in tokens {
                html += "<tr><td>\(HTML.escape(token.name))</td><td><code>\(HTML.escape(token.prefix))…</code></td>"
                html += "<td>\(HTML.escape(names[token.userID] ?? "#\(token.userID)"))</td><td class=\"number\">\(token.ratePerMinute)</td>"
                html += "<td>\(HTML.date(token.createdAt))</td><td>\(HTML.date(token.lastUsedAt))</td>"
                html += "<td>\(HTML.escape(page.t(token.revoked ? "tokens.revoked" : "tokens.valid")))</td><td>"
                if !token.revoked {
                    html += "<form method=\"post\" action=\"/admin/tokens/\(token.id)/revoke\" class=\"inline\">\(page.csrfField)"
                    html += "<button type=\"submit\" class=\"small danger\">\(HTML.escape(page.t("tokens.revoke")))</button></form>"
                }
                html += "</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        html += "<section aria-labelledby=\"new-token\"><h2 id=\"new-token\">\(HTML.escape(page.t("tokens.new")))</h2>"
        html += "<form method=\"post\" action=\"/admin/tokens\" class=\"card\" id=\"new-token-form\">\(page.csrfField)<div class=\"row\">"
        html += AccountPages.field("name", page.t("tokens.name"), type: "text", value: "", id: "token-name", autocomplete: "off")
        html += "<div class=\"field\"><label for=\"token-rate\">\(HTML.escape(page.t("tokens.rate")))</label>"
        html += "<input type=\"number\" id=\"token-rate\" name=\"rate\" min=\"1\" max=\"100000\" placeholder=\"600\"></div>"
        if page.can(.administrator) {
            let owners = users.filter { !$0.disabled }.map { (String($0.id), $0.username) }
            html += "<div class=\"field\"><label for=\"token-owner\">\(HTML.escape(page.t("tokens.owner")))</label>"
            html += "<select id=\"token-owner\" name=\"user_id\">\(HTML.options(owners, selected: page.user.map { String($0.id) }))</select></div>"
        }
        html += "</div><button type=\"submit\" id=\"create-token\">\(HTML.escape(page.t("tokens.create")))</button></form></section>"
        return Layout.page(page.t("tokens.title"), page, content: html)
    }

    static func audit(_ page: PageContext, entries: [AuditEntry], next: Int64?) -> Response {
        var html = ""
        if entries.isEmpty { return Layout.page(page.t("audit.title"), page, content: Layout.notice(page.t("audit.empty"))) }
        html += "<div class=\"table-wrap\"><table id=\"audit\"><thead><tr>"
        for key in ["audit.at", "audit.user", "audit.action", "audit.target", "audit.details"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for entry in entries {
            html += "<tr><td>\(HTML.date(entry.at))</td><td>\(HTML.escape(entry.username ?? "–"))</td>"
            html += "<td>\(HTML.escape(entry.action))</td><td>\(HTML.escape(entry.target))</td><td>\(HTML.escape(entry.details))</td></tr>"
        }
        html += "</tbody></table></div>"
        if let next { html += "<p class=\"pager\"><a href=\"/admin/audit?cursor=\(next)\" rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>" }
        return Layout.page(page.t("audit.title"), page, content: html)
    }
}
