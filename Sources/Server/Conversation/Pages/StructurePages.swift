import Conversation
import Core
import Hummingbird

/// The public pages of the Conversation's structure: the list of conversations and a
/// conversation with its sessions. The Secretariat sees edit forms (POST with the CSRF field).
enum StructurePages {
    static func list(_ page: PageContext, conversations: [ConversationRecord], next: Int64?, canCreate: Bool) -> Response {
        var html = "<p class=\"lead\">\(HTML.escape(page.t("conversation.list.lead")))</p>"
        if conversations.isEmpty {
            html += Layout.notice(page.t("conversation.list.empty"))
        } else {
            html += "<ul class=\"conversation-list\" id=\"conversations\">"
            for conversation in conversations {
                html += "<li \(HTML.attribute("data-conversation", String(conversation.id)))><a \(HTML.attribute("href", "/conversations/\(conversation.id)"))>\(StructureForms.text(conversation.title, page))</a>"
                if !conversation.description.isEmpty { html += "<p>\(StructureForms.text(conversation.description, page))</p>" }
                html += "</li>"
            }
            html += "</ul>"
        }
        if let next { html += "<p class=\"pager\"><a href=\"/conversations?cursor=\(next)\" rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>" }
        if canCreate {
            html += "<section aria-labelledby=\"new-conversation\"><h2 id=\"new-conversation\">\(HTML.escape(page.t("conversation.new")))</h2>"
            html += "<form method=\"post\" action=\"/conversations\" class=\"card\" id=\"new-conversation-form\">\(page.csrfField)"
            html += StructureForms.localized("title", page.t("conversation.field.title"), LocalizedText(), page)
            html += StructureForms.localized("description", page.t("conversation.field.description"), LocalizedText(), page, required: false, multiline: true)
            html += "<button type=\"submit\" id=\"create-conversation\">\(HTML.escape(page.t("conversation.create")))</button></form></section>"
        }
        return Layout.page(page.t("conversation.list.title"), page, content: html)
    }

    static func conversation(
        _ page: PageContext, _ conversation: ConversationRecord, sessions: [ConversationSession], secretariat: Bool
    ) -> Response {
        let id = conversation.id
        var html = ""
        if !conversation.description.isEmpty { html += "<p class=\"lead\">\(StructureForms.text(conversation.description, page))</p>" }
        html += "<nav class=\"conversation-links\" \(HTML.attribute("aria-label", page.t("conversation.links")))><ul>"
        html += "<li>\(StructureForms.link("/conversations/\(id)/outcomes", page.t("conversation.outcomes.link"), id: "outcomes-link"))</li>"
        html += "<li>\(StructureForms.link("/consultations?conversation=\(id)", page.t("conversation.consultations.link")))</li>"
        html += "<li>\(StructureForms.link("/conversations/\(id)/register", page.t("conversation.register.link")))</li>"
        html += "</ul></nav>"
        html += "<h2 id=\"sessions\">\(HTML.escape(page.t("conversation.sessions")))</h2>"
        if sessions.isEmpty {
            html += Layout.notice(page.t("conversation.sessions.empty"))
        } else {
            html += "<div class=\"table-wrap\"><table id=\"session-table\"><caption class=\"visually-hidden\">\(HTML.escape(page.t("conversation.sessions")))</caption><thead><tr>"
            for key in ["number", "title", "dates", "place", "format", "languages", "media"] {
                html += "<th scope=\"col\">\(HTML.escape(page.t("conversation.session.\(key)")))</th>"
            }
            html += "</tr></thead><tbody>"
            for session in sessions { html += sessionRow(page, session) }
            html += "</tbody></table></div>"
        }
        if secretariat {
            html += "<section aria-labelledby=\"new-session\"><h2 id=\"new-session\">\(HTML.escape(page.t("conversation.session.new")))</h2>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/conversations/\(id)/sessions")) class=\"card\" id=\"new-session-form\">\(page.csrfField)"
            let draft = ConversationSession(
                id: 0, conversationID: id, number: (sessions.map(\.number).max() ?? 0) + 1, title: LocalizedText(), startsOn: "",
                endsOn: "", place: "", format: .inPerson, languages: ["en"], webcastURL: "", archiveURL: "", videoStartedAt: nil, createdAt: 0)
            html += StructureSessionPage.sessionFields(page, draft, idPrefix: "new-")
            html += "<button type=\"submit\" id=\"create-session\">\(HTML.escape(page.t("conversation.session.create")))</button></form></section>"

            html += "<section aria-labelledby=\"edit-conversation\"><h2 id=\"edit-conversation\">\(HTML.escape(page.t("conversation.edit")))</h2>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/conversations/\(id)/edit")) class=\"card\" id=\"edit-conversation-form\">\(page.csrfField)"
            html += StructureForms.localized("title", page.t("conversation.field.title"), conversation.title, page, idPrefix: "edit-")
            html += StructureForms.localized("description", page.t("conversation.field.description"), conversation.description, page, required: false, multiline: true, idPrefix: "edit-")
            html += "<button type=\"submit\">\(HTML.escape(page.t("conversation.save")))</button></form>"
            html += deleteForm(page, action: "/conversations/\(id)/delete", label: page.t("conversation.delete"), confirm: page.t("conversation.deleteConfirm"))
            html += "</section>"
        }
        return Layout.page(conversation.title.text(in: page.language), page, content: html)
    }

    static func sessionRow(_ page: PageContext, _ session: ConversationSession) -> String {
        var html = "<tr \(HTML.attribute("data-session", String(session.id)))><td class=\"number\">\(session.number)</td>"
        html += "<td><a \(HTML.attribute("href", "/sessions/\(session.id)"))>\(StructureForms.text(session.title, page))</a></td>"
        let dates = session.startsOn == session.endsOn ? session.startsOn : "\(session.startsOn) – \(session.endsOn)"
        html += "<td>\(HTML.escape(dates))</td><td>\(HTML.escape(session.place))</td>"
        html += "<td>\(HTML.escape(page.t("conversation.format.\(session.format.rawValue)")))</td>"
        html += "<td>\(HTML.escape(session.languages.map { page.t("conversation.language.\($0)") }.joined(separator: ", ")))</td><td>"
        html += mediaLinks(page, session)
        return html + "</td></tr>"
    }

    /// Webcast and video-archive links (absolute http(s) links only: the store refuses others).
    static func mediaLinks(_ page: PageContext, _ session: ConversationSession) -> String {
        var links: [String] = []
        if !session.webcastURL.isEmpty {
            links.append("<a \(HTML.attribute("href", session.webcastURL)) rel=\"noopener noreferrer\">\(HTML.escape(page.t("conversation.session.webcast")))</a>")
        }
        if !session.archiveURL.isEmpty {
            links.append("<a \(HTML.attribute("href", session.archiveURL)) rel=\"noopener noreferrer\">\(HTML.escape(page.t("conversation.session.archiveVideo")))</a>")
        }
        return links.joined(separator: " · ")
    }

    static func deleteForm(_ page: PageContext, action: String, label: String, confirm: String) -> String {
        let id = "confirm-" + action.replacingOccurrences(of: "/", with: "-")
        var html = "<form method=\"post\" \(HTML.attribute("action", action)) class=\"card danger-zone\">\(page.csrfField)"
        html += "<div class=\"field check\"><input type=\"checkbox\" \(HTML.attribute("id", id)) name=\"confirm\" value=\"yes\" required>"
        html += "<label \(HTML.attribute("for", id))>\(HTML.escape(confirm))</label></div>"
        return html + "<button type=\"submit\" class=\"danger\">\(HTML.escape(label))</button></form>"
    }
}
