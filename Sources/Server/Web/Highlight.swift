/// Re-renders a text as HTML with byte ranges marked: the decisive terms the engine found.
enum Highlight {
    /// One occurrence to mark: UTF-8 byte offsets `[start, end)` of the text, which suggestion it
    /// decided and the analysed term.
    struct Mark: Sendable {
        var range: Range<Int>
        var suggestion: Int
        var term: String
    }

    /// The escaped text with `<mark>` around every marked stretch; overlapping occurrences
    /// (a word and a word pair) merge into one mark listing all their suggestions and terms.
    static func render(_ text: String, marks: [Mark]) -> String {
        let bytes = Array(text.utf8)
        let valid = marks.compactMap { mark -> Mark? in
            let lower = max(0, mark.range.lowerBound)
            let upper = min(bytes.count, mark.range.upperBound)
            guard lower < upper else { return nil }
            return Mark(range: lower..<upper, suggestion: mark.suggestion, term: mark.term)
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }

        var html = ""
        var position = 0
        var index = 0
        while index < valid.count {
            // One cluster of overlapping marks.
            var cluster = valid[index].range
            var suggestions: Set<Int> = [valid[index].suggestion]
            var terms: [String] = [valid[index].term]
            index += 1
            while index < valid.count && valid[index].range.lowerBound < cluster.upperBound {
                cluster = cluster.lowerBound..<max(cluster.upperBound, valid[index].range.upperBound)
                suggestions.insert(valid[index].suggestion)
                if !terms.contains(valid[index].term) { terms.append(valid[index].term) }
                index += 1
            }
            let start = max(cluster.lowerBound, position)
            if start > position { html += HTML.escape(String(decoding: bytes[position..<start], as: UTF8.self)) }
            let marked = String(decoding: bytes[start..<cluster.upperBound], as: UTF8.self)
            let list = suggestions.sorted().map(String.init).joined(separator: " ")
            html += "<mark class=\"term\" \(HTML.attribute("data-s", list)) \(HTML.attribute("title", terms.joined(separator: ", ")))>"
            html += HTML.escape(marked) + "</mark>"
            position = cluster.upperBound
        }
        if position < bytes.count { html += HTML.escape(String(decoding: bytes[position...], as: UTF8.self)) }
        return html
    }
}
