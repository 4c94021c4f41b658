import HTTPTypes
import Hummingbird

/// The sign-in and password pages.
enum AccountPages {
    static func login(
        _ page: PageContext, csrf: String, next: String, username: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<form method=\"post\" action=\"/login\" class=\"card narrow\">"
        html += "<input type=\"hidden\" name=\"_csrf\" \(HTML.attribute("value", csrf))>"
        html += "<input type=\"hidden\" name=\"next\" \(HTML.attribute("value", next))>"
        html += field("username", page.t("login.username"), type: "text", value: username, autocomplete: "username", autofocus: true)
        html += field("password", page.t("login.password"), type: "password", value: "", autocomplete: "current-password")
        html += "<button type=\"submit\" id=\"login-submit\">\(HTML.escape(page.t("login.submit")))</button></form>"
        // Delegates, observers and the public make their own account (to register for a conversation or comment).
        html += "<p class=\"narrow\"><a href=\"/signup\" id=\"signup-link\">\(HTML.escape(page.t("login.signUp")))</a></p>"
        return Layout.page(page.t("login.title"), page, status: status, content: html)
    }

    static func password(
        _ page: PageContext, forced: Bool, next: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        var html = ""
        if forced { html += Layout.notice(page.t("password.forced")) }
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<form method=\"post\" action=\"/password\" class=\"card narrow\">\(page.csrfField)"
        html += "<input type=\"hidden\" name=\"next\" \(HTML.attribute("value", next))>"
        html += field("current", page.t("password.current"), type: "password", value: "", autocomplete: "current-password", autofocus: true)
        html += field("new", page.t("password.new"), type: "password", value: "", autocomplete: "new-password", minLength: 10)
        html += field("confirm", page.t("password.confirm"), type: "password", value: "", autocomplete: "new-password", minLength: 10)
        html += "<p class=\"hint\">\(HTML.escape(page.t("password.rule")))</p>"
        html += "<button type=\"submit\" id=\"password-submit\">\(HTML.escape(page.t("password.submit")))</button></form>"
        return Layout.page(page.t("password.title"), page, status: status, content: html)
    }

    /// A labelled input.
    static func field(
        _ name: String, _ label: String, type: String, value: String, id: String? = nil, autocomplete: String? = nil,
        autofocus: Bool = false, minLength: Int? = nil, required: Bool = true
    ) -> String {
        let id = id ?? name
        var input = "<input \(HTML.attribute("type", type)) \(HTML.attribute("id", id)) \(HTML.attribute("name", name)) \(HTML.attribute("value", value))"
        if let autocomplete { input += " " + HTML.attribute("autocomplete", autocomplete) }
        if let minLength { input += " minlength=\"\(minLength)\"" }
        if required { input += " required" }
        if autofocus { input += " autofocus" }
        input += ">"
        return "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(label))</label>\(input)</div>"
    }
}
