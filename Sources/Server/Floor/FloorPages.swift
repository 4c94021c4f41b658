import Conversation
import Core
import Foundation
import Hummingbird

/// The pages of the floor: the moderator console, the public display, the delegate's page, the
/// session archive and the statement form. Each works with plain forms; `floor.js` keeps the
/// console, display and delegate page live from `/api/v1/panels/{id}/floor/events`.
enum FloorPages {
    enum Mode: String {
        case console
        case display
        case delegate
    }

    /// What the delegate page knows about the caller.
    struct Delegate {
        var registration: RegistrationRecord?
        /// Why this caller cannot ask for the floor (nil when they can).
        var refusal: String?
    }

    // MARK: Shared pieces

    /// The strings `floor.js` needs, in the page's language.
    static func scriptMessages(_ page: PageContext) -> String {
        var messages: [String: String] = [:]
        for key in [
            "floor.nobody", "floor.empty", "floor.live", "floor.offline", "floor.timer.warning", "floor.timer.overrun",
            "floor.timer.normal", "floor.kind.reply", "floor.advance", "floor.console.give", "floor.console.skip", "floor.yourTurn",
            "floor.open", "floor.closed", "floor.ask.position", "floor.ask.gone",
        ] {
            messages[key] = page.t(key)
        }
        for category in ParticipantCategory.allCases { messages["floor.category.\(category.rawValue)"] = page.t("floor.category.\(category.rawValue)") }
        return HTML.jsonScript(id: "floor-messages", messages)
    }

    /// The speaker box with its timer (seconds counted locally by `floor.js` from the server's times).
    static func speaking(_ page: PageContext, _ snapshot: FloorSnapshot) -> String {
        var html = "<section class=\"floor-speaking card\" aria-labelledby=\"floor-speaking-title\">"
        html += "<h2 id=\"floor-speaking-title\">\(HTML.escape(page.t("floor.hasFloor")))</h2>"
        html += "<div class=\"floor-speaker\" data-floor-speaker aria-live=\"polite\">"
        if let speaker = snapshot.speaking {
            html += speakerLine(page, speaker)
        } else {
            html += "<p class=\"floor-nobody\">\(HTML.escape(page.t("floor.nobody")))</p>"
        }
        html += "</div>"
        let settings = snapshot.settings
        let elapsed = snapshot.speaking?.startedAt.map { max(0, (snapshot.now - $0) / 1000) }
        html += "<p class=\"floor-timer\" data-floor-timer role=\"timer\" \(HTML.attribute("data-since", snapshot.speaking?.startedAt.map(String.init) ?? ""))"
        html += " \(HTML.attribute("data-now", String(snapshot.now))) \(HTML.attribute("data-limit", String(settings.speakingSeconds)))"
        html += " \(HTML.attribute("data-warning", String(settings.warningSeconds)))"
        html += " \(HTML.attribute("class", "floor-timer " + timerState(elapsed: elapsed, settings: settings)))>"
        html += "<span class=\"floor-clock\" data-floor-clock>\(elapsed.map { clock(Int($0)) } ?? "–")</span>"
        html += " <span class=\"floor-limit\">/ \(clock(settings.speakingSeconds))</span>"
        html += " <span class=\"floor-timer-state\" data-floor-timer-state>\(HTML.escape(timerLabel(page, elapsed: elapsed, settings: settings)))</span></p>"
        html += "</section>"
        return html
    }

    static func speakerLine(_ page: PageContext, _ speaker: SpeakerRequest) -> String {
        var html = "<p class=\"floor-name\">\(HTML.escape(speaker.speakerName))</p>"
        html += "<p class=\"floor-delegation\">\(HTML.escape(speaker.delegation)) \(badge(page, speaker))</p>"
        return html
    }

    static func badge(_ page: PageContext, _ request: SpeakerRequest) -> String {
        var html = "<span \(HTML.attribute("class", "badge floor-\(request.category.rawValue)"))>\(HTML.escape(page.t("floor.category.\(request.category.rawValue)")))</span>"
        if request.kind == .reply { html += " <span class=\"badge floor-reply\">\(HTML.escape(page.t("floor.kind.reply")))</span>" }
        if request.advance { html += " <span class=\"badge floor-advance\">\(HTML.escape(page.t("floor.advance")))</span>" }
        return html
    }

    /// `normal`, `warning` (the last seconds) or `overrun` (over time).
    static func timerState(elapsed: Int64?, settings: FloorSettings) -> String {
        guard let elapsed else { return "idle" }
        if elapsed > Int64(settings.speakingSeconds) { return "overrun" }
        if elapsed >= Int64(settings.speakingSeconds - settings.warningSeconds) { return "warning" }
        return "normal"
    }

    /// The timer's state in words (so it does not rest on colour alone).
    static func timerLabel(_ page: PageContext, elapsed: Int64?, settings: FloorSettings) -> String {
        switch timerState(elapsed: elapsed, settings: settings) {
        case "overrun": page.t("floor.timer.overrun")
        case "warning": page.t("floor.timer.warning")
        case "normal": page.t("floor.timer.normal")
        default: ""
        }
    }

    /// `m:ss`.
    static func clock(_ seconds: Int) -> String {
        String(format: "%d:%02d", seconds / 60, seconds % 60)
    }

    /// The waiting list in order; on the console each entry has give/skip buttons.
    static func waiting(_ page: PageContext, _ snapshot: FloorSnapshot, mode: Mode, panelID: Int64, ownUserID: Int64? = nil) -> String {
        var html = "<section class=\"floor-waiting card\" aria-labelledby=\"floor-waiting-title\">"
        html += "<h2 id=\"floor-waiting-title\">\(HTML.escape(page.t(mode == .display ? "floor.next" : "floor.list")))</h2>"
        html += "<ol class=\"floor-list\" data-floor-list>"
        for request in snapshot.waiting {
            let own = ownUserID != nil && request.userID == ownUserID
            html += "<li \(HTML.attribute("data-id", String(request.id)))\(own ? " class=\"floor-own\"" : "")>"
            html += "<span class=\"floor-name\">\(HTML.escape(request.speakerName))</span> "
            html += "<span class=\"floor-delegation\">\(HTML.escape(request.delegation))</span> \(badge(page, request))"
            if mode == .console {
                html += "<span class=\"floor-actions\">"
                html += actionForm(page, "/panels/\(panelID)/console/give", label: page.t("floor.console.give"), requestID: request.id, disabled: snapshot.speaking != nil)
                html += actionForm(page, "/panels/\(panelID)/console/skip", label: page.t("floor.console.skip"), requestID: request.id, style: "secondary")
                html += "</span>"
            }
            html += "</li>"
        }
        html += "</ol>"
        html += "<p class=\"floor-empty\" data-floor-empty\(snapshot.waiting.isEmpty ? "" : " hidden")>\(HTML.escape(page.t("floor.empty")))</p>"
        html += "</section>"
        return html
    }

    static func actionForm(
        _ page: PageContext, _ action: String, label: String, requestID: Int64? = nil, style: String = "", disabled: Bool = false
    ) -> String {
        var html = "<form method=\"post\" \(HTML.attribute("action", action)) class=\"inline\">\(page.csrfField)"
        if let requestID { html += "<input type=\"hidden\" name=\"request_id\" \(HTML.attribute("value", String(requestID)))>" }
        html += "<button type=\"submit\"\(style.isEmpty ? "" : " " + HTML.attribute("class", style))\(disabled ? " disabled" : "")>\(HTML.escape(label))</button></form>"
        return html
    }

    /// The live-status line and the element `floor.js` reads to connect.
    static func liveRoot(_ page: PageContext, panelID: Int64, mode: Mode, revision: Int64, extra: String = "") -> String {
        "<div class=\"floor-live\" data-floor-panel=\"\(panelID)\" data-floor-mode=\"\(mode.rawValue)\" data-floor-revision=\"\(revision)\"\(extra)><p class=\"live\" data-floor-status aria-live=\"polite\"></p></div>"
    }

    static func panelTitle(_ page: PageContext, _ panel: PanelRecord) -> String {
        panel.theme.text(in: page.language)
    }

    // MARK: Console

    static func console(_ page: PageContext, panel: PanelRecord, snapshot: FloorSnapshot, message: String?) -> Response {
        var html = scriptMessages(page)
        if let message { html += Layout.notice(message, kind: "error") }
        html += "<p class=\"hint\">\(HTML.escape(page.t("floor.console.intro")))</p>"
        html += "<p><a \(HTML.attribute("href", "/panels/\(panel.id)/display"))>\(HTML.escape(page.t("floor.display.link")))</a> · "
        html += "<a \(HTML.attribute("href", "/sessions/\(panel.sessionID)/archive"))>\(HTML.escape(page.t("floor.archive.link")))</a></p>"
        html += liveRoot(page, panelID: panel.id, mode: .console, revision: snapshot.settings.revision)
        html += "<div class=\"floor-board\">"
        html += speaking(page, snapshot)
        html += "<div class=\"floor-controls\">"
        html += actionForm(page, "/panels/\(panel.id)/console/give", label: page.t("floor.console.next"), disabled: snapshot.speaking != nil || snapshot.waiting.isEmpty)
        html += actionForm(page, "/panels/\(panel.id)/console/end", label: page.t("floor.console.end"), style: "danger", disabled: snapshot.speaking == nil)
        html += "</div>"
        html += waiting(page, snapshot, mode: .console, panelID: panel.id)
        html += "</div>"
        html += settingsForm(page, panel: panel, settings: snapshot.settings)
        return Layout.page(page.t("floor.console.title", panelTitle(page, panel)), page, bodyClass: "floor-page", scripts: ["floor.js"], content: html)
    }

    static func settingsForm(_ page: PageContext, panel: PanelRecord, settings: FloorSettings) -> String {
        var html = "<section class=\"card\"><h2>\(HTML.escape(page.t("floor.settings.title")))</h2>"
        html += "<form method=\"post\" \(HTML.attribute("action", "/panels/\(panel.id)/console/settings"))>\(page.csrfField)"
        html += "<p><label for=\"floor-policy\">\(HTML.escape(page.t("floor.settings.policy")))</label> <select id=\"floor-policy\" name=\"policy\">"
        html += HTML.options(FloorPolicy.allCases.map { ($0.rawValue, page.t("floor.policy.\($0.rawValue)")) }, selected: settings.policy.rawValue)
        html += "</select></p>"
        func number(_ name: String, _ key: String, _ value: Int, _ range: ClosedRange<Int>) -> String {
            "<p><label \(HTML.attribute("for", "floor-\(name)"))>\(HTML.escape(page.t(key)))</label> <input type=\"number\" \(HTML.attribute("id", "floor-\(name)")) \(HTML.attribute("name", name)) \(HTML.attribute("value", String(value))) min=\"\(range.lowerBound)\" max=\"\(range.upperBound)\"></p>"
        }
        html += number("delegation_cap", "floor.settings.cap", settings.delegationCap, 0...100)
        html += number("speaking_seconds", "floor.settings.speaking", settings.speakingSeconds, 10...3600)
        html += number("warning_seconds", "floor.settings.warning", settings.warningSeconds, 0...3599)
        html += "<p><label><input type=\"checkbox\" name=\"floor_open\" value=\"1\"\(settings.floorOpen ? " checked" : "")> \(HTML.escape(page.t("floor.settings.open")))</label></p>"
        html += "<p class=\"hint\">\(HTML.escape(page.t(settings.openedAt == nil ? "floor.settings.advanceHint" : "floor.settings.closedHint")))</p>"
        html += "<button type=\"submit\">\(HTML.escape(page.t("floor.settings.save")))</button></form></section>"
        return html
    }

    // MARK: Display

    static func display(_ page: PageContext, panel: PanelRecord, snapshot: FloorSnapshot) -> Response {
        var html = scriptMessages(page)
        html += liveRoot(page, panelID: panel.id, mode: .display, revision: snapshot.settings.revision)
        html += "<div class=\"floor-board floor-display\">"
        html += speaking(page, snapshot)
        html += waiting(page, snapshot, mode: .display, panelID: panel.id)
        html += "</div>"
        return Layout.page(panelTitle(page, panel), page, bodyClass: "floor-page floor-large", scripts: ["floor.js"], content: html)
    }

    // MARK: Delegate

    static func delegate(
        _ page: PageContext, panel: PanelRecord, snapshot: FloorSnapshot, delegate: Delegate, message: String?, success: String?
    ) -> Response {
        var html = scriptMessages(page)
        if let message { html += Layout.notice(message, kind: "error") }
        if let success { html += Layout.notice(success, kind: "success") }
        let userID = page.user?.id
        let own = snapshot.waiting.enumerated().filter { $0.element.userID == userID && userID != nil }
        html += "<section class=\"card floor-ask\"><h2>\(HTML.escape(page.t("floor.ask.title")))</h2>"
        if let refusal = delegate.refusal {
            html += "<p class=\"floor-refusal\">\(HTML.escape(refusal))</p>"
            if page.user == nil {
                html += "<p><a \(HTML.attribute("href", "/login?next=" + HTML.queryValue(page.path)))>\(HTML.escape(page.t("floor.ask.signIn")))</a></p>"
            }
        } else if let registration = delegate.registration {
            html += "<p>\(HTML.escape(page.t("floor.ask.as", registration.displayName, registration.delegation)))</p>"
            if own.isEmpty {
                if snapshot.settings.takesRequests {
                    html += requestForm(page, panel: panel, kind: .floor, label: page.t(snapshot.settings.floorOpen ? "floor.ask.raise" : "floor.ask.advance"))
                } else {
                    html += "<p>\(HTML.escape(page.t("floor.ask.closed")))</p>"
                }
            }
            if snapshot.settings.floorOpen, !own.contains(where: { $0.element.kind == .reply }) {
                html += requestForm(page, panel: panel, kind: .reply, label: page.t("floor.ask.reply"), style: "secondary")
            }
            for (index, request) in own {
                html += "<p class=\"floor-position\"><span \(HTML.attribute("data-floor-position", String(request.id)))>\(HTML.escape(page.t("floor.ask.position", String(index + 1), String(snapshot.waiting.count))))</span>"
                if request.kind == .reply { html += " \(badge(page, request))" }
                html += "</p>"
                html += actionForm(page, "/panels/\(panel.id)/floor/withdraw", label: page.t("floor.ask.withdraw"), requestID: request.id, style: "danger")
            }
            if snapshot.speaking?.userID == userID, userID != nil {
                html += "<p class=\"floor-your-turn\">\(HTML.escape(page.t("floor.yourTurn")))</p>"
            }
        }
        html += "</section>"
        let ownIDs = snapshot.waiting.filter { $0.userID == userID && userID != nil }.map { String($0.id) }
        html += liveRoot(
            page, panelID: panel.id, mode: .delegate, revision: snapshot.settings.revision,
            extra: " " + HTML.attribute("data-floor-own", ownIDs.joined(separator: " ")))
        html += "<div class=\"floor-board\">"
        html += speaking(page, snapshot)
        html += waiting(page, snapshot, mode: .delegate, panelID: panel.id, ownUserID: userID)
        html += "</div>"
        return Layout.page(page.t("floor.ask.pageTitle", panelTitle(page, panel)), page, bodyClass: "floor-page", scripts: ["floor.js"], content: html)
    }

    static func requestForm(_ page: PageContext, panel: PanelRecord, kind: SpeakerRequestKind, label: String, style: String = "") -> String {
        var html = "<form method=\"post\" \(HTML.attribute("action", "/panels/\(panel.id)/floor/request")) class=\"inline\">\(page.csrfField)"
        html += "<input type=\"hidden\" name=\"kind\" \(HTML.attribute("value", kind.rawValue))>"
        html += "<button type=\"submit\"\(style.isEmpty ? "" : " " + HTML.attribute("class", style))>\(HTML.escape(label))</button></form> "
        return html
    }

    // MARK: Archive

    static func archive(
        _ page: PageContext, session: ConversationSession, panels: [PanelRecord], interventions: [InterventionRecord], canEdit: (InterventionRecord) -> Bool
    ) -> Response {
        var html = "<p class=\"hint\">\(HTML.escape(page.t("floor.archive.intro")))</p>"
        let video = session.archiveURL.isEmpty ? session.webcastURL : session.archiveURL
        if !video.isEmpty {
            html += "<p><a \(HTML.attribute("href", video)) rel=\"noopener\">\(HTML.escape(page.t("floor.archive.video")))</a></p>"
        }
        html += "<p><a \(HTML.attribute("href", "/api/v1/sessions/\(session.id)/interventions/export?format=csv"))>\(HTML.escape(page.t("floor.archive.csv")))</a> · "
        html += "<a \(HTML.attribute("href", "/api/v1/sessions/\(session.id)/interventions/export?format=json"))>\(HTML.escape(page.t("floor.archive.json")))</a></p>"
        for panel in panels {
            html += "<section class=\"floor-archive-panel\" \(HTML.attribute("id", "panel-\(panel.id)"))><h2>\(HTML.escape(panelTitle(page, panel)))</h2>"
            let items = interventions.filter { $0.panelID == panel.id }
            if items.isEmpty {
                html += "<p class=\"hint\">\(HTML.escape(page.t("floor.archive.none")))</p>"
            }
            html += "<ol class=\"floor-chapters\">"
            for item in items {
                html += "<li class=\"floor-chapter\" \(HTML.attribute("id", "intervention-\(item.id)"))>"
                html += "<h3>\(HTML.escape(item.speakerName)) <span class=\"floor-delegation\">\(HTML.escape(item.delegation))</span> "
                html += "<span \(HTML.attribute("class", "badge floor-\(item.category.rawValue)"))>\(HTML.escape(page.t("floor.category.\(item.category.rawValue)")))</span>"
                if item.kind == .reply { html += " <span class=\"badge floor-reply\">\(HTML.escape(page.t("floor.kind.reply")))</span>" }
                html += "</h3><p class=\"floor-times\">\(HTML.escape(HTML.date(item.startedAt))) – \(HTML.escape(HTML.date(item.endedAt))) "
                html += "(\(clock(Int(max(0, (item.endedAt - item.startedAt) / 1000)))))</p>"
                if let link = FloorLinks.videoLink(session: session, seconds: item.videoSeconds) {
                    html += "<p><a class=\"floor-video\" \(HTML.attribute("href", link)) rel=\"noopener\">\(HTML.escape(page.t("floor.archive.watch", clock(Int(item.videoSeconds ?? 0)))))</a></p>"
                }
                if let statement = item.publishedStatement {
                    html += "<blockquote class=\"floor-statement\"><p class=\"field-name\">\(HTML.escape(page.t("floor.archive.statement")))</p>"
                    for paragraph in statement.components(separatedBy: "\n\n") {
                        html += "<p>\(HTML.escape(paragraph).replacingOccurrences(of: "\n", with: "<br>"))</p>"
                    }
                    html += "</blockquote>"
                }
                if canEdit(item) {
                    html += "<p><a \(HTML.attribute("href", "/interventions/\(item.id)/statement"))>\(HTML.escape(page.t("floor.statement.edit")))</a></p>"
                }
                html += "</li>"
            }
            html += "</ol></section>"
        }
        return Layout.page(page.t("floor.archive.title", session.title.text(in: page.language)), page, bodyClass: "floor-page", content: html)
    }

    // MARK: Statement

    static func statementForm(_ page: PageContext, intervention: InterventionRecord, secretariat: Bool, message: String?) -> Response {
        var html = ""
        if let message { html += Layout.notice(message, kind: "error") }
        html += "<p>\(HTML.escape(intervention.speakerName)) · \(HTML.escape(intervention.delegation)) · \(HTML.escape(HTML.date(intervention.startedAt)))</p>"
        html += "<form method=\"post\" \(HTML.attribute("action", "/interventions/\(intervention.id)/statement"))>\(page.csrfField)"
        html += "<p><label for=\"statement\">\(HTML.escape(page.t("floor.statement.label")))</label></p>"
        html += "<textarea id=\"statement\" name=\"statement\" rows=\"14\" maxlength=\"50000\">\(HTML.escape(intervention.statement))</textarea>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("floor.statement.hint")))</p>"
        if secretariat {
            html += "<p><label><input type=\"checkbox\" name=\"published\" value=\"1\"\(intervention.statementPublished || intervention.statement.isEmpty ? " checked" : "")> \(HTML.escape(page.t("floor.statement.published")))</label></p>"
        }
        html += "<button type=\"submit\">\(HTML.escape(page.t("floor.statement.save")))</button></form>"
        return Layout.page(page.t("floor.statement.title"), page, bodyClass: "floor-page", content: html)
    }
}
