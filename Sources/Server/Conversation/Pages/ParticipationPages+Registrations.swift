import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage

extension ParticipationPages {
    /// `/conversations/{id}/registrations`: the Secretariat's (every delegation) or a focal point's
    /// (their own delegation) list, with approve/reject forms and, for the Secretariat, focal points.
    static func registrations(
        _ page: PageContext, conversation: ConversationRecord, items: [RegistrationRecord], credentials: [Int64: CredentialRecord],
        status: RegistrationStatus?, next: Int64?, secretariat: Bool, focalPointOf: String?
    ) -> Response {
        var html = links(page, conversationID: conversation.id, manages: true)
        if let focalPointOf {
            html += "<p class=\"lead\">\(HTML.escape(page.t("participation.registrations.focalPointScope", focalPointOf)))</p>"
        }
        let base = "/conversations/\(conversation.id)/registrations"
        html += "<nav class=\"filters\" \(HTML.attribute("aria-label", page.t("participation.registrations.filter")))><ul>"
        var filters: [(String, String)] = RegistrationStatus.allCases.map { ($0.rawValue, "participation.status.\($0.rawValue)") }
        filters.append(("all", "participation.registrations.all"))
        for (value, key) in filters {
            let current = (status?.rawValue ?? "all") == value ? " aria-current=\"page\"" : ""
            html += "<li><a \(HTML.attribute("href", base + "?status=" + value))\(current)>\(HTML.escape(page.t(key)))</a></li>"
        }
        html += "</ul></nav>"
        guard !items.isEmpty else {
            html += Layout.notice(page.t("participation.registrations.empty"))
            return Layout.page(page.t("participation.registrations.title", conversation.title.text(in: page.language)), page, content: html)
        }
        let back = base + "?status=" + (status?.rawValue ?? "all")
        html += "<div class=\"table-wrap\"><table id=\"registrations\"><thead><tr>"
        for key in ["displayName", "category", "delegation", "status", "credential", "submitted", "actions"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t("participation.field.\(key)")))</th>"
        }
        html += "</tr></thead><tbody>"
        for item in items {
            html += "<tr \(HTML.attribute("data-registration", String(item.id))) \(HTML.attribute("data-status", item.status.rawValue))>"
            html += "<td>\(HTML.escape(item.displayName))"
            if item.focalPoint { html += " <span class=\"badge focal-point\">\(HTML.escape(page.t("participation.field.focalPoint")))</span>" }
            html += "</td><td>\(HTML.escape(category(page, item.category)))</td><td>\(HTML.escape(item.delegation))</td>"
            html += "<td>\(self.status(page, item.status))"
            if !item.note.isEmpty { html += "<div class=\"hint\">\(HTML.escape(item.note))</div>" }
            html += "</td><td>\(credential(page, credentials[item.id], registrationID: item.id, downloadable: true))</td>"
            html += "<td>\(HTML.date(item.createdAt))</td><td class=\"actions\">"
            if item.status != .withdrawn { html += decisionForm(page, item, back: back) }
            if secretariat, item.isApproved, item.category.isDelegation {
                html += "<form method=\"post\" action=\"/registrations/\(item.id)/focal-point\" class=\"inline\">\(page.csrfField)"
                html += "<input type=\"hidden\" name=\"next\" \(HTML.attribute("value", back))>"
                html += "<input type=\"hidden\" name=\"focal_point\" value=\"\(item.focalPoint ? "0" : "1")\">"
                let key = item.focalPoint ? "participation.registrations.unsetFocalPoint" : "participation.registrations.setFocalPoint"
                html += "<button type=\"submit\" class=\"small\">\(HTML.escape(page.t(key)))</button></form>"
            }
            html += "</td></tr>"
        }
        html += "</tbody></table></div>"
        if let next {
            let href = back + "&cursor=\(next)"
            html += "<p class=\"pager\"><a \(HTML.attribute("href", href)) rel=\"next\">\(HTML.escape(page.t("participation.registrations.more")))</a></p>"
        }
        return Layout.page(page.t("participation.registrations.title", conversation.title.text(in: page.language)), page, content: html)
    }

    static func decisionForm(_ page: PageContext, _ item: RegistrationRecord, back: String) -> String {
        var html = "<form method=\"post\" action=\"/registrations/\(item.id)/decision\" class=\"decision\">\(page.csrfField)"
        html += "<input type=\"hidden\" name=\"next\" \(HTML.attribute("value", back))>"
        let noteID = "note-\(item.id)"
        html += "<label class=\"visually-hidden\" \(HTML.attribute("for", noteID))>\(HTML.escape(page.t("participation.registrations.noteFor", item.displayName)))</label>"
        html += "<input type=\"text\" \(HTML.attribute("id", noteID)) name=\"note\" maxlength=\"1000\" \(HTML.attribute("placeholder", page.t("participation.field.note")))> "
        if item.status != .approved {
            html += "<button type=\"submit\" name=\"status\" value=\"approved\" class=\"small\">\(HTML.escape(page.t("participation.registrations.approve")))</button> "
        }
        if item.status != .rejected {
            html += "<button type=\"submit\" name=\"status\" value=\"rejected\" class=\"small danger\">\(HTML.escape(page.t("participation.registrations.reject")))</button>"
        }
        return html + "</form>"
    }

    /// `/conversations/{id}/participants`: delegations and observer organisations for everyone;
    /// people's names for the Secretariat only.
    static func participants(
        _ page: PageContext, conversation: ConversationRecord, delegations: [ParticipatingDelegation], people: [RegistrationRecord]?,
        manages: Bool
    ) -> Response {
        var html = links(page, conversationID: conversation.id, manages: manages)
        let states = delegations.filter { $0.category == .memberState }
        let observers = delegations.filter { $0.category != .memberState }
        html += "<section aria-labelledby=\"member-states\"><h2 id=\"member-states\">\(HTML.escape(page.t("participation.participants.memberStates", String(states.count))))</h2>"
        if states.isEmpty {
            html += Layout.notice(page.t("participation.participants.none"))
        } else {
            html += "<ul class=\"delegations\" id=\"member-state-list\">"
            for state in states {
                html += "<li \(HTML.attribute("data-code", state.code ?? ""))>\(HTML.escape(state.name))</li>"
            }
            html += "</ul>"
        }
        html += "</section><section aria-labelledby=\"observers\"><h2 id=\"observers\">\(HTML.escape(page.t("participation.participants.observers", String(observers.count))))</h2>"
        if observers.isEmpty {
            html += Layout.notice(page.t("participation.participants.none"))
        } else {
            html += "<ul class=\"delegations\" id=\"observer-list\">"
            for observer in observers {
                html += "<li>\(HTML.escape(observer.name)) <span class=\"hint\">(\(HTML.escape(category(page, observer.category))))</span></li>"
            }
            html += "</ul>"
        }
        html += "</section>"
        if let people {
            html += "<section aria-labelledby=\"people\"><h2 id=\"people\">\(HTML.escape(page.t("participation.participants.people")))</h2>"
            html += "<p class=\"hint\">\(HTML.escape(page.t("participation.participants.peopleHint")))</p>"
            html += "<div class=\"table-wrap\"><table id=\"people-table\"><thead><tr>"
            for key in ["displayName", "category", "delegation"] {
                html += "<th scope=\"col\">\(HTML.escape(page.t("participation.field.\(key)")))</th>"
            }
            html += "</tr></thead><tbody>"
            for person in people {
                html += "<tr><td>\(HTML.escape(person.displayName))"
                if person.focalPoint { html += " <span class=\"badge focal-point\">\(HTML.escape(page.t("participation.field.focalPoint")))</span>" }
                html += "</td><td>\(HTML.escape(category(page, person.category)))</td><td>\(HTML.escape(person.delegation))</td></tr>"
            }
            html += "</tbody></table></div></section>"
        }
        return Layout.page(page.t("participation.participants.title", conversation.title.text(in: page.language)), page, content: html)
    }
}
