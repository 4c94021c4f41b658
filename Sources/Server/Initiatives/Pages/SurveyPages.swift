import Core
import Foundation
import Hummingbird
import Initiatives

/// Survey rounds: the list of rounds a visitor may see, and a round's results with inline SVG charts.
enum SurveyPages {
    static func list(_ page: PageContext, surveys: [SurveyRecord]) -> Response {
        var html = ""
        if surveys.isEmpty {
            html += Layout.notice(page.t("initiatives.surveys.empty"))
        } else {
            html += "<ul class=\"plain\" id=\"surveys\">"
            for survey in surveys {
                html += "<li><a \(HTML.attribute("href", "/initiatives/surveys/\(survey.id)"))>\(InitiativeHTML.text(survey.title, page))</a> · "
                html += "\(HTML.escape(survey.opensOn)) – \(HTML.escape(survey.closesOn)) · \(HTML.escape(InitiativeHTML.surveyStatus(survey.status, page)))</li>"
            }
            html += "</ul>"
        }
        html += "<p><a href=\"/initiatives\">\(HTML.escape(page.t("initiatives.back")))</a></p>"
        return Layout.page(page.t("initiatives.surveys.title"), page, content: html)
    }

    static func results(_ page: PageContext, survey: SurveyRecord, results: SurveyResults?) -> Response {
        var html = "<p class=\"lead\">\(HTML.escape(survey.opensOn)) – \(HTML.escape(survey.closesOn)) · \(HTML.escape(InitiativeHTML.surveyStatus(survey.status, page)))</p>"
        guard let results else {
            html += Layout.notice(page.t("initiatives.results.notYet", survey.closesOn))
            return Layout.page(survey.title.text(in: page.language), page, content: html)
        }
        if !survey.isOver(on: InitiativeStore.today()) { html += Layout.notice(page.t("initiatives.results.preview")) }
        html += "<p id=\"respondents\">\(HTML.escape(page.t("initiatives.results.respondents", String(results.respondents))))</p>"
        for (index, result) in results.questions.enumerated() {
            let question = result.question
            html += "<section class=\"survey-question\" \(HTML.attribute("aria-labelledby", "result-\(index)"))><h2 \(HTML.attribute("id", "result-\(index)"))>\(index + 1). \(InitiativeHTML.text(question.text, page))</h2>"
            html += "<p class=\"muted\">\(HTML.escape(page.t("initiatives.results.answered", String(result.answered))))</p>"
            switch question.kind {
            case .singleChoice, .multipleChoice:
                let bars = result.options.map { Charts.Bar(label: "\($0.option.label.text(in: page.language)) (\($0.count))", value: $0.share) }
                html += Charts.bars(bars, title: page.t("initiatives.results.shareCaption"), id: "chart-\(question.id)", rightToLeft: page.rightToLeft)
                html += "<table class=\"results\"><thead><tr><th scope=\"col\">\(HTML.escape(page.t("initiatives.results.option")))</th><th scope=\"col\">\(HTML.escape(page.t("initiatives.results.count")))</th><th scope=\"col\">%</th></tr></thead><tbody>"
                for option in result.options {
                    html += "<tr><td>\(InitiativeHTML.text(option.option.label, page))</td><td class=\"number\">\(option.count)</td><td class=\"number\">\(HTML.percent(option.share))</td></tr>"
                }
                html += "</tbody></table>"
            case .number:
                if let numbers = result.numbers {
                    html += "<dl class=\"numbers\">"
                    for (key, value) in [("initiatives.results.min", numbers.minimum), ("initiatives.results.median", numbers.median), ("initiatives.results.max", numbers.maximum)] {
                        html += "<dt>\(HTML.escape(page.t(key)))</dt><dd>\(HTML.escape(format(value)))</dd>"
                    }
                    html += "</dl>"
                }
            case .freeText:
                if result.textsWithheld {
                    html += Layout.notice(page.t("initiatives.results.withheld"))
                } else if !result.texts.isEmpty {
                    html += "<ul class=\"free-text\">"
                    for text in result.texts {
                        html += "<li><blockquote>\(HTML.escape(text.text))</blockquote><cite>\(InitiativeHTML.text(text.officeName, page))</cite></li>"
                    }
                    html += "</ul>"
                }
            }
            html += "</section>"
        }
        html += "<p><a href=\"/initiatives/surveys\">\(HTML.escape(page.t("initiatives.nav.surveys")))</a></p>"
        return Layout.page(survey.title.text(in: page.language), page, content: html)
    }

    /// `12`, `5.5`, `0.333`.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.3g", value)
    }
}
