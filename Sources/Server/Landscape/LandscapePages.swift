import Foundation
import Hummingbird
import Landscape
import Storage

/// The landscape pages: datasets and reports (`/landscapes`), one dataset with its query box and
/// the form to run a landscape, one report with its live progress and then the report itself.
enum LandscapePages {
    static func t(_ page: PageContext, _ key: String, _ arguments: String...) -> String {
        var text = page.t(key)
        for (index, argument) in arguments.enumerated() { text = text.replacingOccurrences(of: "{\(index)}", with: argument) }
        return HTML.escape(text)
    }

    static func status(_ page: PageContext, _ value: String) -> String {
        "<span class=\"badge \(HTML.escape(value))\">\(t(page, "landscape.status." + value))</span>"
    }

    // MARK: Index

    static func index(
        _ page: PageContext, datasets: [LandscapeDataset], reports: [LandscapeReportRecord], collections: [CollectionRecord], error: String?
    ) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<p class=\"hint\">\(t(page, "landscape.intro"))</p>"
        html += "<section aria-labelledby=\"datasets-heading\"><h2 id=\"datasets-heading\">\(t(page, "landscape.datasets"))</h2>"
        if datasets.isEmpty {
            html += Layout.notice(page.t("landscape.noDatasets"))
        } else {
            html += "<div class=\"table-wrap\"><table class=\"landscape-datasets\"><thead><tr>"
            for key in ["name", "source", "statusLabel", "documents", "families", "flags", "index", "created"] {
                html += "<th scope=\"col\">\(t(page, "landscape.column." + key))</th>"
            }
            html += "</tr></thead><tbody>"
            for dataset in datasets {
                html += "<tr><td><a href=\"/landscapes/datasets/\(dataset.id)\">\(HTML.escape(dataset.name))</a></td>"
                html += "<td>\(t(page, "landscape.source." + dataset.source.rawValue))</td><td>\(status(page, dataset.status.rawValue))</td>"
                html += "<td class=\"number\">\(dataset.documents)</td><td class=\"number\">\(dataset.families)</td>"
                html += "<td class=\"number\">\(dataset.flagNames.count)</td>"
                html += "<td>\(dataset.indexBytes > 0 ? HTML.escape(HTML.bytes(dataset.indexBytes)) : "—")</td><td>\(HTML.date(dataset.createdAt))</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        html += "</section>"
        html += "<section aria-labelledby=\"reports-heading\"><h2 id=\"reports-heading\">\(t(page, "landscape.reports"))</h2>"
        html += reportTable(page, reports, datasets: Dictionary(datasets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        html += "</section>"
        if page.can(.examiner) {
            html += "<section class=\"landscape-forms\" aria-labelledby=\"add-heading\"><h2 id=\"add-heading\">\(t(page, "landscape.addDataset"))</h2>"
            html += "<form method=\"post\" action=\"/landscapes/datasets\" enctype=\"multipart/form-data\" class=\"stacked\">\(page.csrfField)"
            html += "<p class=\"hint\">\(t(page, "landscape.uploadHint"))</p>"
            html += "<label>\(t(page, "landscape.field.name")) <input type=\"text\" name=\"name\" maxlength=\"200\"></label>"
            html += "<label>\(t(page, "landscape.field.file")) <input type=\"file\" name=\"file\" accept=\".csv,.jsonl,.ndjson,text/csv,application/x-ndjson\" required></label>"
            html += "<button type=\"submit\">\(t(page, "landscape.upload"))</button></form>"
            if !collections.isEmpty {
                html += "<form method=\"post\" action=\"/landscapes/datasets\" enctype=\"multipart/form-data\" class=\"stacked\">\(page.csrfField)"
                html += "<label>\(t(page, "landscape.field.collection")) <select name=\"collection_id\">"
                html += HTML.options(collections.map { (String($0.id), $0.name) }, selected: nil)
                html += "</select></label><button type=\"submit\">\(t(page, "landscape.useCollection"))</button></form>"
            }
            html += "</section>"
        }
        return Layout.page(page.t("landscape.title"), page, bodyClass: "landscape-page", content: html)
    }

    static func reportTable(_ page: PageContext, _ reports: [LandscapeReportRecord], datasets: [Int64: String]) -> String {
        guard !reports.isEmpty else { return Layout.notice(page.t("landscape.noReports")) }
        var html = "<div class=\"table-wrap\"><table class=\"landscape-reports\"><thead><tr>"
        for key in ["name", "dataset", "statusLabel", "created"] { html += "<th scope=\"col\">\(t(page, "landscape.column." + key))</th>" }
        html += "</tr></thead><tbody>"
        for report in reports {
            html += "<tr><td><a href=\"/landscapes/reports/\(report.id)\">\(HTML.escape(report.name))</a></td>"
            html += "<td><a href=\"/landscapes/datasets/\(report.datasetID)\">\(HTML.escape(datasets[report.datasetID] ?? "#\(report.datasetID)"))</a></td>"
            html += "<td>\(status(page, report.status.rawValue))</td><td>\(HTML.date(report.createdAt))</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// A progress bar the page script keeps live from the jobs' server-sent events.
    static func progress(_ page: PageContext, job: JobRecord?) -> String {
        guard let job, !job.status.isFinished else { return "" }
        let percent = HTML.percent(job.progress)
        var labels: [String: String] = [:]
        for step in LandscapeJob.plan { labels[step.phase] = page.label("phase", step.phase) }
        let encoded = (try? JSONEncoder().encode(labels)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var html = "<div class=\"landscape-progress\" data-landscape-job=\"\(job.id)\" \(HTML.attribute("data-phases", encoded))>"
        html += "<div class=\"progress\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"\(percent)\" "
        html += "\(HTML.attribute("aria-label", page.t("landscape.progress")))><span style=\"width: \(percent)%\"></span></div>"
        html += "<span class=\"percent\">\(percent) %</span> <span class=\"phase\">\(HTML.escape(job.phase.isEmpty ? "" : page.label("phase", job.phase)))</span>"
        html += " <a href=\"\(HTML.escape(page.path))\">\(t(page, "landscape.refresh"))</a> · <a href=\"/jobs?highlight=\(job.id)\">\(t(page, "landscape.job", String(job.id)))</a></div>"
        return html
    }

    // MARK: Dataset

    struct Search: Sendable {
        var query: String
        var count: Int?
        var ids: [String]
        var error: String?
    }

    static func dataset(
        _ page: PageContext, _ dataset: LandscapeDataset, job: JobRecord?, reports: [LandscapeReportRecord], search: Search?, error: String?
    ) -> Response {
        var html = "<p><a href=\"/landscapes\">\(t(page, "landscape.back"))</a></p>"
        if let error { html += Layout.notice(error, kind: "error") }
        html += progress(page, job: job)
        if dataset.status == .failed { html += Layout.notice(page.t("landscape.importFailed", dataset.message), kind: "error") }
        html += "<dl class=\"landscape-facts\">"
        html += "<dt>\(t(page, "landscape.column.statusLabel"))</dt><dd>\(status(page, dataset.status.rawValue))</dd>"
        html += "<dt>\(t(page, "landscape.column.source"))</dt><dd>\(t(page, "landscape.source." + dataset.source.rawValue)) \(HTML.escape(dataset.fileName))</dd>"
        html += "<dt>\(t(page, "landscape.column.documents"))</dt><dd>\(dataset.documents)</dd>"
        html += "<dt>\(t(page, "landscape.column.families"))</dt><dd>\(dataset.families)</dd>"
        if !dataset.flagNames.isEmpty {
            html += "<dt>\(t(page, "landscape.column.flags"))</dt><dd class=\"flags\">\(dataset.flagNames.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: " "))</dd>"
        }
        html += "<dt>\(t(page, "landscape.column.index"))</dt><dd>\(dataset.indexBytes > 0 ? HTML.escape(HTML.bytes(dataset.indexBytes)) : t(page, "landscape.noIndex"))</dd></dl>"

        if dataset.status == .ready && dataset.indexBytes > 0 {
            html += "<section aria-labelledby=\"search-heading\"><h2 id=\"search-heading\">\(t(page, "landscape.search"))</h2>"
            html += "<form method=\"get\" action=\"/landscapes/datasets/\(dataset.id)\" class=\"landscape-search\">"
            html += "<label for=\"landscape-q\">\(t(page, "landscape.queryLabel"))</label>"
            html += "<input id=\"landscape-q\" type=\"search\" name=\"q\" \(HTML.attribute("value", search?.query ?? "")) "
            html += "\(HTML.attribute("placeholder", "neural 1W network+ AND PY=2015-")) spellcheck=\"false\">"
            html += "<button type=\"submit\">\(t(page, "landscape.searchButton"))</button></form>"
            if let search {
                if let problem = search.error {
                    html += Layout.notice(problem, kind: "error")
                } else if let count = search.count {
                    html += "<p role=\"status\" class=\"hits\">\(t(page, "landscape.hits", String(count)))</p>"
                    if !search.ids.isEmpty { html += "<ul class=\"landscape-ids\">" + search.ids.map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>" }
                }
            }
            html += "</section>"
        }
        html += "<section aria-labelledby=\"reports-heading\"><h2 id=\"reports-heading\">\(t(page, "landscape.reports"))</h2>"
        html += reportTable(page, reports, datasets: [dataset.id: dataset.name]) + "</section>"
        if dataset.status == .ready && page.can(.examiner) {
            html += runForm(page, dataset)
        }
        if page.can(.administrator) {
            html += "<form method=\"post\" action=\"/landscapes/datasets/\(dataset.id)/delete\" class=\"inline danger-zone\">\(page.csrfField)"
            html += "<button type=\"submit\" class=\"danger\">\(t(page, "landscape.deleteDataset"))</button></form>"
        }
        return Layout.page(dataset.name, page, bodyClass: "landscape-page", scripts: ["landscape.js"], content: html)
    }

    static func runForm(_ page: PageContext, _ dataset: LandscapeDataset) -> String {
        var html = "<section aria-labelledby=\"run-heading\"><h2 id=\"run-heading\">\(t(page, "landscape.run"))</h2>"
        html += "<form method=\"post\" action=\"/landscapes/datasets/\(dataset.id)/reports\" enctype=\"multipart/form-data\" class=\"stacked\">\(page.csrfField)"
        html += "<fieldset><legend>\(t(page, "landscape.definition"))</legend>"
        html += "<label><input type=\"radio\" name=\"definition_source\" value=\"shipped\" checked> \(t(page, "landscape.shipped"))</label>"
        html += "<label><input type=\"radio\" name=\"definition_source\" value=\"file\"> \(t(page, "landscape.ownDefinition"))</label>"
        html += "<label>\(t(page, "landscape.field.definitionFile")) <input type=\"file\" name=\"definition\" accept=\".json,application/json\"></label></fieldset>"
        html += "<label>\(t(page, "landscape.field.reportName")) <input type=\"text\" name=\"name\" maxlength=\"200\"></label>"
        html += "<div class=\"landscape-options\">"
        html += "<label>\(t(page, "landscape.field.growthStart")) <input type=\"number\" name=\"growth_start\" min=\"1800\" max=\"2200\"></label>"
        html += "<label>\(t(page, "landscape.field.growthEnd")) <input type=\"number\" name=\"growth_end\" min=\"1800\" max=\"2200\"></label>"
        html += "<label>\(t(page, "landscape.field.topN")) <input type=\"number\" name=\"top_n\" min=\"1\" max=\"500\" value=\"20\"></label></div>"
        html += "<p class=\"hint\">\(t(page, "landscape.growthHint"))</p>"
        html += "<button type=\"submit\">\(t(page, "landscape.runButton"))</button></form></section>"
        return html
    }

    // MARK: Report

    static func report(
        _ page: PageContext, _ record: LandscapeReportRecord, dataset: LandscapeDataset?, job: JobRecord?, report: LandscapeReport?
    ) -> Response {
        var html = "<p><a href=\"/landscapes\">\(t(page, "landscape.back"))</a>"
        if let dataset { html += " · <a href=\"/landscapes/datasets/\(dataset.id)\">\(HTML.escape(dataset.name))</a>" }
        html += "</p><p>\(status(page, record.status.rawValue))</p>"
        html += progress(page, job: job)
        if record.status == .failed { html += Layout.notice(page.t("landscape.runFailed", record.message), kind: "error") }
        if let report {
            let base = "/api/v1/landscapes/reports/\(record.id)"
            html += "<p class=\"landscape-summary\">\(t(page, "landscape.summary", String(report.summary.documents), String(report.summary.families)))"
            html += " \(t(page, record.aggregatedIn == "database" ? "landscape.aggregatedDatabase" : "landscape.aggregatedMemory"))</p>"
            html += "<nav class=\"landscape-downloads\" \(HTML.attribute("aria-label", page.t("landscape.downloads")))><ul>"
            html += "<li><a href=\"\(base)/report.html\" target=\"_blank\" rel=\"noopener\">\(t(page, "landscape.openHTML"))</a></li>"
            html += "<li><a href=\"\(base)/report.json\" download>\(t(page, "landscape.downloadJSON"))</a></li>"
            for table in report.tables {
                html += "<li><a \(HTML.attribute("href", "\(base)/tables/\(table.id).csv")) download>\(HTML.escape(table.title)) (CSV)</a></li>"
            }
            html += "</ul></nav>"
            html += "<iframe class=\"landscape-report\" \(HTML.attribute("src", "\(base)/report.html")) \(HTML.attribute("title", record.name)) sandbox=\"allow-same-origin allow-popups\"></iframe>"
        }
        if page.can(.administrator) {
            html += "<form method=\"post\" action=\"/landscapes/reports/\(record.id)/delete\" class=\"inline danger-zone\">\(page.csrfField)"
            html += "<button type=\"submit\" class=\"danger\">\(t(page, "landscape.deleteReport"))</button></form>"
        }
        return Layout.page(record.name, page, bodyClass: "landscape-page", scripts: ["landscape.js"], content: html)
    }
}
