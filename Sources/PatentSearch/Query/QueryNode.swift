/// The parsed form of a query: what ``PatentQuery`` holds and the index evaluates.
indirect enum QueryNode: Sendable, Hashable {
    /// One word, possibly with truncation marks, in some text fields.
    case term(TermPattern, TextFields)
    /// Words at consecutive positions in one field.
    case phrase([TermPattern], TextFields)
    /// `left nW right` (ordered) or `left nD right`: at most `distance` words between the two spans.
    case proximity(QueryNode, QueryNode, distance: Int, ordered: Bool)
    case and([QueryNode])
    case or([QueryNode])
    /// `left NOT right`: documents of `left` without those of `right`.
    case not(QueryNode, QueryNode)
    /// A leading `NOT x`: every document but those of `x`.
    case notAll(QueryNode)
    case classification(ClassificationPattern)
    /// Publication year (`PY=`) or priority year (`PRY=`), inclusive.
    case year(ClosedRange<Int>, priority: Bool)
    /// Publication date `yyyymmdd`, inclusive.
    case date(ClosedRange<Int>)
    /// Country or office code, upper case.
    case country(String)

    /// Whether the node can be an operand of a proximity operator: it yields word spans.
    var hasSpans: Bool {
        switch self {
        case .term, .phrase, .proximity: true
        case .or(let children): children.allSatisfy(\.hasSpans)
        default: false
        }
    }
}

/// The text fields a word is searched in, as a bit set.
struct TextFields: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let title = TextFields(rawValue: 1 << 0)
    static let abstract = TextFields(rawValue: 1 << 1)
    static let claims = TextFields(rawValue: 1 << 2)
    static let description = TextFields(rawValue: 1 << 3)
    static let applicants = TextFields(rawValue: 1 << 4)

    /// Title or abstract: where bare words are searched.
    static let titleAbstract: TextFields = [.title, .abstract]
    /// Title, abstract or claims: where WITT-2019 searched its keywords.
    static let titleAbstractClaims: TextFields = [.title, .abstract, .claims]
    /// Every text field of the document (not applicants).
    static let fullText: TextFields = [.title, .abstract, .claims, .description]

    /// The field numbers used in the index (0 title … 4 applicants).
    var fieldNumbers: [Int] { (0..<5).filter { rawValue & (1 << $0) != 0 } }

    /// The query prefix naming these fields, or nil for the default (title or abstract).
    var scopeName: String? {
        switch self {
        case .titleAbstract: nil
        case .title: "TI"
        case .abstract: "AB"
        case .claims: "CLM"
        case .description: "DESC"
        case .fullText: "TX"
        case .titleAbstractClaims: "TIABCLM"
        case .applicants: "PA"
        default: "fields\(rawValue)"
        }
    }
}

/// A query word: lower-cased UTF-8 with the truncation marks `+` (any ending), `?` (zero or one
/// character) and `#` (exactly one character).
struct TermPattern: Sendable, Hashable, CustomStringConvertible {
    let bytes: [UInt8]
    /// The bytes before the first truncation mark: the dictionary range to scan.
    let literalPrefixCount: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        literalPrefixCount = bytes.firstIndex { $0 == 0x2B || $0 == 0x3F || $0 == 0x23 } ?? bytes.count
    }

    var hasWildcards: Bool { literalPrefixCount < bytes.count }
    var description: String { String(decoding: bytes, as: UTF8.self) }
}
