import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage

extension ParticipationPages {
    /// What the register form sends back when it is shown again after a refusal.
    struct RegistrationForm: Sendable {
        var category = ""
        var memberState = ""
        var organisation = ""
        var displayName = ""
    }

    /// `/conversations/{id}/register`: the form, or the visitor's own registration and its status.
    static func register(
        _ page: PageContext, conversation: ConversationRecord, own: RegistrationRecord?, credential: CredentialRecord?,
        manages: Bool, form: RegistrationForm = RegistrationForm(), notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let title = page.t("participation.register.title", conversation.title.text(in: page.language))
        var html = links(page, conversationID: conversation.id, manages: manages)
        if let notice { html += Layout.notice(notice, kind: "success") }
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<p class=\"lead\">\(HTML.escape(page.t("participation.register.intro")))</p>"
        guard page.user != nil else {
            let back = HTML.queryValue("/conversations/\(conversation.id)/register")
            html += "<div class=\"card narrow\" id=\"register-sign-in\"><p>\(HTML.escape(page.t("participation.register.needAccount")))</p><p>"
            html += "<a \(HTML.attribute("href", "/signup?next=" + back)) id=\"register-signup\">\(HTML.escape(page.t("participation.register.createAccount")))</a> · "
            html += "<a \(HTML.attribute("href", "/login?next=" + back))>\(HTML.escape(page.t("participation.register.signIn")))</a></p></div>"
            return Layout.page(title, page, status: status, content: html)
        }
        if let own, own.status != .withdrawn {
            html += ownRegistration(page, own, credential: credential)
        } else {
            if own?.status == .withdrawn { html += Layout.notice(page.t("participation.register.withdrawnAgain")) }
            html += registrationForm(page, conversationID: conversation.id, form: form)
        }
        return Layout.page(title, page, status: status, content: html)
    }

    static func ownRegistration(_ page: PageContext, _ own: RegistrationRecord, credential: CredentialRecord?) -> String {
        var html = "<section aria-labelledby=\"own-registration\" id=\"registration-status\" \(HTML.attribute("data-status", own.status.rawValue))>"
        html += "<h2 id=\"own-registration\">\(HTML.escape(page.t("participation.register.yours")))</h2><dl class=\"facts\">"
        html += "<dt>\(HTML.escape(page.t("participation.field.status")))</dt><dd>\(status(page, own.status))</dd>"
        html += "<dt>\(HTML.escape(page.t("participation.field.category")))</dt><dd>\(HTML.escape(category(page, own.category)))</dd>"
        if !own.delegation.isEmpty {
            html += "<dt>\(HTML.escape(page.t("participation.field.delegation")))</dt><dd>\(HTML.escape(own.delegation))</dd>"
        }
        html += "<dt>\(HTML.escape(page.t("participation.field.displayName")))</dt><dd>\(HTML.escape(own.displayName))</dd>"
        html += "<dt>\(HTML.escape(page.t("participation.field.credential")))</dt><dd>\(self.credential(page, credential, registrationID: own.id, downloadable: false))</dd>"
        html += "<dt>\(HTML.escape(page.t("participation.field.submitted")))</dt><dd>\(HTML.date(own.createdAt))</dd>"
        if own.focalPoint {
            html += "<dt>\(HTML.escape(page.t("participation.field.focalPoint")))</dt><dd>\(HTML.escape(page.t("participation.register.youAreFocalPoint")))</dd>"
        }
        if !own.note.isEmpty {
            html += "<dt>\(HTML.escape(page.t("participation.field.note")))</dt><dd>\(HTML.escape(own.note))</dd>"
        }
        html += "</dl>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("participation.register.explain.\(own.status.rawValue)")))</p>"
        if own.status == .pending, own.category.isDelegation {
            html += "<form method=\"post\" action=\"/conversations/\(own.conversationID)/register/credential\" enctype=\"multipart/form-data\" class=\"card narrow\" id=\"credential-form\">\(page.csrfField)"
            html += credentialField(page, required: true)
            html += "<button type=\"submit\">\(HTML.escape(page.t(credential == nil ? "participation.credential.upload" : "participation.credential.replace")))</button></form>"
        }
        html += "<form method=\"post\" action=\"/conversations/\(own.conversationID)/register/withdraw\" id=\"withdraw-form\">\(page.csrfField)"
        html += "<button type=\"submit\" class=\"danger\">\(HTML.escape(page.t("participation.register.withdraw")))</button></form>"
        return html + "</section>"
    }

    static func credentialField(_ page: PageContext, required: Bool) -> String {
        var html = "<div class=\"field\"><label for=\"credential\">\(HTML.escape(page.t("participation.field.credential")))</label>"
        html += "<input type=\"file\" id=\"credential\" name=\"credential\" accept=\"application/pdf,.pdf\"\(required ? " required" : "")"
        html += " aria-describedby=\"credential-hint\"></div>"
        html += "<p class=\"hint\" id=\"credential-hint\">\(HTML.escape(page.t("participation.credential.hint")))</p>"
        return html
    }

    static func registrationForm(_ page: PageContext, conversationID: Int64, form: RegistrationForm) -> String {
        var html = "<form method=\"post\" action=\"/conversations/\(conversationID)/register\" enctype=\"multipart/form-data\" class=\"card\" id=\"register-form\">"
        html += page.csrfField
        html += "<fieldset><legend>\(HTML.escape(page.t("participation.field.category")))</legend>"
        for category in ParticipantCategory.allCases {
            let id = "category-\(category.rawValue)"
            let checked = form.category == category.rawValue ? " checked" : ""
            html += "<div class=\"field check\"><input type=\"radio\" name=\"category\" \(HTML.attribute("id", id)) \(HTML.attribute("value", category.rawValue))\(checked) required>"
            html += "<label \(HTML.attribute("for", id))>\(HTML.escape(self.category(page, category)))</label></div>"
        }
        html += "<p class=\"hint\">\(HTML.escape(page.t("participation.register.floorRule")))</p></fieldset>"
        html += "<div class=\"row\"><div class=\"field\"><label for=\"member-state\">\(HTML.escape(page.t("participation.field.memberState")))</label>"
        html += "<select id=\"member-state\" name=\"member_state\"><option value=\"\">\(HTML.escape(page.t("participation.register.chooseState")))</option>"
        html += HTML.options(MemberStates.all.map { ($0.code, "\($0.name) (\($0.code))") }, selected: form.memberState)
        html += "</select></div>"
        html += "<div class=\"field\"><label for=\"organisation\">\(HTML.escape(page.t("participation.field.organisation")))</label>"
        html += "<input type=\"text\" id=\"organisation\" name=\"organisation\" maxlength=\"200\" \(HTML.attribute("value", form.organisation))></div></div>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("participation.register.delegationHint")))</p>"
        html += AccountPages.field("display_name", page.t("participation.field.displayName"), type: "text", value: form.displayName, id: "display-name", autocomplete: "name")
        html += credentialField(page, required: false)
        html += "<button type=\"submit\" id=\"register-submit\">\(HTML.escape(page.t("participation.register.submit")))</button></form>"
        return html
    }
}
