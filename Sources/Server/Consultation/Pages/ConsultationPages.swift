import Consultation
import Core
import Foundation
import Hummingbird

/// The consultation pages: papers, versions with their numbered issues, the submission form,
/// submissions, the moderation queue and the Secretariat's edit forms. All user text is escaped.
enum ConsultationPages {
    /// The six UN languages, in which content fields may be written.
    static let languages = ["en", "fr", "es", "ru", "zh", "ar"]

    /// Localised content in the page's language (or its fallback, marked with its `lang`).
    static func text(_ value: LocalizedText, _ page: PageContext, element: String = "span") -> String {
        let content = HTML.escape(value.text(in: page.language))
        guard let used = value.language(for: page.language), used != page.language else { return "<\(element)>\(content)</\(element)>" }
        return "<\(element) \(HTML.attribute("lang", used))>\(content)</\(element)>"
    }

    /// Plain text with its line breaks kept (escaped).
    static func paragraphs(_ text: String) -> String {
        "<div class=\"cons-text\">\(HTML.escape(text))</div>"
    }

    static func day(_ milliseconds: Int64) -> String { ConsultationStore.day(ofMilliseconds: milliseconds) }

    static var today: String { day(Int64(Date().timeIntervalSince1970 * 1000)) }

    /// "Open from … to …", "Opens on …", "Closed on …", or "no call".
    static func callStatus(_ call: CallRecord?, _ page: PageContext) -> String {
        guard let call else { return page.t("consultation.call.none") }
        if call.isOpen(on: today) { return page.t("consultation.call.open", call.opensOn, call.closesOn) }
        if today < call.opensOn { return page.t("consultation.call.upcoming", call.opensOn, call.closesOn) }
        return page.t("consultation.call.closed", call.opensOn, call.closesOn)
    }

    // MARK: List of papers

    struct PaperRow: Sendable {
        var paper: PaperRecord
        var conversationTitle: LocalizedText
        var version: PaperVersionRecord
    }

    static func list(
        _ page: PageContext, rows: [PaperRow], conversation: (id: Int64, title: LocalizedText)?, mayCreate: Bool
    ) -> Response {
        var html = "<p class=\"lead\">\(HTML.escape(page.t("consultation.list.lead")))</p>"
        if rows.isEmpty {
            html += Layout.notice(page.t("consultation.list.empty"))
        } else {
            html += "<div class=\"table-wrap\"><table id=\"papers\"><thead><tr>"
            for key in ["consultation.paper.title", "consultation.paper.conversation", "consultation.version.label", "consultation.call.label"] {
                html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
            }
            html += "</tr></thead><tbody>"
            for row in rows {
                html += "<tr \(HTML.attribute("data-paper", String(row.paper.id)))>"
                html += "<td><a \(HTML.attribute("href", "/papers/\(row.paper.id)"))>\(text(row.version.title, page))</a></td>"
                html += "<td><a \(HTML.attribute("href", "/consultations?conversation=\(row.paper.conversationID)"))>\(text(row.conversationTitle, page))</a></td>"
                html += "<td>\(HTML.escape(page.t("consultation.version.number", String(row.version.number))))"
                html += " <span class=\"badge\">\(HTML.escape(page.label("consultation.status", row.version.status.rawValue)))</span></td>"
                html += "<td>\(HTML.escape(callStatus(row.version.call, page)))</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        if let conversation, mayCreate {
            html += "<section aria-labelledby=\"new-paper\"><h2 id=\"new-paper\">\(HTML.escape(page.t("consultation.paper.new")))</h2>"
            html += "<form method=\"post\" action=\"/consultations\" class=\"card\" id=\"new-paper-form\">\(page.csrfField)"
            html += "<input type=\"hidden\" name=\"conversation_id\" \(HTML.attribute("value", String(conversation.id)))>"
            html += languageFields("title", page.t("consultation.paper.title"), LocalizedText(), page)
            html += languageFields("intro", page.t("consultation.version.intro"), LocalizedText(), page, multiline: true)
            html += "<button type=\"submit\">\(HTML.escape(page.t("consultation.paper.create")))</button></form></section>"
        }
        let title = conversation.map { page.t("consultation.list.titleFor", $0.title.text(in: page.language)) } ?? page.t("consultation.list.title")
        return Layout.page(title, page, content: html)
    }

    /// An English field (required when `requireEnglish`) and one optional field per other UN language.
    static func languageFields(
        _ name: String, _ label: String, _ value: LocalizedText, _ page: PageContext, multiline: Bool = false, requireEnglish: Bool = true
    ) -> String {
        var html = "<fieldset class=\"cons-languages\"><legend>\(HTML.escape(label))</legend>"
        for language in languages {
            let id = "\(name)-\(language)"
            let required = language == "en" && requireEnglish && !multiline ? " required" : ""
            let direction = language == "ar" ? " dir=\"rtl\"" : ""
            html += "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(page.t("consultation.language.\(language)")))</label>"
            if multiline {
                html += "<textarea \(HTML.attribute("id", id)) \(HTML.attribute("name", id)) \(HTML.attribute("lang", language))\(direction) rows=\"3\">\(HTML.escape(value[language] ?? ""))</textarea>"
            } else {
                html += "<input type=\"text\" \(HTML.attribute("id", id)) \(HTML.attribute("name", id)) \(HTML.attribute("lang", language))\(direction) \(HTML.attribute("value", value[language] ?? ""))\(required)>"
            }
            html += "</div>"
        }
        return html + "</fieldset>"
    }

    /// The texts of `languageFields` read back from a form.
    static func localized(_ form: FormData, _ name: String) -> LocalizedText {
        var values: [String: String] = [:]
        for language in languages { values[language] = form.raw("\(name)-\(language)") ?? "" }
        return LocalizedText(values)
    }

    // MARK: A paper

    struct PaperView: Sendable {
        var paper: PaperRecord
        var conversationTitle: LocalizedText
        var versions: [PaperVersionRecord]
        var version: PaperVersionRecord
        var issues: [IssueRecord]
        var counts: [Int: Int]
        var sources: [Int: [Int64]]
        var isSecretariat: Bool
        var notice: String?
    }

    static func paper(_ page: PageContext, _ view: PaperView) -> Response {
        let version = view.version
        var html = ""
        if let notice = view.notice { html += Layout.notice(notice, kind: "success") }
        html += "<p class=\"lead\"><a \(HTML.attribute("href", "/consultations?conversation=\(view.paper.conversationID)"))>\(text(view.conversationTitle, page))</a></p>"
        // Versions.
        html += "<nav class=\"cons-versions\" \(HTML.attribute("aria-label", page.t("consultation.version.list")))><ul>"
        for other in view.versions {
            let current = other.id == version.id ? " aria-current=\"page\"" : ""
            var label = page.t("consultation.version.number", String(other.number))
            if let published = other.publishedAt { label += " · " + page.t("consultation.version.publishedOn", day(published)) }
            else { label += " · " + page.label("consultation.status", other.status.rawValue) }
            html += "<li><a \(HTML.attribute("href", "/papers/\(view.paper.id)?version=\(other.id)"))\(current)>\(HTML.escape(label))</a></li>"
        }
        html += "</ul></nav>"
        html += "<section id=\"version\" \(HTML.attribute("data-version", String(version.id)))>"
        html += "<h2>\(HTML.escape(page.t("consultation.version.number", String(version.number)))) "
        html += "<span class=\"badge\">\(HTML.escape(page.label("consultation.status", version.status.rawValue)))</span></h2>"
        if !version.intro.isEmpty { html += text(version.intro, page, element: "div") }
        if version.isPublished {
            html += "<p id=\"call\" class=\"cons-call\">\(HTML.escape(callStatus(version.call, page)))</p>"
            html += "<p class=\"actions\">"
            if version.call?.isOpen(on: today) == true {
                html += "<a class=\"button\" \(HTML.attribute("href", "/paper-versions/\(version.id)/submit"))>\(HTML.escape(page.t("consultation.submit.link")))</a> "
            }
            html += "<a \(HTML.attribute("href", "/paper-versions/\(version.id)/submissions"))>\(HTML.escape(page.t("consultation.submissions.link")))</a> · "
            html += "<span>\(HTML.escape(page.t("consultation.export")))</span> "
            html += "<a \(HTML.attribute("href", "/api/v1/paper-versions/\(version.id)/submissions/export?format=json")) download>JSON</a> "
            html += "<a \(HTML.attribute("href", "/api/v1/paper-versions/\(version.id)/submissions/export?format=csv")) download>CSV</a></p>"
        }
        if view.isSecretariat { html += secretariatTools(page, view) }
        // Issues.
        html += "<ol class=\"cons-issues\">"
        for issue in view.issues {
            html += "<li id=\"issue-\(issue.number)\" \(HTML.attribute("value", String(issue.number)))><h3>"
            html += HTML.escape(page.t("consultation.issue.number", String(issue.number))) + " " + text(issue.title, page) + "</h3>"
            if !issue.body.isEmpty { html += text(issue.body, page, element: "div") }
            if !issue.questions.isEmpty {
                html += "<ol class=\"cons-questions\">"
                for question in issue.questions {
                    html += "<li \(HTML.attribute("value", String(question.number)))>\(text(question.text, page))</li>"
                }
                html += "</ol>"
            }
            if version.isPublished {
                let count = view.counts[issue.number] ?? 0
                html += "<p class=\"cons-count\"><a \(HTML.attribute("href", "/paper-versions/\(version.id)/submissions?issue=\(issue.number)"))>"
                html += HTML.escape(page.t("consultation.issue.submissions", String(count))) + "</a></p>"
            }
            let sources = view.sources[issue.number] ?? []
            if !sources.isEmpty {
                let links = sources.map { "<a \(HTML.attribute("href", "/submissions/\($0)"))>\($0)</a>" }.joined(separator: ", ")
                html += "<p class=\"cons-sources\">\(HTML.escape(page.t("consultation.issue.informedBy"))) \(links)</p>"
            }
            if view.isSecretariat && version.number > 1 {
                html += "<form method=\"post\" class=\"inline cons-sources-form\" \(HTML.attribute("action", "/paper-versions/\(version.id)/issues/\(issue.number)/sources"))>\(page.csrfField)"
                let id = "sources-\(issue.number)"
                html += "<label \(HTML.attribute("for", id))>\(HTML.escape(page.t("consultation.sources.label")))</label> "
                html += "<input type=\"text\" \(HTML.attribute("id", id)) name=\"submission_ids\" \(HTML.attribute("value", sources.map(String.init).joined(separator: ", ")))> "
                html += "<button type=\"submit\" class=\"small\">\(HTML.escape(page.t("consultation.sources.save")))</button></form>"
            }
            html += "</li>"
        }
        html += "</ol>"
        if view.issues.isEmpty { html += Layout.notice(page.t("consultation.issue.none")) }
        html += "</section>"
        return Layout.page(version.title.text(in: page.language), page, content: html)
    }

    /// Publish, edit, call for comments, new version, moderation queue.
    static func secretariatTools(_ page: PageContext, _ view: PaperView) -> String {
        let version = view.version
        var html = "<section class=\"card cons-secretariat\" aria-labelledby=\"secretariat-tools\"><h2 id=\"secretariat-tools\">\(HTML.escape(page.t("consultation.secretariat.title")))</h2>"
        if !version.isPublished {
            html += "<p><a \(HTML.attribute("href", "/paper-versions/\(version.id)/edit"))>\(HTML.escape(page.t("consultation.edit.link")))</a></p>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/paper-versions/\(version.id)/publish")) id=\"publish-form\">\(page.csrfField)"
            html += "<button type=\"submit\">\(HTML.escape(page.t("consultation.version.publish")))</button></form>"
        } else {
            html += "<p><a \(HTML.attribute("href", "/paper-versions/\(version.id)/moderation"))>\(HTML.escape(page.t("consultation.moderation.link")))</a></p>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/paper-versions/\(version.id)/call")) id=\"call-form\">\(page.csrfField)"
            html += "<div class=\"row\"><div class=\"field\"><label for=\"opens_at\">\(HTML.escape(page.t("consultation.call.opensAt")))</label>"
            html += "<input type=\"date\" id=\"opens_at\" name=\"opens_at\" required \(HTML.attribute("value", version.call?.opensOn ?? ""))></div>"
            html += "<div class=\"field\"><label for=\"closes_at\">\(HTML.escape(page.t("consultation.call.closesAt")))</label>"
            html += "<input type=\"date\" id=\"closes_at\" name=\"closes_at\" required \(HTML.attribute("value", version.call?.closesOn ?? ""))></div></div>"
            html += "<button type=\"submit\">\(HTML.escape(page.t("consultation.call.save")))</button></form>"
            if view.versions.last?.id == version.id {
                html += "<form method=\"post\" \(HTML.attribute("action", "/papers/\(view.paper.id)/versions")) id=\"new-version-form\">\(page.csrfField)"
                html += "<p class=\"hint\">\(HTML.escape(page.t("consultation.version.newHint")))</p>"
                html += "<button type=\"submit\">\(HTML.escape(page.t("consultation.version.new")))</button></form>"
            }
        }
        return html + "</section>"
    }
}
