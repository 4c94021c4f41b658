import Core

/// A parsed patent search query in IPAI's query language, modelled on professional patent search
/// systems (Questel Orbit, EPOQUE). See `docs/landscape-query.md` for the full reference.
///
/// - `AND`, `OR`, `NOT` in any case, parentheses; adjacent operands are joined by `AND`.
///   Precedence, tightest first: proximity, then `AND`/`NOT`, then `OR`. `a NOT b` is `a` without `b`;
///   a leading `NOT a` is every document but `a`.
/// - Bare words search the title or the abstract (`TIAB`). Scopes: `TI=`, `AB=`, `CLM=`, `DESC=`,
///   `TX=` (every text field), `TIAB=`, `PA=` (applicants), `IC=`/`CPC=`/`CL=` (classification),
///   `PY=` / `PRY=` (publication / priority year: `2010`, `2010-2015`, `2010-`, `-2015`), `PD=` (publication
///   date: `20100101-20151231`, `2010-01-01..2015-12-31`), `CC=` (country or office). A scope applies to one
///   operand or a parenthesised expression: `TI=(neural 1W network+ OR "deep learning")`.
/// - Truncation: `+` any ending (zero or more characters), `?` zero or one character, `#` exactly one
///   character, anywhere in a word: `comput+`, `chatbot?`, `connectionis#`, `wom#n`.
/// - Proximity: `nW` in this order with at most n words between, `nD` in either order; `0W` is adjacent.
///   Operands are words, phrases, OR-groups of them and other proximity groups. A group is the span from
///   its first to its last word, so `(natural 1D language) 1W processing` measures from the group's end.
///   Proximity never crosses fields or applicants.
/// - Phrases in quotes; a hyphenated word is a phrase (`semi-supervised` = `"semi supervised"`).
/// - Classification: `G06N` (subclass), `G06N3` or `G06N 3` (main group 3 and its subgroups), `G06N3/04`
///   (itself and subgroups whose digits extend it, e.g. `3/042`), ranges `G06N5/003-G06N5/027` or
///   `G06N5/003-5/027`. IPC and CPC in any notation.
///
/// ```swift
/// let query = try PatentQuery(parsing: "(artific+ OR computation+) 1W intelligen+ OR IC=G06N")
/// let hits = index.search(query)
/// ```
public struct PatentQuery: Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let root: QueryNode

    /// Parses a query.
    ///
    /// - Throws: `IPAIError` with code `query_syntax` whose message starts with the 1-based character
    ///   position, names the offending token and says what was expected, e.g.
    ///   `position 19: ')' expected after 'neural 1W network+'`.
    public init(parsing text: String) throws(IPAIError) {
        self.text = text
        root = try QueryParser.parse(text)
    }

    /// The query fully parenthesised, with every scope written out: how IPAI understood it.
    public var description: String { Self.render(root) }

    public static func == (lhs: PatentQuery, rhs: PatentQuery) -> Bool { lhs.root == rhs.root }
    public func hash(into hasher: inout Hasher) { hasher.combine(root) }

    static func render(_ node: QueryNode) -> String {
        func scoped(_ fields: TextFields, _ body: String) -> String {
            fields.scopeName.map { "\($0)=\(body)" } ?? body
        }
        switch node {
        case .term(let pattern, let fields): return scoped(fields, pattern.description)
        case .phrase(let patterns, let fields):
            return scoped(fields, "\"" + patterns.map(\.description).joined(separator: " ") + "\"")
        case .proximity(let left, let right, let distance, let ordered):
            return "(\(render(left)) \(distance)\(ordered ? "W" : "D") \(render(right)))"
        case .and(let children): return "(" + children.map(render).joined(separator: " AND ") + ")"
        case .or(let children): return "(" + children.map(render).joined(separator: " OR ") + ")"
        case .not(let left, let right): return "(\(render(left)) NOT \(render(right)))"
        case .notAll(let child): return "(NOT \(render(child)))"
        case .classification(let pattern): return "IC=\(pattern)"
        case .year(let range, let priority):
            return (priority ? "PRY=" : "PY=") + renderRange(range)
        case .date(let range): return "PD=" + renderRange(range)
        case .country(let code): return "CC=\(code)"
        }
    }

    static func renderRange(_ range: ClosedRange<Int>) -> String {
        if range.lowerBound == range.upperBound { return "\(range.lowerBound)" }
        let low = range.lowerBound <= 0 ? "" : "\(range.lowerBound)"
        let high = range.upperBound >= 99_999_999 ? "" : "\(range.upperBound)"
        return "\(low)-\(high)"
    }
}
