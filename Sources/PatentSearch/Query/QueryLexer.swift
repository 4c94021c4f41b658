import Core

/// One unit of query text: a parenthesis, `=`, a quoted phrase or a bare word (operators are words too;
/// the parser decides by position whether `2D` is an operator or a term).
struct Lexeme: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case open, close, equals, quoted, word, end }

    let kind: Kind
    let text: String
    /// 1-based position of the first character in the query.
    let position: Int
    /// 1-based position just past the last character.
    let endPosition: Int
}

/// Cuts a query into lexemes; positions count Unicode scalars from 1.
enum QueryLexer {
    static func lexemes(_ query: String) throws(IPAIError) -> [Lexeme] {
        let scalars = Array(query.unicodeScalars)
        var result: [Lexeme] = []
        var index = 0
        func isBreak(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || scalar == "(" || scalar == ")" || scalar == "=" || scalar == "\""
                || scalar == "\u{201C}" || scalar == "\u{201D}"
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            let start = index
            switch scalar {
            case "(":
                result.append(Lexeme(kind: .open, text: "(", position: start + 1, endPosition: start + 2))
                index += 1
            case ")":
                result.append(Lexeme(kind: .close, text: ")", position: start + 1, endPosition: start + 2))
                index += 1
            case "=":
                result.append(Lexeme(kind: .equals, text: "=", position: start + 1, endPosition: start + 2))
                index += 1
            case "\"", "\u{201C}", "\u{201D}":
                index += 1
                while index < scalars.count, scalars[index] != "\"", scalars[index] != "\u{201D}", scalars[index] != "\u{201C}" {
                    index += 1
                }
                guard index < scalars.count else {
                    throw QueryError.at(start + 1, "closing '\"' expected after '\(String(String.UnicodeScalarView(scalars[start...])))'")
                }
                let text = String(String.UnicodeScalarView(scalars[(start + 1)..<index]))
                index += 1
                result.append(Lexeme(kind: .quoted, text: text, position: start + 1, endPosition: index + 1))
            default:
                while index < scalars.count, !isBreak(scalars[index]) { index += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<index]))
                result.append(Lexeme(kind: .word, text: text, position: start + 1, endPosition: index + 1))
            }
        }
        result.append(Lexeme(kind: .end, text: "", position: scalars.count + 1, endPosition: scalars.count + 1))
        return result
    }
}

/// Builds the `query_syntax` errors of the parser.
enum QueryError {
    static func at(_ position: Int, _ message: String) -> IPAIError {
        IPAIError(.querySyntax, "position \(position): \(message)")
    }
}

extension IPAIError.Code {
    /// A patent query that does not parse; the message starts with `position N:` (1-based character).
    public static let querySyntax = Self("query_syntax")
}
