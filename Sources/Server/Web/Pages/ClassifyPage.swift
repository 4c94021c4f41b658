import Classifications
import Hummingbird
import PatentClassification
import Storage

/// The classify page: a text (typed, pasted or from a .txt file) and options; the suggestions
/// with titles, confidence bars and parent chains; the text with its decisive terms highlighted.
enum ClassifyPage {
    /// What the form asked for (kept to fill the form again).
    struct Query: Sendable {
        var text = ""
        var level = ""
        var count = 5
        var threshold = 0.0
        var restrict = ""
        var model = ""
    }

    /// One model in the model menu.
    struct ModelChoice: Sendable {
        var id: Int64
        var label: String
    }

    struct Result: Sendable {
        var modelLabel: String
        var suggestions: [Suggestion]
    }

    static func render(
        _ page: PageContext, request: Query, models: [ModelChoice], result: Result?, error: String?
    ) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        if models.isEmpty { html += Layout.notice(page.t("classify.noModels")) }
        html += form(page, request, models)
        if let result { html += results(page, request, result) }
        return Layout.page(page.t("classify.title"), page, content: html)
    }

    static func form(_ page: PageContext, _ request: Query, _ models: [ModelChoice]) -> String {
        var html = "<form method=\"post\" action=\"/\" enctype=\"multipart/form-data\" class=\"card classify\" id=\"classify-form\">"
        html += page.csrfField
        html += "<div class=\"field\"><label for=\"text\">\(HTML.escape(page.t("classify.text")))</label>"
        html += "<textarea id=\"text\" name=\"text\" rows=\"10\" aria-describedby=\"text-hint\">\(HTML.escape(request.text))</textarea>"
        html += "<p class=\"hint\" id=\"text-hint\">\(HTML.escape(page.t("classify.textHint")))</p></div>"
        html += "<div class=\"field\"><label for=\"file\">\(HTML.escape(page.t("classify.file")))</label>"
        html += "<input type=\"file\" id=\"file\" name=\"file\" accept=\".txt,text/plain\" data-read-into=\"text\"></div>"
        html += "<fieldset class=\"options\"><legend>\(HTML.escape(page.t("classify.options")))</legend><div class=\"row\">"
        let levels: [(String, String)] = [("", page.t("classify.levelModel"))]
            + SymbolLevel.allCases.map { ($0.name, page.t("level.\($0.name)")) }
        html += "<div class=\"field\"><label for=\"level\">\(HTML.escape(page.t("classify.level")))</label>"
        html += "<select id=\"level\" name=\"level\">\(HTML.options(levels, selected: request.level))</select></div>"
        html += "<div class=\"field\"><label for=\"count\">\(HTML.escape(page.t("classify.count")))</label>"
        html += "<input type=\"number\" id=\"count\" name=\"count\" min=\"1\" max=\"100\" value=\"\(request.count)\"></div>"
        html += "<div class=\"field\"><label for=\"threshold\">\(HTML.escape(page.t("classify.threshold")))</label>"
        html += "<input type=\"number\" id=\"threshold\" name=\"threshold\" min=\"0\" max=\"1\" step=\"0.01\" value=\"\(request.threshold)\"></div>"
        html += "<div class=\"field\"><label for=\"restrict\">\(HTML.escape(page.t("classify.restrict")))</label>"
        html += "<input type=\"text\" id=\"restrict\" name=\"restrict\" \(HTML.attribute("value", request.restrict)) placeholder=\"G06F, H01M\" aria-describedby=\"restrict-hint\">"
        html += "<p class=\"hint\" id=\"restrict-hint\">\(HTML.escape(page.t("classify.restrictHint")))</p></div>"
        let choices: [(String, String)] = [("", page.t("classify.modelAuto"))] + models.map { (String($0.id), $0.label) }
        html += "<div class=\"field\"><label for=\"model\">\(HTML.escape(page.t("classify.model")))</label>"
        html += "<select id=\"model\" name=\"model\">\(HTML.options(choices, selected: request.model))</select></div>"
        html += "</div></fieldset>"
        html += "<button type=\"submit\" id=\"classify-submit\">\(HTML.escape(page.t("classify.submit")))</button></form>"
        return html
    }

    static func results(_ page: PageContext, _ request: Query, _ result: Result) -> String {
        var html = "<section class=\"results\" aria-labelledby=\"results-heading\">"
        html += "<h2 id=\"results-heading\">\(HTML.escape(page.t("classify.results")))</h2>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("classify.usedModel", result.modelLabel)))</p>"
        guard !result.suggestions.isEmpty else {
            return html + Layout.notice(page.t("classify.none")) + "</section>"
        }
        html += "<ol class=\"suggestions\" id=\"suggestions\">"
        var marks: [Highlight.Mark] = []
        for (index, suggestion) in result.suggestions.enumerated() {
            html += suggestionItem(page, suggestion, index: index)
            for term in suggestion.decisiveTerms ?? [] {
                for range in term.ranges { marks.append(Highlight.Mark(range: range, suggestion: index, term: term.term)) }
            }
        }
        html += "</ol>"
        html += "<h2 id=\"text-heading\">\(HTML.escape(page.t("classify.highlighted")))</h2>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("classify.highlightHint")))</p>"
        html += "<div class=\"highlighted\" id=\"highlighted\" aria-labelledby=\"text-heading\">"
        html += Highlight.render(request.text, marks: marks) + "</div></section>"
        return html
    }

    static func suggestionItem(_ page: PageContext, _ suggestion: Suggestion, index: Int) -> String {
        let percent = HTML.percent(suggestion.confidence)
        var html = "<li class=\"suggestion\" data-index=\"\(index)\" tabindex=\"0\" \(HTML.attribute("data-symbol", suggestion.symbol.description))>"
        html += "<div class=\"suggestion-head\"><span class=\"symbol\">\(HTML.escape(suggestion.symbol.description))</span>"
        html += " <span class=\"title\">\(HTML.escape(suggestion.title ?? page.t("classify.noTitle")))</span></div>"
        let label = page.t("classify.confidence", percent)
        html += "<div class=\"confidence\"><div class=\"bar\" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"100\" "
        html += "aria-valuenow=\"\(percent)\" \(HTML.attribute("aria-label", label))><span style=\"width: \(percent)%\"></span></div>"
        html += "<span class=\"value\">\(percent) %</span></div>"
        let ancestors = suggestion.path.steps.dropLast()
        if !ancestors.isEmpty {
            html += "<ol class=\"chain\" \(HTML.attribute("aria-label", page.t("classify.chain")))>"
            for step in ancestors {
                html += "<li><span class=\"symbol\">\(HTML.escape(step.symbol.description))</span>"
                if let title = step.title { html += " <span class=\"title\">\(HTML.escape(title))</span>" }
                html += "</li>"
            }
            html += "</ol>"
        }
        if let terms = suggestion.decisiveTerms, !terms.isEmpty {
            html += "<p class=\"terms\"><span>\(HTML.escape(page.t("classify.terms")))</span> "
            html += terms.map { term in
                let shown = term.occurrences.first ?? term.term
                return "<mark class=\"term\" \(HTML.attribute("title", term.term))>\(HTML.escape(shown))</mark>"
            }.joined(separator: " ")
            html += "</p>"
        }
        return html + "</li>"
    }
}
