import Classifications
import Foundation
import PatentClassification

/// An evaluation report: an overview chart across levels, then per level a table of WIPO's
/// measures and P@k, R@5, F1@5, NDCG@5 with a bar chart, and the per-symbol breakdown.
enum EvaluationReportView {
    static func render(_ page: PageContext, _ report: EvaluationReport) -> String {
        var html = "<p>\(HTML.escape(page.t("report.summary", report.corpus, String(report.documents), String(format: "%.1f", report.seconds))))</p>"
        let levels = report.levels.sorted { $0.level < $1.level }
        if levels.count > 1 {
            let series: [(name: String, values: [Double?])] = [
                (page.t("measure.p1"), levels.map { $0.precisionAt1 }),
                (page.t("measure.p3"), levels.map { $0.precisionAt3 }),
                (page.t("measure.r5"), levels.map { $0.recallAt5 }),
                (page.t("measure.f1"), levels.map { $0.f1At5 }),
                (page.t("measure.ndcg"), levels.map { $0.ndcgAt5 }),
            ]
            html += Charts.grouped(
                groups: levels.map { page.label("level", $0.level.name) }, series: series, title: page.t("report.overview"),
                id: "chart-overview")
        }
        for level in levels.reversed() { html += section(page, level) }
        return html
    }

    static func measures(_ page: PageContext, _ level: LevelEvaluation) -> [(key: String, value: Double?)] {
        [
            ("measure.top", level.wipo.topPrediction), ("measure.three", level.wipo.threeGuesses),
            ("measure.all", level.wipo.allCategories), ("measure.p1", level.precisionAt1), ("measure.p3", level.precisionAt3),
            ("measure.p5", level.precisionAt5), ("measure.r5", level.recallAt5), ("measure.f1", level.f1At5),
            ("measure.ndcg", level.ndcgAt5),
        ]
    }

    static func section(_ page: PageContext, _ level: LevelEvaluation) -> String {
        let name = level.level.name
        let levelName = page.label("level", name)
        var html = "<section class=\"level-report\" \(HTML.attribute("data-level", name)) \(HTML.attribute("aria-labelledby", "level-\(name)"))>"
        html += "<h3 \(HTML.attribute("id", "level-\(name)"))>\(HTML.escape(page.t("report.level", levelName, String(level.documents))))</h3>"
        html += "<div class=\"report-grid\"><table class=\"measures\"><thead><tr><th scope=\"col\">\(HTML.escape(page.t("report.measure")))</th>"
        html += "<th scope=\"col\">\(HTML.escape(page.t("report.value")))</th></tr></thead><tbody>"
        let items = measures(page, level)
        for item in items {
            html += "<tr><th scope=\"row\">\(HTML.escape(page.t(item.key)))</th><td class=\"number\">\(HTML.measure(item.value))</td></tr>"
        }
        html += "</tbody></table>"
        html += Charts.bars(
            items.map { Charts.Bar(label: page.t($0.key), value: $0.value) }, title: page.t("report.chart", levelName),
            id: "chart-\(name)", rightToLeft: page.rightToLeft)
        html += "</div>"
        if level.wipo.topPrediction == nil { html += "<p class=\"hint\">\(HTML.escape(page.t("report.noMain")))</p>" }
        if !level.symbols.isEmpty { html += symbols(page, level) }
        return html + "</section>"
    }

    static func symbols(_ page: PageContext, _ level: LevelEvaluation) -> String {
        let shown = level.symbols.sorted { ($0.support, $1.symbol.description) > ($1.support, $0.symbol.description) }.prefix(100)
        var html = "<details><summary>\(HTML.escape(page.t("report.symbols", String(level.symbols.count))))</summary>"
        html += "<div class=\"table-wrap\"><table class=\"symbols\"><thead><tr>"
        for key in ["report.symbol", "report.symbolTitle", "report.support", "report.precision", "report.recall", "report.f1", "measure.r5"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for item in shown {
            html += "<tr><td class=\"symbol\">\(HTML.escape(item.symbol.description))</td><td>\(HTML.escape(item.title ?? ""))</td>"
            html += "<td class=\"number\">\(item.support)</td><td class=\"number\">\(HTML.measure(item.precision))</td>"
            html += "<td class=\"number\">\(HTML.measure(item.recall))</td><td class=\"number\">\(HTML.measure(item.f1))</td>"
            html += "<td class=\"number\">\(HTML.measure(item.recallAt5))</td></tr>"
        }
        return html + "</tbody></table></div></details>"
    }
}
