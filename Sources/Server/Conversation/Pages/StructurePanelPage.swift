import Conversation
import Core
import Hummingbird

/// A panel's page: theme, moderator, panelists, prompting questions, documents and time slots,
/// with the ways into the live parts (ask for the floor, public display, moderator console) and
/// the session's archive. The Secretariat edits the panel here.
enum StructurePanelPage {
    static func render(
        _ page: PageContext, conversation: ConversationRecord, session: ConversationSession, panel: PanelRecord, moderator: String?,
        secretariat: Bool
    ) -> Response {
        var html = "<p class=\"breadcrumb\">\(StructureForms.link("/conversations/\(conversation.id)", conversation.title.text(in: page.language)))"
        html += " › \(StructureForms.link("/sessions/\(session.id)", page.t("conversation.session.heading", String(session.number), session.title.text(in: page.language))))</p>"
        html += "<nav class=\"panel-links\" \(HTML.attribute("aria-label", page.t("conversation.panel.links")))><ul>"
        html += "<li>\(StructureForms.link("/panels/\(panel.id)/floor", page.t("conversation.panel.floor"), id: "floor-link"))</li>"
        html += "<li>\(StructureForms.link("/panels/\(panel.id)/display", page.t("conversation.panel.display"), id: "display-link"))</li>"
        html += "<li>\(StructureForms.link("/panels/\(panel.id)/console", page.t("conversation.panel.console"), id: "console-link"))</li>"
        html += "<li>\(StructureForms.link("/sessions/\(session.id)/archive", page.t("conversation.session.archive")))</li>"
        html += "</ul></nav>"
        html += details(page, panel, moderator: moderator)
        if secretariat {
            html += "<section aria-labelledby=\"edit-panel\"><h2 id=\"edit-panel\">\(HTML.escape(page.t("conversation.panel.edit")))</h2>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/panels/\(panel.id)/edit")) class=\"card\" id=\"edit-panel-form\">\(page.csrfField)"
            html += panelFields(page, panel, moderator: moderator, idPrefix: "edit-")
            html += "<button type=\"submit\" id=\"save-panel\">\(HTML.escape(page.t("conversation.save")))</button></form>"
            html += StructurePages.deleteForm(page, action: "/panels/\(panel.id)/delete", label: page.t("conversation.panel.delete"), confirm: page.t("conversation.panel.deleteConfirm"))
            html += "</section>"
        }
        return Layout.page(panel.theme.text(in: page.language), page, content: html)
    }

    /// Moderator, panelists, questions, documents and slots (also shown on the session page).
    static func details(_ page: PageContext, _ panel: PanelRecord, moderator: String?) -> String {
        var html = "<dl class=\"panel-facts\">"
        html += StructureSessionPage.fact(page.t("conversation.panel.moderator"), HTML.escape(moderator ?? page.t("conversation.panel.noModerator")))
        if !panel.panelists.isEmpty {
            let names = panel.panelists.map { panelist in
                HTML.escape(panelist.name) + (panelist.affiliation.isEmpty ? "" : " <span class=\"affiliation\">(\(HTML.escape(panelist.affiliation)))</span>")
            }
            html += StructureSessionPage.fact(page.t("conversation.panel.panelists"), "<ul class=\"plain\"><li>" + names.joined(separator: "</li><li>") + "</li></ul>")
        }
        if !panel.slots.isEmpty {
            let slots = panel.slots.map { "\(HTML.escape($0.startsAt))–\(HTML.escape($0.endsAt)) \(HTML.escape(page.t("conversation.slot.\($0.kind.rawValue)")))" }
            html += StructureSessionPage.fact(page.t("conversation.panel.slots"), "<ul class=\"plain\"><li>" + slots.joined(separator: "</li><li>") + "</li></ul>")
        }
        html += "</dl>"
        if !panel.questions.isEmpty {
            html += "<h4>\(HTML.escape(page.t("conversation.panel.questions")))</h4><ol class=\"questions\">"
            for question in panel.questions { html += "<li>\(StructureForms.text(question, page))</li>" }
            html += "</ol>"
        }
        if !panel.documents.isEmpty {
            html += "<h4>\(HTML.escape(page.t("conversation.panel.documents")))</h4><ul class=\"documents\">"
            for document in panel.documents {
                html += "<li><a \(HTML.attribute("href", document.url)) rel=\"noopener noreferrer\">\(HTML.escape(document.title))</a></li>"
            }
            html += "</ul>"
        }
        return html
    }

    /// The panel's fields: theme per language, moderator (a user name), position, panelists and documents
    /// (one per line, `name | affiliation`, `title | https://…`), questions per language (one per line), slots.
    static func panelFields(_ page: PageContext, _ panel: PanelRecord, moderator: String?, idPrefix: String) -> String {
        var html = StructureForms.localized("theme", page.t("conversation.panel.theme"), panel.theme, page, idPrefix: idPrefix)
        html += "<div class=\"row\">"
        html += StructureForms.field(
            "moderator", page.t("conversation.panel.moderatorUsername"), value: moderator ?? "", hint: page.t("conversation.panel.moderatorHint"),
            id: idPrefix + "moderator")
        html += StructureForms.field("position", page.t("conversation.panel.position"), value: String(panel.position), type: "number", id: idPrefix + "position")
        html += "</div>"
        html += StructureForms.area(
            "panelists", page.t("conversation.panel.panelists"),
            value: panel.panelists.map { $0.affiliation.isEmpty ? $0.name : "\($0.name) | \($0.affiliation)" }.joined(separator: "\n"),
            hint: page.t("conversation.panel.panelistsHint"), id: idPrefix + "panelists")
        html += "<fieldset class=\"localized\"><legend>\(HTML.escape(page.t("conversation.panel.questions")))</legend>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("conversation.panel.questionsHint")))</p>"
        for language in StructureForms.languages {
            let lines = panel.questions.map { $0[language] ?? "" }
            let value = lines.allSatisfy(\.isEmpty) ? "" : lines.joined(separator: "\n")
            html += StructureForms.area("questions_\(language)", page.t("conversation.language.\(language)"), value: value, id: "\(idPrefix)questions-\(language)", rows: 3)
        }
        html += "</fieldset>"
        html += StructureForms.area(
            "documents", page.t("conversation.panel.documents"),
            value: panel.documents.map { "\($0.title) | \($0.url)" }.joined(separator: "\n"), hint: page.t("conversation.panel.documentsHint"),
            id: idPrefix + "documents", rows: 3)
        html += "<fieldset><legend>\(HTML.escape(page.t("conversation.panel.slots")))</legend>"
        for kind in PanelSlot.Kind.allCases {
            let slot = panel.slots.first { $0.kind == kind }
            html += "<div class=\"row\"><span class=\"slot-kind\">\(HTML.escape(page.t("conversation.slot.\(kind.rawValue)")))</span>"
            html += StructureForms.field("slot_\(kind.rawValue)_start", page.t("conversation.slot.start"), value: slot?.startsAt ?? "", type: "time", id: "\(idPrefix)slot-\(kind.rawValue)-start")
            html += StructureForms.field("slot_\(kind.rawValue)_end", page.t("conversation.slot.end"), value: slot?.endsAt ?? "", type: "time", id: "\(idPrefix)slot-\(kind.rawValue)-end")
            html += "</div>"
        }
        return html + "</fieldset>"
    }
}
