import Core
import Foundation
import PatentSearch

/// Shows where a query fails to parse: the query's line with a caret under the position that
/// `query_syntax` errors name (`position 17: …`, 1-based, in Unicode scalars over the whole text).
enum QuerySyntaxDisplay {
    /// The 1-based position a `query_syntax` message starts with, or nil.
    static func position(in error: IPAIError) -> Int? {
        guard error.code == .querySyntax else { return nil }
        // Definition errors wrap the parser's message ("the query does not parse: position 17: …").
        guard let range = error.message.range(of: "position ") else { return nil }
        return Int(error.message[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    /// Two lines, the query's line holding `position` and a caret under it; tabs are kept so the caret aligns.
    static func caret(query: String, position: Int) -> String {
        let scalars = Array(query.unicodeScalars)
        let index = max(0, min(scalars.count, position - 1))
        var lineStart = index
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = index
        while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
        let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        let pad = String(String.UnicodeScalarView(scalars[lineStart..<index].map { $0 == "\t" ? "\t" : " " }))
        return "  " + line + "\n  " + pad + "^"
    }

    /// The caret display for `error` on `query`, or nil when the error has no position.
    static func describe(_ error: IPAIError, query: String) -> String? {
        position(in: error).map { caret(query: query, position: $0) }
    }
}

extension QuerySyntaxDisplay {
    /// Parses `text`; a syntax error comes back with the caret display appended to its message and
    /// `location` (a queries file's name and line) attached.
    static func parse(_ text: String, at location: InputLocation? = nil) throws(IPAIError) -> PatentQuery {
        do {
            return try PatentQuery(parsing: text)
        } catch {
            guard let display = describe(error, query: text) else { throw error }
            throw IPAIError(error.code, error.message + "\n" + display, at: location ?? error.location)
        }
    }
}
