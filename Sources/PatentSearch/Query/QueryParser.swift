import Classifications
import Core

/// Recursive-descent parser of the patent query language (see ``PatentQuery``).
///
/// Precedence, tightest first: proximity (`nW`, `nD`), then `AND` / `NOT` / adjacency, then `OR`.
struct QueryParser {
    /// What the words of a scope mean.
    enum Scope {
        case text(TextFields)
        case classification
        case year(priority: Bool)
        case date
        case country
    }

    let source: [Unicode.Scalar]
    let lexemes: [Lexeme]
    var index = 0

    init(_ text: String) throws(IPAIError) {
        source = Array(text.unicodeScalars)
        lexemes = try QueryLexer.lexemes(text)
    }

    static func parse(_ text: String) throws(IPAIError) -> QueryNode {
        var parser = try QueryParser(text)
        guard parser.lexemes.count > 1 else { throw QueryError.at(1, "the query is empty") }
        let node = try parser.parseOr(.text(.titleAbstract))
        let next = parser.current
        if next.kind == .close {
            throw QueryError.at(next.position, "')' without a matching '(' after '\(parser.text(before: next))'")
        }
        guard next.kind == .end else {
            throw QueryError.at(next.position, "operator or end of query expected before '\(next.text)'")
        }
        return node
    }

    // MARK: Lexeme helpers

    var current: Lexeme { lexemes[index] }

    func isKeyword(_ lexeme: Lexeme, _ keyword: String) -> Bool {
        lexeme.kind == .word && lexeme.text.uppercased() == keyword
    }

    /// `nW` / `nD` as (distance, ordered), if the lexeme is a proximity operator.
    func proximity(_ lexeme: Lexeme) -> (Int, Bool)? {
        guard lexeme.kind == .word, lexeme.text.count >= 2 else { return nil }
        let letter = lexeme.text.last!.uppercased()
        guard letter == "W" || letter == "D", let distance = Int(lexeme.text.dropLast()), distance >= 0 else { return nil }
        return (distance, letter == "W")
    }

    /// The query text from the start (or `from`) up to a lexeme, trimmed, for messages.
    func text(before lexeme: Lexeme, from start: Int = 1) -> String {
        let end = max(start, min(lexeme.position, source.count + 1))
        let slice = source[(start - 1)..<(end - 1)]
        var text = String(String.UnicodeScalarView(slice)).trimmingWhitespace()
        if text.count > 60 { text = "…" + String(text.suffix(57)) }
        return text
    }

    /// Whether the current lexeme can start an operand (for implicit AND).
    func startsOperand(_ lexeme: Lexeme) -> Bool {
        switch lexeme.kind {
        case .open, .quoted: return true
        case .word:
            return !isKeyword(lexeme, "AND") && !isKeyword(lexeme, "OR") && !isKeyword(lexeme, "NOT")
                && proximity(lexeme) == nil
        default: return false
        }
    }

    // MARK: Grammar

    mutating func parseOr(_ scope: Scope) throws(IPAIError) -> QueryNode {
        var children = [try parseAnd(scope)]
        while isKeyword(current, "OR") {
            index += 1
            children.append(try parseAnd(scope))
        }
        return children.count == 1 ? children[0] : .or(children)
    }

    mutating func parseAnd(_ scope: Scope) throws(IPAIError) -> QueryNode {
        var node = try parseProximity(scope)
        var conjuncts: [QueryNode] = []
        while true {
            if isKeyword(current, "AND") {
                index += 1
                conjuncts.append(node)
                node = try parseProximity(scope)
            } else if isKeyword(current, "NOT") {
                index += 1
                let excluded = try parseProximity(scope)
                conjuncts.append(node)
                node = .not(conjuncts.count == 1 ? conjuncts[0] : .and(conjuncts), excluded)
                conjuncts = []
            } else if startsOperand(current) {
                conjuncts.append(node)
                node = try parseProximity(scope)
            } else {
                break
            }
        }
        if conjuncts.isEmpty { return node }
        return .and(conjuncts + [node])
    }

    mutating func parseProximity(_ scope: Scope) throws(IPAIError) -> QueryNode {
        let start = current
        var node = try parseUnary(scope)
        while let (distance, ordered) = proximity(current) {
            let operatorLexeme = current
            guard node.hasSpans else {
                throw QueryError.at(
                    operatorLexeme.position,
                    "'\(operatorLexeme.text)' needs words, phrases or an OR-group of them on its left, not '\(text(before: operatorLexeme, from: start.position))'")
            }
            index += 1
            let rightStart = current
            let right = try parseUnary(scope)
            guard right.hasSpans else {
                throw QueryError.at(
                    rightStart.position,
                    "'\(operatorLexeme.text)' needs words, phrases or an OR-group of them on its right, not '\(text(before: current, from: rightStart.position))'")
            }
            node = .proximity(node, right, distance: distance, ordered: ordered)
        }
        return node
    }

    mutating func parseUnary(_ scope: Scope) throws(IPAIError) -> QueryNode {
        if isKeyword(current, "NOT") {
            index += 1
            return .notAll(try parseProximity(scope))
        }
        return try parsePrimary(scope)
    }

    mutating func parsePrimary(_ scope: Scope) throws(IPAIError) -> QueryNode {
        let lexeme = current
        switch lexeme.kind {
        case .open:
            index += 1
            if current.kind == .close { throw QueryError.at(current.position, "empty parentheses: a search term expected") }
            let node = try parseOr(scope)
            guard current.kind == .close else {
                throw QueryError.at(
                    current.position,
                    "')' expected after '\(text(before: current, from: lexeme.position + 1))'"
                        + (current.kind == .end ? "" : ", found '\(current.text)'"))
            }
            index += 1
            return node
        case .close:
            throw QueryError.at(lexeme.position, "a search term expected before ')'" + context(lexeme))
        case .equals:
            throw QueryError.at(lexeme.position, "a field name (TI, AB, CLM, TX, PA, IC, PY, …) expected before '='")
        case .end:
            throw QueryError.at(lexeme.position, "a search term expected at the end of the query" + context(lexeme))
        case .quoted:
            index += 1
            return try words(lexeme, scope: scope)
        case .word:
            if lexemes[index + 1].kind == .equals {
                return try parseField(lexeme)
            }
            if isKeyword(lexeme, "AND") || isKeyword(lexeme, "OR") || proximity(lexeme) != nil {
                throw QueryError.at(
                    lexeme.position, "a search term expected before '\(lexeme.text)'" + context(lexeme)
                        + " (quote it to search for the word: \"\(lexeme.text)\")")
            }
            index += 1
            return try words(lexeme, scope: scope)
        }
    }

    func context(_ lexeme: Lexeme) -> String {
        let before = text(before: lexeme)
        return before.isEmpty ? "" : " after '\(before)'"
    }

    /// `NAME=operand`: the operand is a word, a quoted phrase or a parenthesised expression in the field's scope.
    mutating func parseField(_ name: Lexeme) throws(IPAIError) -> QueryNode {
        let scope: Scope
        switch name.text.uppercased() {
        case "TI": scope = .text(.title)
        case "AB": scope = .text(.abstract)
        case "CLM", "CLMS", "CLAIMS": scope = .text(.claims)
        case "DESC", "DE": scope = .text(.description)
        case "TX", "FT", "ALL": scope = .text(.fullText)
        case "TIAB": scope = .text(.titleAbstract)
        case "TIABCLM", "TAC": scope = .text(.titleAbstractClaims)
        case "PA", "AP", "APPLICANT": scope = .text(.applicants)
        case "IC", "CPC", "CL", "IPC": scope = .classification
        case "PY": scope = .year(priority: false)
        case "PRY": scope = .year(priority: true)
        case "PD": scope = .date
        case "CC", "PN_CC", "OFFICE": scope = .country
        default:
            throw QueryError.at(
                name.position,
                "unknown field '\(name.text)'; use TI, AB, CLM, DESC, TX, TIAB, TIABCLM, PA, IC, CPC, CL, PY, PRY, PD or CC")
        }
        index += 2
        if current.kind == .end || current.kind == .close {
            throw QueryError.at(current.position, "a value expected after '\(name.text)='")
        }
        return try parseUnary(scope)
    }

    /// A word or quoted phrase in a scope.
    mutating func words(_ lexeme: Lexeme, scope: Scope) throws(IPAIError) -> QueryNode {
        switch scope {
        case .text(let fields):
            let words = Tokenizer.words(lexeme.text, wildcards: true)
            guard !words.isEmpty else {
                throw QueryError.at(lexeme.position, "'\(lexeme.text)' has no letter or digit to search for")
            }
            let patterns = words.map { TermPattern(Array($0.utf8)) }
            if let bare = patterns.first(where: { $0.literalPrefixCount == 0 && $0.bytes.allSatisfy { $0 == 0x2B || $0 == 0x3F || $0 == 0x23 } }) {
                throw QueryError.at(lexeme.position, "'\(bare)' is only truncation marks: add letters")
            }
            return patterns.count == 1 ? .term(patterns[0], fields) : .phrase(patterns, fields)
        case .classification:
            return try classification(lexeme)
        case .year(let priority):
            guard let range = Self.range(lexeme.text, parse: { Int($0).flatMap { (1000...9999).contains($0) ? $0 : nil } }) else {
                throw QueryError.at(lexeme.position, "'\(lexeme.text)' is not a year or year range (2010, 2010-2015, 2010-, -2015)")
            }
            return .year(range, priority: priority)
        case .date:
            guard let range = Self.dateRange(lexeme.text) else {
                throw QueryError.at(
                    lexeme.position,
                    "'\(lexeme.text)' is not a date or date range (20190415, 2019-04-15, 20100101-20151231, 2010-01-01..2015-12-31, 2019)")
            }
            return .date(range)
        case .country:
            let code = lexeme.text.uppercased()
            guard !code.isEmpty, code.count <= 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw QueryError.at(lexeme.position, "'\(lexeme.text)' is not a country or office code (US, EP, WO, CN)")
            }
            return .country(code)
        }
    }

    /// A symbol or range; `G06N 3/04` arrives as two words and is joined here.
    mutating func classification(_ lexeme: Lexeme) throws(IPAIError) -> QueryNode {
        var text = lexeme.text
        let next = current
        if next.kind == .word, let first = next.text.unicodeScalars.first, ("0"..."9").contains(first),
            text.count == 4, text.last!.isLetter
        {
            text += " " + next.text
            index += 1
        }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "\u{2013}" }
        do throws(IPAIError) {
            if parts.count == 2 {
                let lower = try ClassificationSymbol(parsing: parts[0])
                var upperText = String(parts[1]).trimmingWhitespace()
                if let first = upperText.unicodeScalars.first, ("0"..."9").contains(first) {
                    upperText = String(lower.compact.prefix(4)) + upperText  // `G06N5/003-5/027`
                }
                let upper = try ClassificationSymbol(parsing: upperText)
                guard lower <= upper else {
                    throw QueryError.at(lexeme.position, "the range '\(text)' ends before it starts")
                }
                let digits = Self.subgroupDigits(upperText)
                return .classification(
                    ClassificationPattern(
                        from: lower, to: upper, text: "\(lower.compact)-\(digits == 1 ? upperText.uppercased() : upper.compact)",
                        upperSubgroupDigits: digits))
            }
            let symbol = try ClassificationSymbol(parsing: text)
            let digits = Self.subgroupDigits(text)
            return .classification(
                ClassificationPattern(
                    symbol: symbol, text: digits == 1 ? text.uppercased().filter { $0 != " " } : symbol.compact,
                    subgroupDigits: digits))
        } catch {
            if error.code == .querySyntax { throw error }
            throw QueryError.at(lexeme.position, "'\(text)' is not a classification symbol or range: \(error.message)")
        }
    }

    /// The number of digits written after `/` (`17/2` → 1), or nil without a `/`.
    static func subgroupDigits(_ text: String) -> Int? {
        guard let slash = text.lastIndex(of: "/") else { return nil }
        return text[text.index(after: slash)...].prefix { $0.isASCII && $0.isNumber }.count
    }

    static func range(_ text: String, parse: (Substring) -> Int?) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return parse(parts[0]).map { $0...$0 }
        case 2:
            let low = parts[0].isEmpty ? Int.min / 2 : parse(parts[0])
            let high = parts[1].isEmpty ? Int.max / 2 : parse(parts[1])
            guard let low, let high, low <= high, !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
            return low...high
        default: return nil
        }
    }

    /// `yyyymmdd`, `yyyy-mm-dd`, `yyyy-mm`, `yyyy`, and ranges with `..` (any form) or `-` (compact forms).
    static func dateRange(_ text: String) -> ClosedRange<Int>? {
        func bounds(_ value: Substring) -> (Int, Int)? {
            let digits = value.filter { $0 != "-" }
            guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let number = Int(digits) else { return nil }
            switch digits.count {
            case 4: return (number * 10000 + 101, number * 10000 + 1231)
            case 6: return (number * 100 + 1, number * 100 + 31)
            case 8: return (number, number)
            default: return nil
            }
        }
        if let dots = text.range(of: "..") {
            let low = text[..<dots.lowerBound], high = text[dots.upperBound...]
            guard let a = low.isEmpty ? (0, 0) : bounds(low), let b = high.isEmpty ? (99_999_999, 99_999_999) : bounds(high),
                a.0 <= b.1
            else { return nil }
            return a.0...b.1
        }
        let counts = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        if counts == [4] || counts == [8] || counts == [4, 2] || counts == [4, 2, 2], let single = bounds(Substring(text)) {
            return single.0...single.1
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        guard let a = parts[0].isEmpty ? (0, 0) : bounds(parts[0]),
            let b = parts[1].isEmpty ? (99_999_999, 99_999_999) : bounds(parts[1]), a.0 <= b.1
        else { return nil }
        return a.0...b.1
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
