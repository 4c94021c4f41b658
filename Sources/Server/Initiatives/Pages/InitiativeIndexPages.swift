import Core
import Foundation
import Hummingbird
import Initiatives

/// The public index of AI initiatives (filters, a chart of counts per category, the list) and an office's page.
enum InitiativeIndexPages {
    struct Index: Sendable {
        var filter: IndexFilter
        var counts: [(UseCategory, Int)]
        var entries: [IndexEntry]
        var next: Int64?
        var offices: [OfficeRecord]
        /// The request's query without `cursor` (for the pager and the export links).
        var query: String
    }

    static func index(_ page: PageContext, _ index: Index) -> Response {
        var html = "<p class=\"lead\">\(HTML.escape(page.t("initiatives.index.lead")))</p>"
        html += "<p class=\"actions\">"
        if page.user != nil { html += "<a href=\"/initiatives/my-office\">\(HTML.escape(page.t("initiatives.nav.myOffice")))</a> · " }
        if page.can(.administrator) { html += "<a href=\"/initiatives/admin\">\(HTML.escape(page.t("initiatives.nav.admin")))</a> · " }
        html += "<a href=\"/initiatives/surveys\">\(HTML.escape(page.t("initiatives.nav.surveys")))</a></p>"
        html += filterForm(page, index)

        let total = index.counts.reduce(0) { $0 + $1.1 }
        let bars = index.counts.map { category, count in
            Charts.Bar(label: "\(InitiativeHTML.category(category, page)) (\(count))", value: total == 0 ? 0 : Double(count) / Double(total))
        }
        html += "<section aria-labelledby=\"initiatives-chart-heading\" class=\"initiatives-chart\"><h2 id=\"initiatives-chart-heading\">\(HTML.escape(page.t("initiatives.index.chart")))</h2>"
        html += Charts.bars(bars, title: page.t("initiatives.index.chartCaption", String(total)), id: "initiatives-by-category", rightToLeft: page.rightToLeft)
        html += "</section>"

        let exportQuery = index.query.isEmpty ? "" : "&" + index.query
        html += "<p class=\"actions\"><span>\(HTML.escape(page.t("initiatives.index.export")))</span> "
        html += "<a \(HTML.attribute("href", "/api/v1/initiatives/export?format=json&lang=\(page.language)\(exportQuery)")) download>JSON</a> "
        html += "<a \(HTML.attribute("href", "/api/v1/initiatives/export?format=csv&lang=\(page.language)\(exportQuery)")) download>CSV</a></p>"

        if index.entries.isEmpty {
            html += Layout.notice(page.t("initiatives.index.empty"))
        } else {
            html += applicationsTable(page, index.entries.map { ($0.application, $0.office) }, showOffice: true, showContactFor: [])
        }
        if let next = index.next {
            let separator = index.query.isEmpty ? "" : "&"
            html += "<p class=\"pager\"><a \(HTML.attribute("href", "/initiatives?\(index.query)\(separator)cursor=\(next)")) rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>"
        }
        return Layout.page(page.t("initiatives.index.title"), page, content: html)
    }

    static func filterForm(_ page: PageContext, _ index: Index) -> String {
        let filter = index.filter
        var html = "<form method=\"get\" action=\"/initiatives\" class=\"card initiatives-filters\" id=\"initiatives-filter\" role=\"search\">"
        html += "<h2>\(HTML.escape(page.t("initiatives.filter.title")))</h2><div class=\"initiatives-filter-grid\">"
        html += InitiativeHTML.input("filter-q", name: "q", label: page.t("initiatives.filter.text"), value: filter.text ?? "", type: "search")
        let any = (value: "", label: page.t("initiatives.filter.any"))
        html += InitiativeHTML.select(
            "filter-category", name: "category", label: page.t("initiatives.field.category"),
            options: [any] + UseCategory.allCases.map { ($0.rawValue, InitiativeHTML.category($0, page)) }, selected: filter.categories.first?.rawValue ?? "")
        html += InitiativeHTML.select(
            "filter-status", name: "status", label: page.t("initiatives.field.status"),
            options: [any] + ApplicationStatus.allCases.map { ($0.rawValue, InitiativeHTML.status($0, page)) }, selected: filter.statuses.first?.rawValue ?? "")
        html += InitiativeHTML.select(
            "filter-office", name: "office_id", label: page.t("initiatives.field.office"),
            options: [any] + index.offices.map { (String($0.id), "\($0.name.text(in: page.language)) (\($0.country))") },
            selected: filter.officeID.map(String.init) ?? "")
        html += InitiativeHTML.input("filter-country", name: "country", label: page.t("initiatives.field.country"), value: filter.country ?? "", extra: "maxlength=\"2\" size=\"3\"")
        html += InitiativeHTML.input("filter-since-from", name: "since_from", label: page.t("initiatives.filter.sinceFrom"), value: filter.sinceFrom.map(String.init) ?? "", type: "number", extra: "min=\"1950\" max=\"2100\"")
        html += InitiativeHTML.input("filter-since-to", name: "since_to", label: page.t("initiatives.filter.sinceTo"), value: filter.sinceTo.map(String.init) ?? "", type: "number", extra: "min=\"1950\" max=\"2100\"")
        html += "</div><button type=\"submit\">\(HTML.escape(page.t("initiatives.filter.apply")))</button> <a href=\"/initiatives\">\(HTML.escape(page.t("initiatives.filter.reset")))</a></form>"
        return html
    }

    /// The applications as a table; contacts shown where public or for offices in `showContactFor`.
    static func applicationsTable(_ page: PageContext, _ rows: [(ApplicationRecord, OfficeRecord)], showOffice: Bool, showContactFor: Set<Int64>) -> String {
        var html = "<div class=\"table-wrap\"><table id=\"initiatives\" class=\"initiatives\"><caption class=\"visually-hidden\">\(HTML.escape(page.t("initiatives.index.title")))</caption><thead><tr>"
        var headers = ["initiatives.field.name"]
        if showOffice { headers.append("initiatives.field.office") }
        headers += ["initiatives.field.category", "initiatives.field.status", "initiatives.field.since", "initiatives.field.description", "initiatives.field.contact"]
        for key in headers { html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>" }
        html += "</tr></thead><tbody>"
        for (application, office) in rows {
            let draft = application.draft
            html += "<tr \(HTML.attribute("data-application", String(application.id)))><td>"
            html += draft.link.isEmpty ? InitiativeHTML.text(draft.name, page) : "<a \(HTML.attribute("href", draft.link)) rel=\"noopener nofollow\">\(InitiativeHTML.text(draft.name, page))</a>"
            html += "</td>"
            if showOffice {
                html += "<td><a \(HTML.attribute("href", "/initiatives/offices/\(office.id)"))>\(InitiativeHTML.text(office.name, page))</a> <span class=\"country\">\(HTML.escape(office.country))</span></td>"
            }
            html += "<td>\(HTML.escape(InitiativeHTML.category(draft.category, page)))</td>"
            html += "<td><span class=\"initiative-status status-\(draft.status.rawValue)\">\(HTML.escape(InitiativeHTML.status(draft.status, page)))</span></td>"
            html += "<td>\(HTML.escape(draft.since.isEmpty ? "–" : draft.since))</td><td>"
            if !draft.description.isEmpty { html += "<p>\(InitiativeHTML.text(draft.description, page))</p>" }
            if !draft.technology.isEmpty {
                html += "<p class=\"technology\"><span>\(HTML.escape(page.t("initiatives.field.technology")))</span> \(HTML.escape(draft.technology))</p>"
            }
            html += "</td><td>"
            if draft.contactPublic || showContactFor.contains(office.id) {
                html += HTML.escape(draft.contactName)
                if !draft.contactEmail.isEmpty {
                    html += " <a \(HTML.attribute("href", "mailto:" + draft.contactEmail))>\(HTML.escape(draft.contactEmail))</a>"
                }
                if !draft.contactPublic { html += " <span class=\"muted\">(\(HTML.escape(page.t("initiatives.contact.private"))))</span>" }
            } else {
                html += "–"
            }
            html += "</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func office(_ page: PageContext, office: OfficeRecord, applications: [ApplicationRecord], speaksFor: Bool) -> Response {
        var html = "<p class=\"lead\">\(HTML.escape(InitiativeHTML.kind(office.kind, page))) · \(HTML.escape(office.country))"
        if !office.website.isEmpty { html += " · <a \(HTML.attribute("href", office.website)) rel=\"noopener nofollow\">\(HTML.escape(office.website))</a>" }
        html += "</p>"
        if !office.isApproved { html += Layout.notice(page.t("initiatives.office.notApproved", InitiativeHTML.approval(office.status, page))) }
        if speaksFor { html += "<p class=\"actions\"><a href=\"/initiatives/my-office\">\(HTML.escape(page.t("initiatives.office.edit")))</a></p>" }
        html += "<h2>\(HTML.escape(page.t("initiatives.office.applications", String(applications.count))))</h2>"
        if applications.isEmpty {
            html += Layout.notice(page.t("initiatives.office.none"))
        } else {
            html += applicationsTable(page, applications.map { ($0, office) }, showOffice: false, showContactFor: speaksFor ? [office.id] : [])
        }
        html += "<p><a href=\"/initiatives?office_id=\(office.id)\">\(HTML.escape(page.t("initiatives.office.inIndex")))</a> · <a href=\"/initiatives\">\(HTML.escape(page.t("initiatives.back")))</a></p>"
        return Layout.page(office.name.text(in: page.language), page, content: html)
    }
}
