import Classifications
import Core
import Hummingbird
import Storage

/// The collections list and a collection's page (documents, import, training, export).
enum CollectionPages {
    struct Row: Sendable {
        var collection: CollectionRecord
        var documents: Int
    }

    static func list(_ page: PageContext, rows: [Row], next: Int64?, error: String? = nil) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        if rows.isEmpty {
            html += Layout.notice(page.t("collections.empty"))
        } else {
            html += "<div class=\"table-wrap\"><table id=\"collections\"><caption class=\"visually-hidden\">\(HTML.escape(page.t("nav.collections")))</caption><thead><tr>"
            for key in ["collections.name", "collections.description", "collections.documents", "collections.created"] {
                html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
            }
            html += "</tr></thead><tbody>"
            for row in rows {
                let record = row.collection
                html += "<tr \(HTML.attribute("data-collection", String(record.id)))><td><a \(HTML.attribute("href", "/collections/\(record.id)"))>\(HTML.escape(record.name))</a></td>"
                html += "<td>\(HTML.escape(record.description))</td><td class=\"number\">\(row.documents)</td>"
                html += "<td>\(HTML.date(record.createdAt))</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        if let next { html += "<p class=\"pager\"><a href=\"/collections?cursor=\(next)\" rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>" }
        if page.can(.examiner) {
            html += "<section aria-labelledby=\"new-collection\"><h2 id=\"new-collection\">\(HTML.escape(page.t("collections.new")))</h2>"
            html += "<form method=\"post\" action=\"/collections\" class=\"card\" id=\"new-collection-form\">\(page.csrfField)"
            html += AccountPages.field("name", page.t("collections.name"), type: "text", value: "")
            html += AccountPages.field("description", page.t("collections.description"), type: "text", value: "", required: false)
            html += "<button type=\"submit\" id=\"create-collection\">\(HTML.escape(page.t("collections.create")))</button></form></section>"
        }
        return Layout.page(page.t("collections.title"), page, content: html)
    }

    struct Detail: Sendable {
        var collection: CollectionRecord
        var documents: Int
        var page: [StoredDocument]
        var next: Int64?
        var symbolFields: [String]
        var models: [ModelRecord]
    }

    static func detail(_ page: PageContext, _ detail: Detail, notice: String?) -> Response {
        let id = detail.collection.id
        var html = ""
        if let notice { html += Layout.notice(notice, kind: "success") }
        if !detail.collection.description.isEmpty { html += "<p class=\"lead\">\(HTML.escape(detail.collection.description))</p>" }
        html += "<p>\(HTML.escape(page.t("collections.count", String(detail.documents))))</p>"
        html += "<p class=\"actions\"><span>\(HTML.escape(page.t("collections.export")))</span> "
        html += "<a href=\"/api/v1/collections/\(id)/export?format=jsonl\" download>JSONL</a> "
        html += "<a href=\"/api/v1/collections/\(id)/export?format=csv\" download>CSV</a> · "
        html += "<a href=\"/models?collection=\(id)\">\(HTML.escape(page.t("collections.models", String(detail.models.count))))</a></p>"
        if page.can(.examiner) {
            html += importForm(page, id)
            html += trainForm(page, id, symbolFields: detail.symbolFields)
        }
        html += documents(page, detail)
        if page.can(.administrator) { html += deleteForm(page, id) }
        return Layout.page(detail.collection.name, page, content: html)
    }

    static func deleteForm(_ page: PageContext, _ id: Int64) -> String {
        var html = "<section aria-labelledby=\"delete-heading\"><h2 id=\"delete-heading\">\(HTML.escape(page.t("collections.delete")))</h2>"
        html += "<form method=\"post\" action=\"/collections/\(id)/delete\" class=\"card\" id=\"delete-form\">\(page.csrfField)"
        html += "<div class=\"field check\"><input type=\"checkbox\" id=\"confirm-delete\" name=\"confirm\" value=\"yes\" required>"
        html += "<label for=\"confirm-delete\">\(HTML.escape(page.t("collections.deleteConfirm")))</label></div>"
        html += "<button type=\"submit\" class=\"danger\">\(HTML.escape(page.t("collections.deleteSubmit")))</button></form></section>"
        return html
    }

    static func importForm(_ page: PageContext, _ id: Int64) -> String {
        var html = "<section aria-labelledby=\"import-heading\"><h2 id=\"import-heading\">\(HTML.escape(page.t("import.title")))</h2>"
        html += "<form method=\"post\" action=\"/collections/\(id)/import\" enctype=\"multipart/form-data\" class=\"card\" id=\"import-form\" data-upload=\"/api/v1/collections/\(id)/imports\">"
        html += page.csrfField
        html += "<div class=\"field\"><label for=\"corpus\">\(HTML.escape(page.t("import.file")))</label>"
        html += "<input type=\"file\" id=\"corpus\" name=\"corpus\" accept=\".jsonl,.ndjson,.json,.csv,.tsv,.txt\" required aria-describedby=\"corpus-hint\">"
        html += "<p class=\"hint\" id=\"corpus-hint\">\(HTML.escape(page.t("import.hint")))</p></div>"
        let formats = [("", page.t("import.formatAuto")), ("jsonl", "JSONL"), ("csv", "CSV")]
        html += "<div class=\"row\"><div class=\"field\"><label for=\"format\">\(HTML.escape(page.t("import.format")))</label>"
        html += "<select id=\"format\" name=\"format\">\(HTML.options(formats, selected: ""))</select></div>"
        html += "<div class=\"field check\"><input type=\"checkbox\" id=\"skip_invalid\" name=\"skip_invalid\" value=\"true\">"
        html += "<label for=\"skip_invalid\">\(HTML.escape(page.t("import.skipInvalid")))</label></div></div>"
        html += "<progress id=\"import-progress\" max=\"100\" value=\"0\" hidden></progress>"
        html += "<p id=\"import-status\" class=\"hint\" role=\"status\" aria-live=\"polite\"></p>"
        html += "<button type=\"submit\" id=\"import-submit\">\(HTML.escape(page.t("import.submit")))</button></form></section>"
        return html
    }

    static func trainForm(_ page: PageContext, _ id: Int64, symbolFields: [String]) -> String {
        var html = "<section aria-labelledby=\"train-heading\"><h2 id=\"train-heading\">\(HTML.escape(page.t("train.title")))</h2>"
        html += "<form method=\"post\" action=\"/collections/\(id)/train\" class=\"card\" id=\"train-form\">\(page.csrfField)<div class=\"row\">"
        let levels = SymbolLevel.allCases.map { ($0.name, page.t("level.\($0.name)")) }
        html += "<div class=\"field\"><label for=\"train-level\">\(HTML.escape(page.t("train.level")))</label>"
        html += "<select id=\"train-level\" name=\"level\">\(HTML.options(levels, selected: "subclass"))</select></div>"
        let defaultField = symbolFields.contains("ipc") || symbolFields.isEmpty ? "ipc" : symbolFields[0]
        html += "<div class=\"field\"><label for=\"label-field\">\(HTML.escape(page.t("train.labelField")))</label>"
        html += "<input type=\"text\" id=\"label-field\" name=\"label_field\" \(HTML.attribute("value", defaultField)) list=\"symbol-fields\" required>"
        html += "<datalist id=\"symbol-fields\">\(symbolFields.map { "<option \(HTML.attribute("value", $0))>" }.joined())</datalist></div></div>"
        html += "<fieldset><legend>\(HTML.escape(page.t("train.textFields")))</legend><div class=\"row\">"
        for field in TextField.allCases {
            let checked = field == .description ? "" : " checked"
            html += "<div class=\"field check\"><input type=\"checkbox\" id=\"text-\(field.rawValue)\" name=\"text_fields\" value=\"\(field.rawValue)\"\(checked)>"
            html += "<label for=\"text-\(field.rawValue)\">\(HTML.escape(page.t("field.\(field.rawValue)")))</label></div>"
        }
        html += "</div></fieldset>"
        html += "<div class=\"field check\"><input type=\"checkbox\" id=\"activate\" name=\"activate\" value=\"true\" checked>"
        html += "<label for=\"activate\">\(HTML.escape(page.t("train.activate")))</label></div>"
        html += "<button type=\"submit\" id=\"train-submit\">\(HTML.escape(page.t("train.submit")))</button></form></section>"
        return html
    }

    static func documents(_ page: PageContext, _ detail: Detail) -> String {
        var html = "<section aria-labelledby=\"documents-heading\"><h2 id=\"documents-heading\">\(HTML.escape(page.t("documents.title")))</h2>"
        guard !detail.page.isEmpty else { return html + Layout.notice(page.t("documents.empty")) + "</section>" }
        html += "<div class=\"table-wrap\"><table id=\"documents\"><thead><tr>"
        for key in ["documents.id", "documents.docTitle", "documents.symbols", "documents.year"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for stored in detail.page {
            let document = stored.document
            var title = document.title ?? document.abstract ?? ""
            if title.count > 140 { title = String(title.prefix(140)) + "…" }
            let symbols = document.symbols.keys.sorted().map { field in
                "<span class=\"field-name\">\(HTML.escape(field))</span> " + HTML.escape((document.symbols[field] ?? []).joined(separator: "; "))
            }.joined(separator: "<br>")
            html += "<tr><td><a \(HTML.attribute("href", "/api/v1/collections/\(detail.collection.id)/documents/\(HTML.queryValue(document.id))"))>\(HTML.escape(document.id))</a></td>"
            html += "<td>\(HTML.escape(title))</td><td>\(symbols)</td><td>\(document.year.map(String.init) ?? "")</td></tr>"
        }
        html += "</tbody></table></div>"
        if let next = detail.next {
            html += "<p class=\"pager\"><a href=\"/collections/\(detail.collection.id)?cursor=\(next)#documents-heading\" rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>"
        }
        return html + "</section>"
    }
}
