import Conversation
import Core
import Foundation

/// Small pieces the structure and outcome pages share: text per language shown with a `lang`
/// attribute when it falls back, form fields per language, and reading them back.
enum StructureForms {
    static let languages = ConversationStore.languageCodes

    /// The text in the page's language, else a fallback marked with its own `lang`.
    static func text(_ text: LocalizedText, _ page: PageContext) -> String {
        let shown = HTML.escape(text.text(in: page.language))
        guard let used = text.language(for: page.language), used != page.language else { return shown }
        return "<span \(HTML.attribute("lang", used))>\(shown)</span>"
    }

    /// One field per UN language (English required when `required`), in a fieldset.
    static func localized(
        _ name: String, _ legend: String, _ value: LocalizedText, _ page: PageContext, required: Bool = true, multiline: Bool = false,
        idPrefix: String = ""
    ) -> String {
        var html = "<fieldset class=\"localized\"><legend>\(HTML.escape(legend))</legend>"
        for language in languages {
            let id = "\(idPrefix)\(name)-\(language)"
            let field = "\(name)_\(language)"
            let label = page.t("conversation.language.\(language)")
            let mark = required && language == "en" ? " required" : ""
            html += "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(label))</label>"
            let direction = language == "ar" ? " dir=\"rtl\"" : ""
            if multiline {
                html += "<textarea \(HTML.attribute("id", id)) \(HTML.attribute("name", field)) \(HTML.attribute("lang", language))\(direction) rows=\"3\"\(mark)>\(HTML.escape(value[language] ?? ""))</textarea>"
            } else {
                html += "<input type=\"text\" \(HTML.attribute("id", id)) \(HTML.attribute("name", field)) \(HTML.attribute("lang", language))\(direction) \(HTML.attribute("value", value[language] ?? ""))\(mark)>"
            }
            html += "</div>"
        }
        return html + "</fieldset>"
    }

    /// `name_en`, `name_fr`, … of a form as one text per language.
    static func localized(_ form: FormData, _ name: String) -> LocalizedText {
        var values: [String: String] = [:]
        for language in languages { values[language] = form.raw("\(name)_\(language)")?.trimmingCharacters(in: .whitespacesAndNewlines) }
        return LocalizedText(values.compactMapValues { $0 })
    }

    /// A plain input field (optional unless `required`).
    static func field(
        _ name: String, _ label: String, value: String, type: String = "text", required: Bool = false, hint: String? = nil, id: String? = nil
    ) -> String {
        let id = id ?? name
        var html = "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(label))</label>"
        html += "<input \(HTML.attribute("type", type)) \(HTML.attribute("id", id)) \(HTML.attribute("name", name)) \(HTML.attribute("value", value))\(required ? " required" : "")"
        if let hint { html += " \(HTML.attribute("aria-describedby", id + "-hint"))>"; html += "<p class=\"hint\" \(HTML.attribute("id", id + "-hint"))>\(HTML.escape(hint))</p>" } else { html += ">" }
        return html + "</div>"
    }

    /// A textarea (one entry per line).
    static func area(_ name: String, _ label: String, value: String, hint: String? = nil, id: String? = nil, rows: Int = 4) -> String {
        let id = id ?? name
        var html = "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(label))</label>"
        if let hint { html += "<p class=\"hint\" \(HTML.attribute("id", id + "-hint"))>\(HTML.escape(hint))</p>" }
        html += "<textarea \(HTML.attribute("id", id)) \(HTML.attribute("name", name)) rows=\"\(rows)\""
        if hint != nil { html += " \(HTML.attribute("aria-describedby", id + "-hint"))" }
        return html + ">\(HTML.escape(value))</textarea></div>"
    }

    /// A one-button POST form (delete, move) with the CSRF field.
    static func button(_ action: String, _ label: String, _ page: PageContext, fields: [(String, String)] = [], danger: Bool = false, confirm: Bool = false) -> String {
        var html = "<form method=\"post\" \(HTML.attribute("action", action)) class=\"inline\">\(page.csrfField)"
        for (name, value) in fields { html += "<input type=\"hidden\" \(HTML.attribute("name", name)) \(HTML.attribute("value", value))>" }
        if confirm { html += "<input type=\"hidden\" name=\"confirm\" value=\"yes\">" }
        html += "<button type=\"submit\" class=\"small\(danger ? " danger" : "")\">\(HTML.escape(label))</button></form>"
        return html
    }

    /// A link with an escaped label.
    static func link(_ href: String, _ label: String, id: String? = nil) -> String {
        "<a \(HTML.attribute("href", href))\(id.map { " " + HTML.attribute("id", $0) } ?? "")>\(HTML.escape(label))</a>"
    }

    /// `2024-09-01T10:00` (UTC) for a `datetime-local` field.
    static func dateTimeLocal(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// A `datetime-local` value (`2024-09-01T10:00` or with seconds), taken as UTC.
    static func parseDateTimeLocal(_ text: String, field: String) throws -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        }
        return try ConversationRoutes.dateTime(text, field: field)
    }
}
