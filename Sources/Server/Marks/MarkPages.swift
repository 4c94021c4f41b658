import Classifications
import Foundation
import Hummingbird
import TrademarkSearch

/// The pages of the register: search by image (`/marks`), one mark (`/marks/{id}`), add a mark
/// and import images (examiners). Plain functions returning escaped HTML.
enum MarkPages {
    /// What the search form asked for (kept to fill the form again).
    struct Query: Sendable {
        var mode = "composite"
        var count = 20
        var shape = ""
        var colour = ""
        var duplicate = ""
        var vienna = ""
        var nice = ""
        var status = ""

        /// The form's values as the API's parameter names.
        func values(_ name: String) -> [String] {
            switch name {
            case "mode": [mode]
            case "count": [String(count)]
            case "weight_shape": [shape]
            case "weight_colour": [colour]
            case "weight_duplicate": [duplicate]
            case "vienna": [vienna]
            case "nice": [nice]
            case "status": [status]
            default: []
            }
        }

        init() {}

        init(_ value: (String) -> String?) {
            mode = value("mode") ?? mode
            count = min(max(Int(value("count") ?? "") ?? count, 1), 200)
            shape = value("weight_shape") ?? ""
            colour = value("weight_colour") ?? ""
            duplicate = value("weight_duplicate") ?? ""
            vienna = value("vienna") ?? ""
            nice = value("nice") ?? ""
            status = value("status") ?? ""
        }

        /// The query string of the same options (for "more like this" links).
        var parameters: String {
            var parts = ["mode=\(HTML.queryValue(mode))", "count=\(count)"]
            for (name, value) in [("weight_shape", shape), ("weight_colour", colour), ("weight_duplicate", duplicate), ("vienna", vienna), ("nice", nice), ("status", status)]
            where !value.isEmpty {
                parts.append("\(name)=\(HTML.queryValue(value))")
            }
            return parts.joined(separator: "&")
        }
    }

    /// A search's outcome: what the query was, the results with their marks, and Vienna advice.
    struct Outcome: Sendable {
        /// The query's picture: a `data:` URL of IPAI's own PNG, or a mark's thumbnail address.
        var queryImage: String
        var queryLabel: String
        var hits: [MarkHit]
        var marks: [Int64: Mark]
        var advice: ViennaAdvice?
        var scheme: ViennaScheme?
    }

    static let descriptors = ["colour", "hog", "zernike", "contour", "hash"]

    static func search(_ page: PageContext, query: Query, outcome: Outcome?, recent: [Mark], total: Int, error: String?) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        if page.can(.examiner) {
            html += "<p class=\"marks-actions\"><a href=\"/marks/new\">\(HTML.escape(page.t("marks.add")))</a> · "
            html += "<a href=\"/marks/import\">\(HTML.escape(page.t("marks.import")))</a></p>"
        }
        html += "<p class=\"hint\">\(HTML.escape(page.t("marks.registerCount", String(total))))</p>"
        html += form(page, query)
        if let outcome {
            html += "<div class=\"marks-outcome\">"
            html += results(page, query: query, outcome: outcome)
            if let advice = outcome.advice { html += vienna(page, advice, scheme: outcome.scheme) }
            html += "</div>"
        } else if !recent.isEmpty {
            html += "<section aria-labelledby=\"recent-heading\"><h2 id=\"recent-heading\">\(HTML.escape(page.t("marks.recent")))</h2>"
            html += "<ul class=\"mark-grid\">" + recent.map { card(page, $0) }.joined() + "</ul></section>"
        }
        return Layout.page(page.t("marks.title"), page, scripts: ["marks.js"], content: html)
    }

    static func form(_ page: PageContext, _ query: Query) -> String {
        var html = "<form method=\"post\" action=\"/marks\" enctype=\"multipart/form-data\" class=\"card marks-search\" id=\"marks-form\">"
        html += page.csrfField
        html += "<div class=\"drop-zone\" id=\"drop-zone\" data-drop-into=\"image\">"
        html += "<p class=\"drop-hint\">\(HTML.escape(page.t("marks.dropHint")))</p>"
        html += "<label for=\"image\">\(HTML.escape(page.t("marks.image")))</label>"
        html += "<input type=\"file\" id=\"image\" name=\"image\" accept=\"image/png,image/jpeg,image/gif,image/svg+xml,.png,.jpg,.jpeg,.gif,.svg\" required>"
        html += "<p class=\"hint\">\(HTML.escape(page.t("marks.imageHint")))</p></div>"
        html += "<fieldset class=\"options\"><legend>\(HTML.escape(page.t("marks.options")))</legend><div class=\"row\">"
        let modes = ["composite", "shape", "colour", "duplicate"].map { ($0, page.t("marks.mode.\($0)")) }
        html += "<div class=\"field\"><label for=\"mode\">\(HTML.escape(page.t("marks.mode")))</label>"
        html += "<select id=\"mode\" name=\"mode\">\(HTML.options(modes, selected: query.mode))</select></div>"
        html += "<div class=\"field\"><label for=\"count\">\(HTML.escape(page.t("marks.count")))</label>"
        html += "<input type=\"number\" id=\"count\" name=\"count\" min=\"1\" max=\"200\" value=\"\(query.count)\"></div>"
        html += "</div><fieldset class=\"weights\" id=\"weights\"><legend>\(HTML.escape(page.t("marks.weights")))</legend><div class=\"row\">"
        let defaults = MarkSearchWeights.default
        for (name, value, fallback) in [("shape", query.shape, defaults.shape), ("colour", query.colour, defaults.colour), ("duplicate", query.duplicate, defaults.duplicate)] {
            html += "<div class=\"field\"><label for=\"weight_\(name)\">\(HTML.escape(page.t("marks.weight.\(name)")))</label>"
            html += "<input type=\"number\" id=\"weight_\(name)\" name=\"weight_\(name)\" min=\"0\" max=\"10\" step=\"0.05\" "
            html += "\(HTML.attribute("value", value)) \(HTML.attribute("placeholder", String(format: "%.2f", fallback)))></div>"
        }
        html += "</div><p class=\"hint\">\(HTML.escape(page.t("marks.weightsHint")))</p></fieldset></fieldset>"
        html += "<fieldset class=\"options\"><legend>\(HTML.escape(page.t("marks.filters")))</legend><div class=\"row\">"
        html += "<div class=\"field\"><label for=\"vienna\">\(HTML.escape(page.t("marks.vienna")))</label>"
        html += "<input type=\"text\" id=\"vienna\" name=\"vienna\" \(HTML.attribute("value", query.vienna)) placeholder=\"3.1, 26.4.1\" aria-describedby=\"vienna-hint\">"
        html += "<p class=\"hint\" id=\"vienna-hint\">\(HTML.escape(page.t("marks.viennaHint")))</p></div>"
        html += "<div class=\"field\"><label for=\"nice\">\(HTML.escape(page.t("marks.nice")))</label>"
        html += "<input type=\"text\" id=\"nice\" name=\"nice\" \(HTML.attribute("value", query.nice)) placeholder=\"25, 35\"></div>"
        let statuses = [("", page.t("marks.status.any"))] + MarkStatus.allCases.map { ($0.rawValue, page.t("marks.status.\($0.rawValue)")) }
        html += "<div class=\"field\"><label for=\"status\">\(HTML.escape(page.t("marks.status")))</label>"
        html += "<select id=\"status\" name=\"status\">\(HTML.options(statuses, selected: query.status))</select></div>"
        html += "</div></fieldset>"
        html += "<button type=\"submit\">\(HTML.escape(page.t("marks.search")))</button></form>"
        return html
    }

    static func results(_ page: PageContext, query: Query, outcome: Outcome) -> String {
        var html = "<section class=\"mark-results\" aria-labelledby=\"results-heading\">"
        html += "<h2 id=\"results-heading\">\(HTML.escape(page.t("marks.results")))</h2>"
        html += "<figure class=\"mark-query\"><img \(HTML.attribute("src", outcome.queryImage)) \(HTML.attribute("alt", page.t("marks.queryImage")))>"
        html += "<figcaption>\(HTML.escape(outcome.queryLabel))</figcaption></figure>"
        guard !outcome.hits.isEmpty else { return html + Layout.notice(page.t("marks.noResults")) + "</section>" }
        html += "<ol class=\"mark-grid ranked\" id=\"mark-results\">"
        for hit in outcome.hits {
            html += "<li class=\"mark-card\">"
            html += thumbnail(page, id: hit.id, name: outcome.marks[hit.id]?.details.name ?? hit.externalID)
            html += "<div class=\"mark-meta\"><a \(HTML.attribute("href", "/marks/\(hit.id)"))>\(HTML.escape(hit.externalID))</a>"
            if let mark = outcome.marks[hit.id] { html += summary(page, mark) }
            html += "<p class=\"score\">\(HTML.escape(page.t("marks.score"))) <strong>\(String(format: "%.3f", hit.score))</strong></p>"
            html += bars(page, hit.similarities) + matchedView(page, hit.view)
            html += "<p><a class=\"more\" \(HTML.attribute("href", "/marks?like=\(hit.id)&\(query.parameters)"))>\(HTML.escape(page.t("marks.moreLikeThis")))</a></p>"
            html += "</div></li>"
        }
        return html + "</ol></section>"
    }

    /// A line saying what matched when it was not the image as given (see ``MatchedView``).
    static func matchedView(_ page: PageContext, _ view: MatchedView) -> String {
        let key: String
        switch view {
        case .whole: return ""
        case .part: key = "marks.matched.part"
        case .negative: key = "marks.matched.negative"
        case .centre: key = "marks.matched.centre"
        }
        return "<p class=\"matched-view\">\(HTML.escape(page.t(key)))</p>"
    }

    /// Each descriptor's similarity as a labelled bar with its value: why the mark ranks where it does.
    static func bars(_ page: PageContext, _ similarities: [String: Double]) -> String {
        var html = "<dl class=\"descriptor-bars\" \(HTML.attribute("aria-label", page.t("marks.explanation")))>"
        for name in descriptors {
            guard let value = similarities[name] else { continue }
            let label = page.t("marks.descriptor.\(name)")
            html += "<div><dt>\(HTML.escape(label))</dt><dd><meter min=\"0\" max=\"1\" \(HTML.attribute("value", String(format: "%.3f", value)))>"
            html += "\(HTML.percent(value)) %</meter> <span class=\"value\">\(String(format: "%.2f", value))</span></dd></div>"
        }
        return html + "</dl>"
    }

    static func thumbnail(_ page: PageContext, id: Int64, name: String) -> String {
        "<a class=\"thumb\" \(HTML.attribute("href", "/marks/\(id)"))><img \(HTML.attribute("src", "/api/v1/marks/\(id)/image")) \(HTML.attribute("alt", name)) loading=\"lazy\" width=\"120\" height=\"120\"></a>"
    }

    /// Name, Vienna codes, Nice classes and status in one short block.
    static func summary(_ page: PageContext, _ mark: Mark) -> String {
        var html = ""
        if !mark.details.name.isEmpty { html += "<p class=\"mark-name\">\(HTML.escape(mark.details.name))</p>" }
        var facts: [String] = [page.label("marks.status", mark.details.status.rawValue)]
        if !mark.details.vienna.isEmpty { facts.append(page.t("marks.viennaShort") + " " + mark.details.vienna.map(ViennaNotation.wipo).joined(separator: ", ")) }
        if !mark.details.nice.isEmpty { facts.append(page.t("marks.niceShort") + " " + mark.details.nice.map(String.init).joined(separator: ", ")) }
        html += "<p class=\"mark-facts\">\(HTML.escape(facts.joined(separator: " · ")))</p>"
        return html
    }

    static func card(_ page: PageContext, _ mark: Mark) -> String {
        var html = "<li class=\"mark-card\">"
        if mark.imageFormat != nil { html += thumbnail(page, id: mark.id, name: mark.details.name.isEmpty ? mark.details.externalID : mark.details.name) }
        html += "<div class=\"mark-meta\"><a \(HTML.attribute("href", "/marks/\(mark.id)"))>\(HTML.escape(mark.details.externalID))</a>"
        html += summary(page, mark)
        if mark.imageFormat != nil {
            html += "<p><a class=\"more\" \(HTML.attribute("href", "/marks?like=\(mark.id)"))>\(HTML.escape(page.t("marks.moreLikeThis")))</a></p>"
        }
        return html + "</div></li>"
    }

    /// Vienna suggestions with titles beside the frequency-only baseline.
    static func vienna(_ page: PageContext, _ advice: ViennaAdvice, scheme: ViennaScheme?) -> String {
        var html = "<section class=\"vienna-advice\" aria-labelledby=\"vienna-heading\">"
        html += "<h2 id=\"vienna-heading\">\(HTML.escape(page.t("marks.viennaSuggestions")))</h2>"
        if scheme == nil { html += "<p class=\"hint\">\(HTML.escape(page.t("marks.noTitles")))</p>" }
        guard !advice.suggestions.isEmpty || !advice.baseline.isEmpty else {
            return html + Layout.notice(page.t("marks.noVienna")) + "</section>"
        }
        html += "<div class=\"vienna-columns\">"
        html += viennaList(page, page.t("marks.suggested"), page.t("marks.suggestedHint"), advice.suggestions, scheme: scheme, id: "vienna-suggested")
        html += viennaList(page, page.t("marks.baseline"), page.t("marks.baselineHint"), advice.baseline, scheme: scheme, id: "vienna-baseline")
        return html + "</div></section>"
    }

    static func viennaList(_ page: PageContext, _ heading: String, _ hint: String, _ list: [ViennaSuggestion], scheme: ViennaScheme?, id: String) -> String {
        var html = "<div class=\"vienna-list\" \(HTML.attribute("id", id))><h3>\(HTML.escape(heading))</h3><p class=\"hint\">\(HTML.escape(hint))</p>"
        for level in [ViennaLevel.section, .division, .category] {
            let items = list.filter { $0.level == level }
            guard !items.isEmpty else { continue }
            html += "<h4>\(HTML.escape(page.t("marks.level.\(level.name)")))</h4><ol>"
            for item in items {
                html += "<li><code>\(HTML.escape(item.code.wipoNotation ?? item.code.euipoNotation))</code>"
                html += " <span class=\"euipo\">(\(HTML.escape(item.code.euipoNotation)))</span>"
                if let title = scheme?.title(of: item.code) { html += " <span class=\"title\">\(HTML.escape(title))</span>" }
                html += " <meter min=\"0\" max=\"1\" \(HTML.attribute("value", String(format: "%.3f", min(item.score, 1))))>\(HTML.percent(item.score)) %</meter>"
                html += " <span class=\"value\">\(String(format: "%.3f", item.score))</span></li>"
            }
            html += "</ol>"
        }
        return html + "</div>"
    }
}
