import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// The pages of participation: creating an account, registering for a conversation, the
/// Secretariat's and focal points' approvals, and the public list of participants.
enum ParticipationPages {
    /// `/signup`: name, password and its confirmation; the form carries the pre-session CSRF token.
    static func signUp(
        _ page: PageContext, csrf: String, next: String, username: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        var html = "<p class=\"lead narrow\">\(HTML.escape(page.t("participation.signUp.intro")))</p>"
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<form method=\"post\" action=\"/signup\" class=\"card narrow\" id=\"signup-form\">"
        html += "<input type=\"hidden\" name=\"_csrf\" \(HTML.attribute("value", csrf))>"
        html += "<input type=\"hidden\" name=\"next\" \(HTML.attribute("value", next))>"
        html += AccountPages.field("username", page.t("participation.signUp.username"), type: "text", value: username, autocomplete: "username", autofocus: true)
        html += "<p class=\"hint\">\(HTML.escape(page.t("participation.signUp.usernameRule")))</p>"
        html += AccountPages.field(
            "password", page.t("participation.signUp.password"), type: "password", value: "", autocomplete: "new-password",
            minLength: SignUp.minimumPasswordLength)
        html += AccountPages.field(
            "confirm", page.t("participation.signUp.confirm"), type: "password", value: "", autocomplete: "new-password",
            minLength: SignUp.minimumPasswordLength)
        html += "<p class=\"hint\">\(HTML.escape(page.t("participation.signUp.passwordRule", String(SignUp.minimumPasswordLength))))</p>"
        html += "<button type=\"submit\" id=\"signup-submit\">\(HTML.escape(page.t("participation.signUp.submit")))</button></form>"
        html += "<p class=\"narrow\">\(HTML.escape(page.t("participation.signUp.haveAccount"))) "
        html += "<a \(HTML.attribute("href", "/login?next=" + HTML.queryValue(next)))>\(HTML.escape(page.t("participation.signUp.signIn")))</a></p>"
        return Layout.page(page.t("participation.signUp.title"), page, status: status, content: html)
    }

    /// The label of a category in the page's language.
    static func category(_ page: PageContext, _ category: ParticipantCategory) -> String {
        page.t("participation.category.\(category.rawValue)")
    }

    static func status(_ page: PageContext, _ status: RegistrationStatus) -> String {
        "<span class=\"badge registration-\(status.rawValue)\">\(HTML.escape(page.t("participation.status.\(status.rawValue)")))</span>"
    }

    /// Links to the register page, the list of participants and (for those who manage) the registrations.
    static func links(_ page: PageContext, conversationID: Int64, manages: Bool) -> String {
        var html = "<nav class=\"participation-links\" \(HTML.attribute("aria-label", page.t("participation.links.label")))><ul>"
        html += "<li><a href=\"/conversations/\(conversationID)\">\(HTML.escape(page.t("participation.links.conversation")))</a></li>"
        html += "<li><a href=\"/conversations/\(conversationID)/register\">\(HTML.escape(page.t("participation.links.register")))</a></li>"
        html += "<li><a href=\"/conversations/\(conversationID)/participants\">\(HTML.escape(page.t("participation.links.participants")))</a></li>"
        if manages {
            html += "<li><a href=\"/conversations/\(conversationID)/registrations\">\(HTML.escape(page.t("participation.links.registrations")))</a></li>"
        }
        return html + "</ul></nav>"
    }

    /// A credential's name and size, with the download link for those allowed to fetch it.
    static func credential(_ page: PageContext, _ record: CredentialRecord?, registrationID: Int64, downloadable: Bool) -> String {
        guard let record else { return "<span class=\"missing\">\(HTML.escape(page.t("participation.credential.none")))</span>" }
        let label = "\(record.fileName) (\(HTML.bytes(record.bytes)))"
        guard downloadable else { return HTML.escape(label) }
        return "<a \(HTML.attribute("href", "/api/v1/registrations/\(registrationID)/credential")) download>\(HTML.escape(label))</a>"
    }
}
