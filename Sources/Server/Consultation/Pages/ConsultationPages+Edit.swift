import Consultation
import Core
import Foundation
import Hummingbird

extension ConsultationPages {
    /// Blank issue rows the edit form offers for adding issues.
    static let newIssueRows = 2

    /// The Secretariat's form for a draft, in one content language at a time (the other
    /// languages' texts are kept): title, introduction, and each issue with its questions.
    static func edit(
        _ page: PageContext, version: PaperVersionRecord, issues: [IssueRecord], contentLanguage: String, error: String? = nil
    ) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<p class=\"lead\"><a \(HTML.attribute("href", "/papers/\(version.paperID)?version=\(version.id)"))>\(text(version.title, page))</a>"
        html += " · \(HTML.escape(page.t("consultation.version.number", String(version.number))))</p>"
        html += "<nav class=\"cons-versions\" \(HTML.attribute("aria-label", page.t("consultation.edit.language")))><ul>"
        for language in languages {
            let current = language == contentLanguage ? " aria-current=\"page\"" : ""
            html += "<li><a \(HTML.attribute("href", "/paper-versions/\(version.id)/edit?content=\(language)"))\(current)>\(HTML.escape(page.t("consultation.language.\(language)")))</a></li>"
        }
        html += "</ul></nav>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("consultation.edit.hint", page.t("consultation.language.\(contentLanguage)"))))</p>"
        let direction = contentLanguage == "ar" ? " dir=\"rtl\"" : ""
        let lang = HTML.attribute("lang", contentLanguage) + direction
        html += "<form method=\"post\" class=\"card\" id=\"edit-form\" \(HTML.attribute("action", "/paper-versions/\(version.id)/edit"))>\(page.csrfField)"
        html += "<input type=\"hidden\" name=\"content\" \(HTML.attribute("value", contentLanguage))>"
        html += "<div class=\"field\"><label for=\"title\">\(HTML.escape(page.t("consultation.paper.title")))</label>"
        html += "<input type=\"text\" id=\"title\" name=\"title\" \(lang) \(HTML.attribute("value", version.title[contentLanguage] ?? ""))></div>"
        html += "<div class=\"field\"><label for=\"intro\">\(HTML.escape(page.t("consultation.version.intro")))</label>"
        html += "<textarea id=\"intro\" name=\"intro\" rows=\"4\" \(lang)>\(HTML.escape(version.intro[contentLanguage] ?? ""))</textarea></div>"
        let rows = issues.map(Optional.some) + Array(repeating: nil, count: newIssueRows)
        html += "<input type=\"hidden\" name=\"rows\" \(HTML.attribute("value", String(rows.count)))>"
        for (index, issue) in rows.enumerated() {
            let prefix = "issue-\(index)"
            let legend = issue.map { page.t("consultation.issue.number", String($0.number)) } ?? page.t("consultation.edit.newIssue")
            html += "<fieldset class=\"cons-issue-edit\"><legend>\(HTML.escape(legend))</legend>"
            if let issue { html += "<input type=\"hidden\" name=\"\(prefix)-original\" \(HTML.attribute("value", String(issue.number)))>" }
            html += "<div class=\"field\"><label for=\"\(prefix)-number\">\(HTML.escape(page.t("consultation.edit.number")))</label>"
            html += "<input type=\"number\" min=\"1\" max=\"9999\" id=\"\(prefix)-number\" name=\"\(prefix)-number\" \(HTML.attribute("value", issue.map { String($0.number) } ?? ""))></div>"
            html += "<div class=\"field\"><label for=\"\(prefix)-title\">\(HTML.escape(page.t("consultation.edit.issueTitle")))</label>"
            html += "<input type=\"text\" id=\"\(prefix)-title\" name=\"\(prefix)-title\" \(lang) \(HTML.attribute("value", issue?.title[contentLanguage] ?? ""))></div>"
            html += "<div class=\"field\"><label for=\"\(prefix)-body\">\(HTML.escape(page.t("consultation.edit.issueBody")))</label>"
            html += "<textarea id=\"\(prefix)-body\" name=\"\(prefix)-body\" rows=\"4\" \(lang)>\(HTML.escape(issue?.body[contentLanguage] ?? ""))</textarea></div>"
            let questions = issue?.questions.map { $0.text[contentLanguage] ?? "" }.joined(separator: "\n") ?? ""
            html += "<div class=\"field\"><label for=\"\(prefix)-questions\">\(HTML.escape(page.t("consultation.edit.questions")))</label>"
            html += "<textarea id=\"\(prefix)-questions\" name=\"\(prefix)-questions\" rows=\"4\" \(lang)>\(HTML.escape(questions))</textarea></div>"
            if issue != nil {
                html += "<div class=\"field check\"><input type=\"checkbox\" id=\"\(prefix)-remove\" name=\"\(prefix)-remove\" value=\"yes\">"
                html += "<label for=\"\(prefix)-remove\">\(HTML.escape(page.t("consultation.edit.remove")))</label></div>"
            }
            html += "</fieldset>"
        }
        html += "<button type=\"submit\" id=\"save-draft\">\(HTML.escape(page.t("consultation.edit.save")))</button></form>"
        return Layout.page(page.t("consultation.edit.title"), page, content: html)
    }

    /// The draft's document after the edit form's changes in `language` (other languages kept).
    /// Questions are numbered by line; a line left empty keeps the question's texts in other languages.
    static func document(from form: FormData, version: PaperVersionRecord, issues: [IssueRecord], language: String) throws -> VersionDocument {
        var title = version.title
        title[language] = form.raw("title")
        var intro = version.intro
        intro[language] = form.raw("intro")
        let byNumber = Dictionary(issues.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [VersionDocument.Issue] = []
        let rows = min(Int(form["rows"] ?? "") ?? 0, issues.count + newIssueRows)
        for index in 0..<rows {
            let prefix = "issue-\(index)"
            if form.isChecked("\(prefix)-remove") { continue }
            let original = form["\(prefix)-original"].flatMap(Int.init).flatMap { byNumber[$0] }
            let numberText = form["\(prefix)-number"] ?? ""
            let issueTitle = form.raw("\(prefix)-title") ?? ""
            if original == nil && numberText.isEmpty && issueTitle.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            guard let number = Int(numberText) else {
                throw IPAIError(.invalidInput, "give each issue a number", at: InputLocation(field: "\(prefix)-number", value: numberText))
            }
            var issue = VersionDocument.Issue(
                number: number, title: original?.title ?? LocalizedText(), body: original?.body ?? LocalizedText(),
                questions: original?.questions.map { VersionDocument.Question(number: $0.number, text: $0.text) } ?? [])
            issue.title[language] = issueTitle
            issue.body[language] = form.raw("\(prefix)-body")
            let lines = (form.raw("\(prefix)-questions") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // A line left empty keeps the question's other languages; a question without any text goes.
            let count = max(lines.lastIndex(where: { !$0.isEmpty }).map { $0 + 1 } ?? 0, issue.questions.count)
            var questions: [VersionDocument.Question] = []
            for position in 0..<count {
                var text = position < issue.questions.count ? issue.questions[position].text : LocalizedText()
                text[language] = position < lines.count ? lines[position] : ""
                if !text.isEmpty { questions.append(VersionDocument.Question(number: position + 1, text: text)) }
            }
            issue.questions = questions
            result.append(issue)
        }
        return VersionDocument(title: title, intro: intro, issues: result)
    }
}
