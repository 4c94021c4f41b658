import Core
import Initiatives

/// Small building blocks the initiatives pages share: texts in the page's language, per-language
/// form fields, labels of the categories and statuses.
enum InitiativeHTML {
    static let languages = ["en", "fr", "es", "ru", "zh", "ar"]

    /// A content text in the page's language (else its fallback, marked with its own `lang`), escaped.
    static func text(_ value: LocalizedText, _ page: PageContext) -> String {
        let shown = HTML.escape(value.text(in: page.language))
        guard let language = value.language(for: page.language), language != page.language else { return shown }
        return "<span \(HTML.attribute("lang", language))>\(shown)</span>"
    }

    static func category(_ category: UseCategory, _ page: PageContext) -> String { page.t("initiatives.category.\(category.rawValue)") }
    static func status(_ status: ApplicationStatus, _ page: PageContext) -> String { page.t("initiatives.status.\(status.rawValue)") }
    static func approval(_ status: ApprovalStatus, _ page: PageContext) -> String { page.t("initiatives.approval.\(status.rawValue)") }
    static func surveyStatus(_ status: SurveyStatus, _ page: PageContext) -> String { page.t("initiatives.surveyStatus.\(status.rawValue)") }
    static func kind(_ kind: OfficeKind, _ page: PageContext) -> String { page.t("initiatives.kind.\(kind.rawValue)") }

    /// An English field (required or not) and, folded away, one per other UN language: `<name>_<lang>`.
    static func localizedField(
        _ page: PageContext, name: String, label: String, value: LocalizedText = LocalizedText(), multiline: Bool = false,
        required: Bool = true, idPrefix: String = ""
    ) -> String {
        func input(_ language: String, required: Bool) -> String {
            let id = "\(idPrefix)\(name)-\(language)"
            let fieldName = "\(name)_\(language)"
            let current = value[language] ?? ""
            let labelText = language == "en" ? label : "\(label) (\(page.t("initiatives.language.\(language)")))"
            var html = "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(labelText))</label>"
            let direction = language == "ar" ? " dir=\"rtl\"" : ""
            if multiline {
                html += "<textarea \(HTML.attribute("id", id)) \(HTML.attribute("name", fieldName)) \(HTML.attribute("lang", language))\(direction) rows=\"3\"\(required ? " required" : "")>\(HTML.escape(current))</textarea>"
            } else {
                html += "<input type=\"text\" \(HTML.attribute("id", id)) \(HTML.attribute("name", fieldName)) \(HTML.attribute("lang", language))\(direction) \(HTML.attribute("value", current))\(required ? " required" : "")>"
            }
            return html + "</div>"
        }
        var html = input("en", required: required)
        html += "<details class=\"translations\"><summary>\(HTML.escape(page.t("initiatives.form.translations", label)))</summary>"
        for language in languages.dropFirst() { html += input(language, required: false) }
        return html + "</details>"
    }

    /// The per-language values of a form's `<name>_<lang>` fields.
    static func localized(_ form: FormData, _ name: String) -> LocalizedText {
        var values: [String: String] = [:]
        for language in languages { if let value = form.raw("\(name)_\(language)") { values[language] = value } }
        return LocalizedText(values)
    }

    /// A `<select>` with a label.
    static func select(_ id: String, name: String, label: String, options: [(value: String, label: String)], selected: String?) -> String {
        "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(label))</label><select \(HTML.attribute("id", id)) \(HTML.attribute("name", name))>\(HTML.options(options, selected: selected))</select></div>"
    }

    /// A one-line text input with a label.
    static func input(_ id: String, name: String, label: String, value: String, type: String = "text", required: Bool = false, extra: String = "") -> String {
        "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(label))</label><input \(HTML.attribute("type", type)) \(HTML.attribute("id", id)) \(HTML.attribute("name", name)) \(HTML.attribute("value", value))\(required ? " required" : "")\(extra.isEmpty ? "" : " " + extra)></div>"
    }
}
