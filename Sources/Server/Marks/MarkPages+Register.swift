import Foundation
import Hummingbird
import TrademarkSearch

extension MarkPages {
    /// One mark: its data, thumbnail and the marks that look like it.
    static func mark(_ page: PageContext, _ mark: Mark, similar: [MarkHit], marks: [Int64: Mark], notice: String?) -> Response {
        var html = ""
        if let notice { html += Layout.notice(notice, kind: "success") }
        html += "<div class=\"mark-detail\">"
        if mark.imageFormat != nil {
            html += "<figure class=\"mark-image\"><img \(HTML.attribute("src", "/api/v1/marks/\(mark.id)/image")) "
            html += "\(HTML.attribute("alt", mark.details.name.isEmpty ? mark.details.externalID : mark.details.name)) width=\"160\" height=\"160\"></figure>"
        } else {
            html += Layout.notice(page.t("marks.noImage"))
        }
        html += "<dl class=\"mark-data\">"
        func row(_ key: String, _ value: String) {
            guard !value.isEmpty else { return }
            html += "<dt>\(HTML.escape(page.t(key)))</dt><dd>\(HTML.escape(value))</dd>"
        }
        row("marks.field.id", mark.details.externalID)
        row("marks.field.name", mark.details.name)
        row("marks.field.vienna", mark.details.vienna.map { "\(ViennaNotation.wipo($0)) (\(ViennaNotation.euipo($0)))" }.joined(separator: ", "))
        row("marks.field.nice", mark.details.nice.map(String.init).joined(separator: ", "))
        row("marks.field.owner", mark.details.owner)
        row("marks.field.status", page.label("marks.status", mark.details.status.rawValue))
        row("marks.field.filed", mark.details.filed ?? "")
        row("marks.field.registered", mark.details.registered ?? "")
        if let format = mark.imageFormat {
            row("marks.field.image", "\(format.uppercased()), \(mark.width) × \(mark.height), \(HTML.bytes(Int64(mark.imageBytes)))")
        }
        html += "</dl></div>"
        if page.can(.examiner) {
            html += "<form method=\"post\" \(HTML.attribute("action", "/marks/\(mark.id)/delete")) class=\"inline\">\(page.csrfField)"
            html += "<button type=\"submit\" class=\"danger\">\(HTML.escape(page.t("marks.delete")))</button></form>"
        }
        if mark.imageFormat != nil {
            html += "<section aria-labelledby=\"similar-heading\"><h2 id=\"similar-heading\">\(HTML.escape(page.t("marks.similar")))</h2>"
            if similar.isEmpty {
                html += Layout.notice(page.t("marks.noResults"))
            } else {
                html += "<ol class=\"mark-grid ranked\" id=\"mark-similar\">"
                for hit in similar {
                    html += "<li class=\"mark-card\">"
                    html += thumbnail(page, id: hit.id, name: marks[hit.id]?.details.name ?? hit.externalID)
                    html += "<div class=\"mark-meta\"><a \(HTML.attribute("href", "/marks/\(hit.id)"))>\(HTML.escape(hit.externalID))</a>"
                    if let other = marks[hit.id] { html += summary(page, other) }
                    html += "<p class=\"score\">\(HTML.escape(page.t("marks.score"))) <strong>\(String(format: "%.3f", hit.score))</strong></p>"
                    html += bars(page, hit.similarities) + matchedView(page, hit.view) + "</div></li>"
                }
                html += "</ol>"
            }
            html += "<p><a \(HTML.attribute("href", "/marks?like=\(mark.id)"))>\(HTML.escape(page.t("marks.searchLikeThis")))</a></p></section>"
        }
        let title = mark.details.name.isEmpty ? mark.details.externalID : "\(mark.details.externalID) · \(mark.details.name)"
        return Layout.page(title, page, scripts: ["marks.js"], content: html)
    }

    /// The examiner's form to add one mark with its image.
    static func add(_ page: PageContext, values: FormData, error: String?) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<form method=\"post\" action=\"/marks/new\" enctype=\"multipart/form-data\" class=\"card marks-add\">\(page.csrfField)"
        html += "<div class=\"drop-zone\" data-drop-into=\"image\"><p class=\"drop-hint\">\(HTML.escape(page.t("marks.dropHint")))</p>"
        html += "<label for=\"image\">\(HTML.escape(page.t("marks.image")))</label>"
        html += "<input type=\"file\" id=\"image\" name=\"image\" accept=\"image/png,image/jpeg,image/gif,image/svg+xml,.png,.jpg,.jpeg,.gif,.svg\">"
        html += "<p class=\"hint\">\(HTML.escape(page.t("marks.imageHint")))</p></div>"
        let fields: [(String, String, String)] = [
            ("id", "marks.field.id", "018000001"), ("name", "marks.field.name", ""), ("vienna", "marks.field.vienna", "3.1.2, 26.4.1"),
            ("nice", "marks.field.nice", "25, 35"), ("owner", "marks.field.owner", ""), ("filed", "marks.field.filed", "2024-03-31"),
            ("registered", "marks.field.registered", "2024-09-30"),
        ]
        for (name, key, placeholder) in fields {
            let required = name == "id" ? " required" : ""
            let type = name == "filed" || name == "registered" ? "date" : "text"
            html += "<div class=\"field\"><label \(HTML.attribute("for", "mark-\(name)"))>\(HTML.escape(page.t(key)))</label>"
            html += "<input \(HTML.attribute("type", type)) \(HTML.attribute("id", "mark-\(name)")) \(HTML.attribute("name", name)) "
            html += "\(HTML.attribute("value", values.raw(name) ?? "")) \(HTML.attribute("placeholder", placeholder))\(required)></div>"
        }
        let statuses = MarkStatus.allCases.map { ($0.rawValue, page.t("marks.status.\($0.rawValue)")) }
        html += "<div class=\"field\"><label for=\"mark-status\">\(HTML.escape(page.t("marks.field.status")))</label>"
        html += "<select id=\"mark-status\" name=\"status\">\(HTML.options(statuses, selected: values["status"] ?? "filed"))</select></div>"
        html += "<button type=\"submit\">\(HTML.escape(page.t("marks.addSubmit")))</button></form>"
        return Layout.page(page.t("marks.add"), page, scripts: ["marks.js"], content: html)
    }

    /// One imported file's fate.
    struct ImportLine: Sendable {
        var file: String
        var mark: Mark?
        var error: String?
    }

    /// The examiner's form to import several image files at once (id = file name without extension).
    static func importing(_ page: PageContext, lines: [ImportLine], error: String?, limit: Int) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        if !lines.isEmpty {
            let imported = lines.filter { $0.mark != nil }.count
            html += Layout.notice(page.t("marks.imported", String(imported), String(lines.count - imported)), kind: imported == lines.count ? "success" : "info")
            html += "<table class=\"mark-import\"><thead><tr><th>\(HTML.escape(page.t("marks.file")))</th><th>\(HTML.escape(page.t("marks.outcome")))</th></tr></thead><tbody>"
            for line in lines {
                html += "<tr><td>\(HTML.escape(line.file))</td><td>"
                if let mark = line.mark {
                    html += "<a \(HTML.attribute("href", "/marks/\(mark.id)"))>\(HTML.escape(mark.details.externalID))</a>"
                } else {
                    html += "<span class=\"error\">\(HTML.escape(line.error ?? ""))</span>"
                }
                html += "</td></tr>"
            }
            html += "</tbody></table>"
        }
        html += "<form method=\"post\" action=\"/marks/import\" enctype=\"multipart/form-data\" class=\"card marks-import\">\(page.csrfField)"
        html += "<div class=\"drop-zone\" data-drop-into=\"images\"><p class=\"drop-hint\">\(HTML.escape(page.t("marks.dropManyHint")))</p>"
        html += "<label for=\"images\">\(HTML.escape(page.t("marks.images")))</label>"
        html += "<input type=\"file\" id=\"images\" name=\"images\" multiple required accept=\"image/png,image/jpeg,image/gif,image/svg+xml,.png,.jpg,.jpeg,.gif,.svg\">"
        html += "<p class=\"hint\">\(HTML.escape(page.t("marks.importHint", HTML.bytes(Int64(limit)))))</p></div>"
        let statuses = MarkStatus.allCases.map { ($0.rawValue, page.t("marks.status.\($0.rawValue)")) }
        html += "<div class=\"field\"><label for=\"import-status\">\(HTML.escape(page.t("marks.field.status")))</label>"
        html += "<select id=\"import-status\" name=\"status\">\(HTML.options(statuses, selected: "filed"))</select></div>"
        html += "<button type=\"submit\">\(HTML.escape(page.t("marks.importSubmit")))</button></form>"
        return Layout.page(page.t("marks.import"), page, scripts: ["marks.js"], content: html)
    }
}
