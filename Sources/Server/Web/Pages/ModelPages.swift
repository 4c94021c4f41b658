import Classifications
import Foundation
import Hummingbird
import PatentClassification
import Storage

/// The models list and a model's page with its evaluation report per level.
enum ModelPages {
    struct Row: Sendable {
        var model: ModelRecord
        var collectionName: String
        var report: EvaluationReport?
    }

    static func list(_ page: PageContext, rows: [Row], collections: [CollectionRecord], filter: CollectionRecord?, next: Int64?) -> Response {
        var html = ""
        if let filter {
            html += "<p>\(HTML.escape(page.t("models.filtered", filter.name))) <a href=\"/models\">\(HTML.escape(page.t("models.showAll")))</a></p>"
        }
        guard !rows.isEmpty else {
            return Layout.page(page.t("models.title"), page, content: html + Layout.notice(page.t("models.empty")))
        }
        html += "<div class=\"table-wrap\"><table id=\"models\"><thead><tr>"
        for key in ["models.id", "models.collection", "models.level", "models.version", "models.state", "models.size", "models.created", "models.p1", "models.actions"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            let model = row.model
            html += "<tr \(HTML.attribute("data-model", String(model.id)))><td><a href=\"/models/\(model.id)\">#\(model.id)</a></td>"
            html += "<td><a href=\"/collections/\(model.collectionID)\">\(HTML.escape(row.collectionName))</a></td>"
            html += "<td>\(HTML.escape(page.label("level", model.level)))</td><td class=\"number\">\(model.version)</td>"
            html += "<td>\(model.active ? "<span class=\"badge active\">\(HTML.escape(page.t("models.active")))</span>" : HTML.escape(page.t("models.inactive")))</td>"
            html += "<td class=\"number\">\(HTML.bytes(model.bytes))</td><td>\(HTML.date(model.createdAt))</td>"
            html += "<td class=\"number\">\(HTML.measure(row.report?.main.precisionAt1))</td><td class=\"actions\">"
            html += "<a href=\"/models/\(model.id)\">\(HTML.escape(page.t("models.report")))</a> "
            html += "<a href=\"/api/v1/models/\(model.id)/download\" download>\(HTML.escape(page.t("models.download")))</a>"
            if page.can(.administrator) && !model.active { html += activateForm(page, model) }
            html += "</td></tr>"
        }
        html += "</tbody></table></div>"
        if let next {
            let filterQuery = filter.map { "collection=\($0.id)&" } ?? ""
            html += "<p class=\"pager\"><a href=\"/models?\(filterQuery)cursor=\(next)\" rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>"
        }
        if page.can(.examiner) {
            html += "<section aria-labelledby=\"evaluate-heading\"><h2 id=\"evaluate-heading\">\(HTML.escape(page.t("evaluate.title")))</h2>"
            html += "<p class=\"hint\">\(HTML.escape(page.t("evaluate.hint")))</p>"
            html += evaluateForm(page, models: rows.map(\.model), names: Dictionary(rows.map { ($0.model.id, $0.collectionName) }, uniquingKeysWith: { a, _ in a }), collections: collections, fixed: nil)
            html += "</section>"
        }
        return Layout.page(page.t("models.title"), page, content: html)
    }

    static func activateForm(_ page: PageContext, _ model: ModelRecord) -> String {
        "<form method=\"post\" action=\"/models/\(model.id)/activate\" class=\"inline\">\(page.csrfField)"
            + "<button type=\"submit\" class=\"small\">\(HTML.escape(page.t("models.activate")))</button></form>"
    }

    /// Choose a model (unless `fixed`) and a collection to evaluate it on.
    static func evaluateForm(
        _ page: PageContext, models: [ModelRecord], names: [Int64: String], collections: [CollectionRecord], fixed: ModelRecord?
    ) -> String {
        let action = fixed.map { "/models/\($0.id)/evaluate" } ?? "/models/evaluate"
        var html = "<form method=\"post\" \(HTML.attribute("action", action)) class=\"card\" id=\"evaluate-form\">\(page.csrfField)<div class=\"row\">"
        if fixed == nil {
            let choices = models.map { (String($0.id), "#\($0.id) · \(names[$0.id] ?? "") · \(page.label("level", $0.level)) · v\($0.version)") }
            html += "<div class=\"field\"><label for=\"evaluate-model\">\(HTML.escape(page.t("evaluate.model")))</label>"
            html += "<select id=\"evaluate-model\" name=\"model_id\">\(HTML.options(choices, selected: nil))</select></div>"
        }
        let targets = collections.map { (String($0.id), $0.name) }
        let preferred = fixed.map { String($0.collectionID) }
        html += "<div class=\"field\"><label for=\"evaluate-collection\">\(HTML.escape(page.t("evaluate.collection")))</label>"
        html += "<select id=\"evaluate-collection\" name=\"collection_id\">\(HTML.options(targets, selected: preferred))</select></div>"
        html += "<div class=\"field check\"><input type=\"checkbox\" id=\"first-is-main\" name=\"first_is_main\" value=\"true\">"
        html += "<label for=\"first-is-main\">\(HTML.escape(page.t("evaluate.firstIsMain")))</label></div></div>"
        html += "<button type=\"submit\" id=\"evaluate-submit\">\(HTML.escape(page.t("evaluate.submit")))</button></form>"
        return html
    }

    static func detail(
        _ page: PageContext, model: ModelRecord, collection: CollectionRecord?, metadata: ModelMetadata?, report: EvaluationReport?,
        collections: [CollectionRecord]
    ) -> Response {
        var html = "<dl class=\"facts\">"
        func fact(_ key: String, _ value: String) { html += "<dt>\(HTML.escape(page.t(key)))</dt><dd>\(value)</dd>" }
        fact("models.collection", collection.map { "<a href=\"/collections/\($0.id)\">\(HTML.escape($0.name))</a>" } ?? "#\(model.collectionID)")
        fact("models.level", HTML.escape(page.label("level", model.level)))
        fact("models.version", String(model.version))
        fact("models.state", HTML.escape(page.t(model.active ? "models.active" : "models.inactive")))
        if let metadata {
            fact("models.labelField", HTML.escape(metadata.labels.field))
            fact("models.textFields", HTML.escape(metadata.textFields.map { page.t("field.\($0.rawValue)") }.joined(separator: ", ")))
            fact("models.symbols", String(metadata.labelCount))
            fact("models.features", String(metadata.featureCount))
            fact("models.trainingDocuments", String(metadata.corpus.documents))
            fact("models.trainingSeconds", String(format: "%.1f", metadata.trainingSeconds))
        }
        fact("models.size", HTML.bytes(model.bytes))
        fact("models.created", HTML.date(model.createdAt))
        html += "</dl><p class=\"actions\"><a href=\"/api/v1/models/\(model.id)/download\" download>\(HTML.escape(page.t("models.download")))</a>"
        if page.can(.administrator) && !model.active { html += " " + activateForm(page, model) }
        html += "</p>"
        html += "<section aria-labelledby=\"report-heading\"><h2 id=\"report-heading\">\(HTML.escape(page.t("report.title")))</h2>"
        if let report {
            html += EvaluationReportView.render(page, report)
        } else {
            html += Layout.notice(page.t("report.none"))
        }
        html += "</section>"
        if page.can(.examiner) {
            html += "<section aria-labelledby=\"evaluate-heading\"><h2 id=\"evaluate-heading\">\(HTML.escape(page.t("evaluate.title")))</h2>"
            html += evaluateForm(page, models: [], names: [:], collections: collections, fixed: model) + "</section>"
        }
        let title = page.t("models.modelTitle", String(model.id), page.label("level", model.level), String(model.version))
        return Layout.page(title, page, content: html)
    }
}
