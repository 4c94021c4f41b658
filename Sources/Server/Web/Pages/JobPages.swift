import Hummingbird
import Storage

/// The jobs table, with progress bars the page script keeps live from `/api/v1/events`.
enum JobPages {
    struct Row: Sendable {
        var job: JobRecord
        var collectionName: String?
    }

    static func list(_ page: PageContext, rows: [Row], highlight: Int64?, next: Int64?, status: String?) -> Response {
        var html = "<p class=\"live\" id=\"live-state\" role=\"status\" aria-live=\"polite\" data-live-jobs></p>"
        html += filters(page, status: status)
        guard !rows.isEmpty else {
            return Layout.page(page.t("jobs.title"), page, bodyClass: "jobs-page", content: html + Layout.notice(page.t("jobs.empty")))
        }
        html += "<div class=\"table-wrap\"><table id=\"jobs\"><thead><tr>"
        for key in ["jobs.id", "jobs.kind", "jobs.collection", "jobs.status", "jobs.progress", "jobs.message", "jobs.created", "jobs.actions"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows { html += self.row(page, row, highlighted: row.job.id == highlight) }
        html += "</tbody></table></div>"
        if let next {
            let statusQuery = status.map { "status=\($0)&" } ?? ""
            html += "<p class=\"pager\"><a href=\"/jobs?\(statusQuery)cursor=\(next)\" rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>"
        }
        return Layout.page(page.t("jobs.title"), page, bodyClass: "jobs-page", content: html)
    }

    static func filters(_ page: PageContext, status: String?) -> String {
        var html = "<nav class=\"filters\" \(HTML.attribute("aria-label", page.t("jobs.filter")))><ul>"
        let choices: [(String?, String)] = [(nil, page.t("jobs.all"))] + JobStatus.allCases.map { ($0.rawValue, page.t("status.\($0.rawValue)")) }
        for (value, label) in choices {
            let href = value.map { "/jobs?status=\($0)" } ?? "/jobs"
            let current = value == status ? " aria-current=\"page\"" : ""
            html += "<li><a \(HTML.attribute("href", href))\(current)>\(HTML.escape(label))</a></li>"
        }
        return html + "</ul></nav>"
    }

    static func row(_ page: PageContext, _ row: Row, highlighted: Bool) -> String {
        let job = row.job
        let percent = HTML.percent(job.progress)
        let status = job.status.rawValue
        var html = "<tr data-job=\"\(job.id)\" \(HTML.attribute("data-status", status))\(highlighted ? " class=\"highlight\"" : "")>"
        html += "<td>\(job.id)</td><td>\(HTML.escape(page.t("kind.\(job.kind.rawValue)")))</td>"
        html += "<td>\(job.collectionID.map { "<a href=\"/collections/\($0)\">\(HTML.escape(row.collectionName ?? "#\($0)"))</a>" } ?? "")</td>"
        html += "<td class=\"status\"><span class=\"badge \(status)\">\(HTML.escape(page.t("status.\(status)")))</span></td>"
        html += "<td class=\"progress-cell\"><div class=\"progress\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" "
        html += "aria-valuenow=\"\(percent)\" \(HTML.attribute("aria-label", page.t("jobs.progressOf", String(job.id))))>"
        html += "<span style=\"width: \(percent)%\"></span></div>"
        html += "<span class=\"percent\">\(percent) %</span> <span class=\"phase\">\(HTML.escape(job.phase.isEmpty ? "" : page.label("phase", job.phase)))</span></td>"
        html += "<td class=\"message\">\(HTML.escape(job.message))\(resultLink(page, job))</td>"
        html += "<td>\(HTML.date(job.createdAt))</td><td class=\"actions\">"
        if page.can(.examiner) && !job.status.isFinished && !job.cancelRequested {
            html += "<form method=\"post\" action=\"/jobs/\(job.id)/cancel\" class=\"inline cancel\">\(page.csrfField)"
            html += "<button type=\"submit\" class=\"small danger\">\(HTML.escape(page.t("jobs.cancel")))</button></form>"
        } else if job.cancelRequested && !job.status.isFinished {
            html += HTML.escape(page.t("jobs.cancelling"))
        }
        return html + "</td></tr>"
    }

    /// A link to the model a finished train or evaluate job made or measured.
    static func resultLink(_ page: PageContext, _ job: JobRecord) -> String {
        guard job.status == .done, let model = job.modelID, job.kind != .importDocuments else { return "" }
        let key = job.kind == .train ? "jobs.viewModel" : "jobs.viewReport"
        return " <a class=\"result-link\" href=\"/models/\(model)\">\(HTML.escape(page.t(key)))</a>"
    }
}
