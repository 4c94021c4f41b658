import Conversation
import Core
import Hummingbird

/// A session's page: dates, place, format, languages, webcast and archive, the agenda with its
/// linked issues and questions, and the panels. The Secretariat edits all of it here.
enum StructureSessionPage {
    struct Content: Sendable {
        var conversation: ConversationRecord
        var session: ConversationSession
        var agenda: [AgendaItemRecord]
        var panels: [PanelRecord]
        var moderators: [Int64: String]
        var issues: [Int64: IssueSummary]
        /// Issues of the conversation's papers that agenda items may link to (for the Secretariat's forms).
        var linkable: [IssueSummary]
        var secretariat: Bool
    }

    static func render(_ page: PageContext, _ content: Content) -> Response {
        let session = content.session
        var html = "<p class=\"breadcrumb\">\(StructureForms.link("/conversations/\(content.conversation.id)", content.conversation.title.text(in: page.language)))</p>"
        html += "<dl class=\"session-facts\">"
        let dates = session.startsOn == session.endsOn ? session.startsOn : "\(session.startsOn) – \(session.endsOn)"
        html += fact(page.t("conversation.session.dates"), HTML.escape(dates))
        if !session.place.isEmpty { html += fact(page.t("conversation.session.place"), HTML.escape(session.place)) }
        html += fact(page.t("conversation.session.format"), HTML.escape(page.t("conversation.format.\(session.format.rawValue)")))
        html += fact(page.t("conversation.session.languages"), HTML.escape(session.languages.map { page.t("conversation.language.\($0)") }.joined(separator: ", ")))
        let media = StructurePages.mediaLinks(page, session)
        if !media.isEmpty { html += fact(page.t("conversation.session.media"), media) }
        if session.videoStartedAt != nil { html += fact(page.t("conversation.session.videoStartedAt"), HTML.escape(HTML.date(session.videoStartedAt))) }
        html += "</dl>"
        html += "<p class=\"actions\">\(StructureForms.link("/sessions/\(session.id)/archive", page.t("conversation.session.archive"), id: "archive-link")) · "
        html += "<span>\(HTML.escape(page.t("conversation.agenda.export")))</span> "
        html += "<a \(HTML.attribute("href", "/api/v1/sessions/\(session.id)/agenda/export?format=json")) download>JSON</a> "
        html += "<a \(HTML.attribute("href", "/api/v1/sessions/\(session.id)/agenda/export?format=csv")) download>CSV</a></p>"

        html += "<h2 id=\"agenda\">\(HTML.escape(page.t("conversation.agenda")))</h2>"
        if content.agenda.isEmpty { html += Layout.notice(page.t("conversation.agenda.empty")) }
        html += "<ol class=\"agenda\" id=\"agenda-list\">"
        for (index, item) in content.agenda.enumerated() { html += agendaItem(page, content, item, first: index == 0, last: index == content.agenda.count - 1) }
        html += "</ol>"
        if content.secretariat {
            html += "<details class=\"card\"><summary>\(HTML.escape(page.t("conversation.agenda.new")))</summary>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/sessions/\(session.id)/agenda")) id=\"new-agenda-form\">\(page.csrfField)"
            let draft = AgendaItemRecord(
                id: 0, sessionID: session.id, conversationID: session.conversationID, position: 0, title: LocalizedText(), panelID: nil,
                startsAt: "", links: [], createdAt: 0)
            html += agendaFields(page, content, draft, idPrefix: "new-agenda-")
            html += "<button type=\"submit\" id=\"create-agenda-item\">\(HTML.escape(page.t("conversation.agenda.create")))</button></form></details>"
        }

        html += "<h2 id=\"panels\">\(HTML.escape(page.t("conversation.panels")))</h2>"
        if content.panels.isEmpty { html += Layout.notice(page.t("conversation.panels.empty")) }
        for panel in content.panels {
            html += "<section class=\"card panel\" \(HTML.attribute("id", "panel-\(panel.id)"))>"
            html += "<h3><a \(HTML.attribute("href", "/panels/\(panel.id)"))>\(StructureForms.text(panel.theme, page))</a></h3>"
            html += StructurePanelPage.details(page, panel, moderator: content.moderators[panel.id])
            html += "</section>"
        }
        if content.secretariat {
            html += "<details class=\"card\"><summary>\(HTML.escape(page.t("conversation.panel.new")))</summary>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/sessions/\(session.id)/panels")) id=\"new-panel-form\">\(page.csrfField)"
            let draft = PanelRecord(
                id: 0, sessionID: session.id, conversationID: session.conversationID, position: content.panels.count + 1,
                theme: LocalizedText(), moderatorUserID: nil, panelists: [], questions: [], documents: [], slots: [], createdAt: 0)
            html += StructurePanelPage.panelFields(page, draft, moderator: nil, idPrefix: "new-panel-")
            html += "<button type=\"submit\" id=\"create-panel\">\(HTML.escape(page.t("conversation.panel.create")))</button></form></details>"

            html += "<section aria-labelledby=\"edit-session\"><h2 id=\"edit-session\">\(HTML.escape(page.t("conversation.session.edit")))</h2>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/sessions/\(session.id)/edit")) class=\"card\" id=\"edit-session-form\">\(page.csrfField)"
            html += sessionFields(page, session, idPrefix: "edit-", withVideo: true)
            html += "<button type=\"submit\" id=\"save-session\">\(HTML.escape(page.t("conversation.save")))</button></form>"
            html += StructurePages.deleteForm(page, action: "/sessions/\(session.id)/delete", label: page.t("conversation.session.delete"), confirm: page.t("conversation.session.deleteConfirm"))
            html += "</section>"
        }
        let title = page.t("conversation.session.heading", String(session.number), session.title.text(in: page.language))
        return Layout.page(title, page, content: html)
    }

    static func fact(_ term: String, _ html: String) -> String {
        "<div><dt>\(HTML.escape(term))</dt><dd>\(html)</dd></div>"
    }

    static func agendaItem(_ page: PageContext, _ content: Content, _ item: AgendaItemRecord, first: Bool, last: Bool) -> String {
        var html = "<li \(HTML.attribute("id", "agenda-\(item.id)"))>"
        if !item.startsAt.isEmpty { html += "<span class=\"time\">\(HTML.escape(item.startsAt))</span> " }
        html += "<span class=\"agenda-title\">\(StructureForms.text(item.title, page))</span>"
        if let panelID = item.panelID, let panel = content.panels.first(where: { $0.id == panelID }) {
            html += " · <a \(HTML.attribute("href", "/panels/\(panel.id)"))>\(StructureForms.text(panel.theme, page))</a>"
        }
        if !item.links.isEmpty {
            html += "<ul class=\"agenda-links\">"
            for link in item.links {
                guard let issue = content.issues[link.issueID] else { continue }
                html += "<li>\(HTML.escape(page.t("conversation.agenda.issue", String(issue.number)))) \(StructureForms.text(issue.title, page))"
                if let questionID = link.questionID, let question = issue.questions.first(where: { $0.id == questionID }) {
                    html += "<br><span class=\"question\">\(HTML.escape(page.t("conversation.agenda.question", "\(issue.number).\(question.number)"))) \(StructureForms.text(question.text, page))</span>"
                }
                html += "</li>"
            }
            html += "</ul>"
        }
        if content.secretariat {
            html += "<div class=\"item-actions\">"
            if !first { html += StructureForms.button("/agenda/\(item.id)/move", page.t("conversation.moveUp"), page, fields: [("direction", "up")]) }
            if !last { html += StructureForms.button("/agenda/\(item.id)/move", page.t("conversation.moveDown"), page, fields: [("direction", "down")]) }
            html += StructureForms.button("/agenda/\(item.id)/delete", page.t("conversation.delete.item"), page, danger: true, confirm: true)
            html += "<details><summary>\(HTML.escape(page.t("conversation.edit.item")))</summary>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/agenda/\(item.id)/edit"))>\(page.csrfField)"
            html += agendaFields(page, content, item, idPrefix: "agenda-\(item.id)-")
            html += "<button type=\"submit\">\(HTML.escape(page.t("conversation.save")))</button></form></details></div>"
        }
        return html + "</li>"
    }

    static func agendaFields(_ page: PageContext, _ content: Content, _ item: AgendaItemRecord, idPrefix: String) -> String {
        var html = StructureForms.localized("title", page.t("conversation.agenda.title"), item.title, page, idPrefix: idPrefix)
        html += "<div class=\"row\">"
        html += StructureForms.field("starts_at", page.t("conversation.agenda.startsAt"), value: item.startsAt, type: "time", id: idPrefix + "starts-at")
        html += "<div class=\"field\"><label \(HTML.attribute("for", idPrefix + "panel"))>\(HTML.escape(page.t("conversation.agenda.panel")))</label>"
        let options = [("", page.t("conversation.agenda.noPanel"))] + content.panels.map { (String($0.id), $0.theme.text(in: page.language)) }
        html += "<select \(HTML.attribute("id", idPrefix + "panel")) name=\"panel_id\">\(HTML.options(options, selected: item.panelID.map(String.init) ?? ""))</select></div>"
        html += "</div>"
        if !content.linkable.isEmpty {
            html += "<fieldset><legend>\(HTML.escape(page.t("conversation.agenda.links")))</legend>"
            for issue in content.linkable {
                let value = "issue:\(issue.id)"
                let checked = item.links.contains(AgendaLink(issueID: issue.id)) ? " checked" : ""
                let id = "\(idPrefix)issue-\(issue.id)"
                html += "<div class=\"field check\"><input type=\"checkbox\" name=\"links\" \(HTML.attribute("id", id)) \(HTML.attribute("value", value))\(checked)>"
                html += "<label \(HTML.attribute("for", id))>\(HTML.escape(page.t("conversation.agenda.issue", String(issue.number)))) \(StructureForms.text(issue.title, page))</label></div>"
                for question in issue.questions {
                    let qid = "\(idPrefix)question-\(question.id)"
                    let checked = item.links.contains(AgendaLink(issueID: issue.id, questionID: question.id)) ? " checked" : ""
                    html += "<div class=\"field check nested\"><input type=\"checkbox\" name=\"links\" \(HTML.attribute("id", qid)) \(HTML.attribute("value", "question:\(issue.id):\(question.id)"))\(checked)>"
                    html += "<label \(HTML.attribute("for", qid))>\(HTML.escape(page.t("conversation.agenda.question", "\(issue.number).\(question.number)"))) \(StructureForms.text(question.text, page))</label></div>"
                }
            }
            html += "</fieldset>"
        } else {
            html += "<p class=\"hint\">\(HTML.escape(page.t("conversation.agenda.noIssues")))</p>"
        }
        return html
    }

    /// The session's fields (the new-session form and the edit form); `withVideo` adds "webcast started at".
    static func sessionFields(_ page: PageContext, _ session: ConversationSession, idPrefix: String, withVideo: Bool = false) -> String {
        var html = StructureForms.localized("title", page.t("conversation.session.title"), session.title, page, idPrefix: idPrefix)
        html += "<div class=\"row\">"
        html += StructureForms.field("number", page.t("conversation.session.number"), value: String(session.number), type: "number", required: true, id: idPrefix + "number")
        html += StructureForms.field("starts_on", page.t("conversation.session.startsOn"), value: session.startsOn, type: "date", required: true, id: idPrefix + "starts-on")
        html += StructureForms.field("ends_on", page.t("conversation.session.endsOn"), value: session.endsOn, type: "date", required: true, id: idPrefix + "ends-on")
        html += StructureForms.field("place", page.t("conversation.session.place"), value: session.place, id: idPrefix + "place")
        html += "<div class=\"field\"><label \(HTML.attribute("for", idPrefix + "format"))>\(HTML.escape(page.t("conversation.session.format")))</label>"
        html += "<select \(HTML.attribute("id", idPrefix + "format")) name=\"format\">"
        html += HTML.options(SessionFormat.allCases.map { ($0.rawValue, page.t("conversation.format.\($0.rawValue)")) }, selected: session.format.rawValue)
        html += "</select></div></div>"
        html += "<fieldset><legend>\(HTML.escape(page.t("conversation.session.languages")))</legend><div class=\"row\">"
        for language in StructureForms.languages {
            let id = "\(idPrefix)language-\(language)"
            let checked = session.languages.contains(language) ? " checked" : ""
            html += "<div class=\"field check\"><input type=\"checkbox\" name=\"languages\" \(HTML.attribute("id", id)) \(HTML.attribute("value", language))\(checked)>"
            html += "<label \(HTML.attribute("for", id))>\(HTML.escape(page.t("conversation.language.\(language)")))</label></div>"
        }
        html += "</div></fieldset>"
        html += StructureForms.field("webcast_url", page.t("conversation.session.webcastURL"), value: session.webcastURL, type: "url", id: idPrefix + "webcast-url")
        html += StructureForms.field("archive_url", page.t("conversation.session.archiveURL"), value: session.archiveURL, type: "url", id: idPrefix + "archive-url")
        if withVideo {
            html += StructureForms.field(
                "video_started_at", page.t("conversation.session.videoStartedAt"), value: StructureForms.dateTimeLocal(session.videoStartedAt),
                type: "datetime-local", hint: page.t("conversation.session.videoStartedAtHint"), id: idPrefix + "video-started-at")
        }
        return html
    }
}
