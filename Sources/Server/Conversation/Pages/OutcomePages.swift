import Conversation
import Core
import Hummingbird

/// A conversation's outcomes: "questions for further discussion" and "issues needing immediate
/// attention", each item linked to the interventions and submissions it came from. By design
/// there is no report, no recommendation and no vote — the page says so.
enum OutcomePages {
    struct Item: Sendable {
        var record: OutcomeRecord
        var sources: [ResolvedSource]
    }

    static func render(_ page: PageContext, conversation: ConversationRecord, items: [Item], secretariat: Bool) -> Response {
        var html = "<p class=\"breadcrumb\">\(StructureForms.link("/conversations/\(conversation.id)", conversation.title.text(in: page.language)))</p>"
        html += "<p class=\"lead by-design\" id=\"by-design\">\(HTML.escape(page.t("conversation.outcomes.byDesign")))</p>"
        html += "<p class=\"actions\"><span>\(HTML.escape(page.t("conversation.outcomes.export")))</span> "
        html += "<a \(HTML.attribute("href", "/api/v1/conversations/\(conversation.id)/outcomes/export?format=json")) download>JSON</a> "
        html += "<a \(HTML.attribute("href", "/api/v1/conversations/\(conversation.id)/outcomes/export?format=csv")) download>CSV</a></p>"
        for kind in OutcomeKind.allCases {
            let list = items.filter { $0.record.kind == kind }
            html += "<section class=\"outcome-list\" \(HTML.attribute("id", kind.rawValue)) aria-labelledby=\"\(kind.rawValue)-heading\">"
            html += "<h2 id=\"\(kind.rawValue)-heading\">\(HTML.escape(page.t("conversation.outcomes.\(kind.rawValue)")))</h2>"
            if list.isEmpty {
                html += "<p class=\"hint\">\(HTML.escape(page.t("conversation.outcomes.empty")))</p>"
            } else {
                html += "<ol>"
                for (index, item) in list.enumerated() {
                    html += itemHTML(page, item, first: index == 0, last: index == list.count - 1, secretariat: secretariat)
                }
                html += "</ol>"
            }
            html += "</section>"
        }
        if secretariat {
            html += "<section aria-labelledby=\"new-outcome\"><h2 id=\"new-outcome\">\(HTML.escape(page.t("conversation.outcomes.new")))</h2>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/conversations/\(conversation.id)/outcomes")) class=\"card\" id=\"new-outcome-form\">\(page.csrfField)"
            html += fields(page, kind: .furtherDiscussion, text: LocalizedText(), sources: [], idPrefix: "new-")
            html += "<button type=\"submit\" id=\"create-outcome\">\(HTML.escape(page.t("conversation.outcomes.create")))</button></form></section>"
        }
        return Layout.page(page.t("conversation.outcomes.title"), page, content: html)
    }

    static func itemHTML(_ page: PageContext, _ item: Item, first: Bool, last: Bool, secretariat: Bool) -> String {
        let record = item.record
        var html = "<li class=\"outcome\" \(HTML.attribute("id", "outcome-\(record.id)"))><p>\(StructureForms.text(record.text, page))</p>"
        let linked = item.sources.filter { $0.href != nil }
        if !linked.isEmpty {
            html += "<p class=\"sources\"><span>\(HTML.escape(page.t("conversation.outcomes.sources")))</span> "
            html += linked.map { source in
                let key = source.source.kind == .intervention ? "conversation.outcomes.intervention" : "conversation.outcomes.submission"
                let label = page.t(key, HTML.escape(source.label ?? String(source.source.id)))
                return "<a \(HTML.attribute("href", source.href ?? "")) class=\"source \(source.source.kind.rawValue)\">\(label)</a>"
            }.joined(separator: " · ")
            html += "</p>"
        }
        if secretariat {
            html += "<div class=\"item-actions\">"
            if !first { html += StructureForms.button("/outcomes/\(record.id)/move", page.t("conversation.moveUp"), page, fields: [("direction", "up")]) }
            if !last { html += StructureForms.button("/outcomes/\(record.id)/move", page.t("conversation.moveDown"), page, fields: [("direction", "down")]) }
            html += StructureForms.button("/outcomes/\(record.id)/delete", page.t("conversation.delete.item"), page, danger: true, confirm: true)
            html += "<details><summary>\(HTML.escape(page.t("conversation.edit.item")))</summary>"
            html += "<form method=\"post\" \(HTML.attribute("action", "/outcomes/\(record.id)/edit"))>\(page.csrfField)"
            html += fields(page, kind: record.kind, text: record.text, sources: record.sources, idPrefix: "outcome-\(record.id)-")
            html += "<button type=\"submit\">\(HTML.escape(page.t("conversation.save")))</button></form></details></div>"
        }
        return html + "</li>"
    }

    static func fields(_ page: PageContext, kind: OutcomeKind, text: LocalizedText, sources: [OutcomeSource], idPrefix: String) -> String {
        var html = "<div class=\"field\"><label \(HTML.attribute("for", idPrefix + "kind"))>\(HTML.escape(page.t("conversation.outcomes.list")))</label>"
        html += "<select \(HTML.attribute("id", idPrefix + "kind")) name=\"kind\">"
        html += HTML.options(OutcomeKind.allCases.map { ($0.rawValue, page.t("conversation.outcomes.\($0.rawValue)")) }, selected: kind.rawValue)
        html += "</select></div>"
        html += StructureForms.localized("text", page.t("conversation.outcomes.text"), text, page, multiline: true, idPrefix: idPrefix)
        html += StructureForms.area(
            "sources", page.t("conversation.outcomes.sourcesField"), value: sources.map { "\($0.kind.rawValue) \($0.id)" }.joined(separator: "\n"),
            hint: page.t("conversation.outcomes.sourcesHint"), id: idPrefix + "sources", rows: 3)
        return html
    }

    /// The sources field: one per line, `intervention 123`, `submission 456`, or a link to either
    /// (`/submissions/456`, `…/archive#intervention-123`).
    static func parseSources(_ text: String) throws -> [OutcomeSource] {
        var result: [OutcomeSource] = []
        for (index, rawLine) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let location = InputLocation(field: "sources (line \(index + 1))", value: line)
            let lower = line.lowercased()
            var kind: OutcomeSource.Kind? = nil
            var digits = ""
            if let range = lower.range(of: "intervention") {
                kind = .intervention
                digits = String(lower[range.upperBound...])
            } else if let range = lower.range(of: "submission") {
                kind = .submission
                digits = String(lower[range.upperBound...])
            }
            let number = digits.drop { !$0.isNumber }.prefix { $0.isNumber }
            guard let kind, let id = Int64(number) else {
                throw IPAIError(.invalidInput, "write 'intervention 123' or 'submission 456', one per line", at: location)
            }
            result.append(OutcomeSource(kind: kind, id: id))
        }
        return result
    }
}
