import Classifications
import Core
import Foundation
import Testing

@testable import PatentSearch

/// An independent, slow evaluator over the raw texts: words come from Swift's `Character` properties, truncation
/// from regular expressions, proximity from enumerating word positions. The index must agree with it.
struct BruteForce {
    struct Document {
        /// Per field (title, abstract, claims, description, applicants): segments (each applicant is one), words.
        var fields: [[[String]]]
        var symbols: [ClassificationSymbol]
        var year: Int?
        var priorityYear: Int?
        var date: Int?
        var country: String?
    }

    struct Span: Hashable {
        var field: Int
        var segment: Int
        var start: Int
        var end: Int
    }

    let documents: [Document]
    let vocabulary: [String]
    private let cache = PatternCache()

    final class PatternCache: @unchecked Sendable {  // test-only, single-threaded
        var words: [[UInt8]: Set<String>] = [:]
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || ($0.isNumber && $0.isASCII)) }.map(String.init)
    }

    init(_ documents: [SearchDocument]) {
        var vocabulary = Set<String>()
        self.documents = documents.map { document in
            let fields = [document.title, document.abstract, document.claims, document.description].map { [Self.words($0)] }
                + [document.applicants.map(Self.words)]
            for field in fields { for segment in field { vocabulary.formUnion(segment) } }
            return Document(
                fields: fields, symbols: document.classifications.compactMap { try? ClassificationSymbol(parsing: $0) },
                year: document.publicationYear ?? document.publicationDate.map { $0 / 10000 },
                priorityYear: document.priorityYear, date: document.publicationDate, country: document.country?.uppercased())
        }
        self.vocabulary = vocabulary.sorted()
    }

    /// The vocabulary words a pattern matches (`+` → `.*`, `?` → `.?`, `#` → `.`).
    func matching(_ pattern: TermPattern) -> Set<String> {
        if let known = cache.words[pattern.bytes] { return known }
        var regex = "^"
        for character in pattern.description {
            switch character {
            case "+": regex += ".*"
            case "?": regex += ".?"
            case "#": regex += "."
            default: regex += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        regex += "$"
        let expression = try! NSRegularExpression(pattern: regex)
        let found = Set(vocabulary.filter { word in
            expression.firstMatch(in: word, range: NSRange(word.startIndex..., in: word)) != nil
        })
        cache.words[pattern.bytes] = found
        return found
    }

    func evaluate(_ node: QueryNode) -> [Int] {
        documents.indices.filter { matches(node, documents[$0]) }
    }

    func matches(_ node: QueryNode, _ document: Document) -> Bool {
        switch node {
        case .term, .phrase, .proximity: return !spans(node, document).isEmpty
        case .and(let children): return children.allSatisfy { matches($0, document) }
        case .or(let children): return children.contains { matches($0, document) }
        case .not(let kept, let removed): return matches(kept, document) && !matches(removed, document)
        case .notAll(let removed): return !matches(removed, document)
        case .classification(let pattern): return document.symbols.contains { Self.symbol($0, matches: pattern) }
        case .year(let range, let priority):
            guard let year = priority ? document.priorityYear : document.year else { return false }
            return range.contains(year)
        case .date(let range): return document.date.map(range.contains) ?? false
        case .country(let code): return document.country == code
        }
    }

    /// Symbol semantics written independently: subtree by `contains` for levels down to main group,
    /// digit-prefix for subgroups, `<=` order for ranges.
    static func symbol(_ symbol: ClassificationSymbol, matches pattern: ClassificationPattern) -> Bool {
        let query = try! ClassificationSymbol(parsing: String(pattern.text.split(separator: "-").first!))
        func within(_ parent: ClassificationSymbol) -> Bool {
            if parent.level < .subgroup { return parent.contains(symbol) }
            guard symbol.level == .subgroup, symbol.truncated(to: .mainGroup) == parent.truncated(to: .mainGroup) else {
                return false
            }
            let digits = { (s: ClassificationSymbol) in String(s.compact.split(separator: "/").last!) }
            return digits(symbol).hasPrefix(digits(parent))
        }
        let parts = pattern.text.split(separator: "-")
        if parts.count == 2 {
            let upper = try! ClassificationSymbol(parsing: String(parts[1]))
            return (query <= symbol && symbol <= upper) || within(upper)
        }
        return within(query)
    }

    func spans(_ node: QueryNode, _ document: Document) -> Set<Span> {
        switch node {
        case .term(let pattern, let fields):
            let words = matching(pattern)
            var result = Set<Span>()
            for field in fields.fieldNumbers {
                for (segment, list) in document.fields[field].enumerated() {
                    for (position, word) in list.enumerated() where words.contains(word) {
                        result.insert(Span(field: field, segment: segment, start: position, end: position))
                    }
                }
            }
            return result
        case .phrase(let patterns, let fields):
            var result = spans(.term(patterns[0], fields), document)
            for pattern in patterns.dropFirst() {
                result = near(result, spans(.term(pattern, fields), document), 0, true)
            }
            return result
        case .proximity(let left, let right, let distance, let ordered):
            return near(spans(left, document), spans(right, document), distance, ordered)
        case .or(let children):
            return children.reduce(into: Set<Span>()) { $0.formUnion(spans($1, document)) }
        default:
            return []
        }
    }

    func near(_ left: Set<Span>, _ right: Set<Span>, _ distance: Int, _ ordered: Bool) -> Set<Span> {
        var result = Set<Span>()
        for a in left {
            for b in right where a.field == b.field && a.segment == b.segment {
                if b.start > a.end && b.start - a.end - 1 <= distance {
                    result.insert(Span(field: a.field, segment: a.segment, start: a.start, end: b.end))
                } else if !ordered && a.start > b.end && a.start - b.end - 1 <= distance {
                    result.insert(Span(field: a.field, segment: a.segment, start: b.start, end: a.end))
                }
            }
        }
        return result
    }
}

/// Builds random query texts from a corpus's words and symbols.
struct QueryGenerator {
    var random: SeededGenerator
    let documents: [SearchDocument]
    let abstracts: [[String]]

    init(seed: UInt64, documents: [SearchDocument]) {
        random = SeededGenerator(seed: seed)
        self.documents = documents
        abstracts = documents.map { BruteForce.words($0.abstract) }.filter { $0.count > 3 }
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func word() -> String {
        let words = pick(abstracts)
        return pick(words)
    }

    /// Operator words (`and`, `or`, `not`, `2d`, `3w`) must be quoted to be searched.
    static func quoted(_ word: String) -> String {
        let isProximity = word.count >= 2 && (word.last == "w" || word.last == "d") && word.dropLast().allSatisfy(\.isNumber)
        return ["and", "or", "not"].contains(word) || isProximity ? "\"\(word)\"" : word
    }

    /// A word, maybe truncated.
    mutating func termText() -> String {
        let base = word()
        switch Int.random(in: 0..<7, using: &random) {
        case 0 where base.count > 3: return String(base.prefix(Int.random(in: 3...base.count, using: &random))) + "+"
        case 1 where base.count > 2:
            var characters = Array(base)
            characters[Int.random(in: 1..<characters.count, using: &random)] = "#"
            return String(characters)
        case 2: return base + "?"
        case 3 where base.count > 3: return String(base.dropLast()) + "?"
        case 4 where base.count > 4:
            return String(base.prefix(2)) + "+" + String(base.suffix(2))
        default: return Self.quoted(base)
        }
    }

    mutating func spanText(_ depth: Int) -> String {
        switch Int.random(in: 0..<(depth > 0 ? 6 : 3), using: &random) {
        case 0, 1: return termText()
        case 2:
            let words = pick(abstracts)
            let start = Int.random(in: 0..<(words.count - 2), using: &random)
            return "\"" + words[start..<(start + Int.random(in: 2...3, using: &random))].joined(separator: " ") + "\""
        case 3: return "(\(spanText(depth - 1)) OR \(spanText(depth - 1)))"
        default:
            // Two words that occur near each other somewhere, so proximity often hits.
            let words = pick(abstracts)
            let start = Int.random(in: 0..<(words.count - 1), using: &random)
            let end = min(words.count - 1, start + Int.random(in: 1...4, using: &random))
            let ordered = chance(50)
            let distance = Int.random(in: 0...3, using: &random)
            let left = chance(70) ? Self.quoted(words[start]) : spanText(depth - 1)
            let right = chance(70) ? Self.quoted(words[end]) : spanText(depth - 1)
            return "(\(left) \(distance)\(ordered ? "W" : "D") \(right))"
        }
    }

    mutating func valueText() -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let document = pick(documents)
            guard let symbol = document.classifications.first.flatMap({ try? ClassificationSymbol(parsing: $0) }) else {
                return "IC=G06F"
            }
            let level = pick(SymbolLevel.allCases.filter { $0 <= symbol.level && $0 >= .subclass })
            let cut = symbol.truncated(to: level)!
            if level == .subgroup, chance(30) {
                return "IC=\(cut.compact)-\(symbol.truncated(to: .mainGroup)!.compact.prefix(4))\(cut.compact.dropFirst(4).split(separator: "/")[0])/999999"
            }
            return "CPC=" + (chance(50) ? cut.compact : cut.wipo14)
        case 1:
            let start = Int.random(in: 2000...2020, using: &random)
            return chance(50) ? "PY=\(start)-\(start + Int.random(in: 0...5, using: &random))" : "PRY=\(start)-"
        case 2: return "CC=\(pick(["US", "EP", "JP", "CN", "WO"]))"
        default:
            let start = Int.random(in: 2000...2018, using: &random)
            return "PD=\(start)0101-\(Int.random(in: start...2020, using: &random))0630"
        }
    }

    mutating func query(_ depth: Int) -> String {
        let roll = Int.random(in: 0..<(depth > 0 ? 10 : 4), using: &random)
        switch roll {
        case 0, 1: return spanText(2)
        case 2: return valueText()
        case 3: return "\(pick(["TI", "AB", "TX", "CLM", "DESC", "TIABCLM"]))=(\(spanText(1)))"
        case 4: return "PA=(\(pick(["univ+", "siemens", "international 1W machines", "corp", "g#n#ve", "ag"])))"
        case 5: return "(\(query(depth - 1)) AND \(query(depth - 1)))"
        case 6: return "(\(query(depth - 1)) OR \(query(depth - 1)))"
        case 7: return "(\(query(depth - 1)) NOT \(query(depth - 1)))"
        case 8: return "NOT \(query(depth - 1))"
        default: return "\(query(depth - 1)) \(query(depth - 1))"
        }
    }
}

@Suite("Search index against a brute-force scan")
struct BruteForceTests {
    static let applicants = [
        "Université de Genève", "Siemens AG", "International Business Machines Corp", "Ärzte GmbH", "Toyota Jidosha KK",
        "General Electric Company", "Universidad de Chile", "Samsung Electronics Co., Ltd.",
    ]

    /// USPTO abstracts with synthetic titles, claims, descriptions, applicants, dates and offices.
    static func corpus(_ count: Int) -> [SearchDocument]? {
        guard let rows = SharedData.uspto(limit: count) else { return nil }
        var random = SeededGenerator(seed: 42)
        return rows.enumerated().map { number, row in
            let other = rows[(number * 7 + 3) % rows.count].abstract
            let words = other.split(separator: " ")
            let year = Int.random(in: 2000...2020, using: &random)
            let countries = ["US", "EP", "JP", "CN", "WO"]
            return SearchDocument(
                id: row.id, title: words.prefix(Int.random(in: 2...8, using: &random)).joined(separator: " "),
                abstract: row.abstract, claims: number % 3 == 0 ? String(other.prefix(200)) : "",
                description: number % 5 == 0 ? rows[(number + 1) % rows.count].abstract : "",
                applicants: (0..<Int.random(in: 0...2, using: &random)).map { _ in applicants[Int.random(in: 0..<applicants.count, using: &random)] },
                classifications: row.cpc,
                publicationDate: number % 4 == 0 ? nil : year * 10000 + Int.random(in: 1...12, using: &random) * 100 + Int.random(in: 1...28, using: &random),
                publicationYear: number % 4 == 0 ? year : nil, priorityYear: number % 6 == 0 ? nil : year - Int.random(in: 0...2, using: &random),
                country: number % 7 == 0 ? nil : countries[Int.random(in: 0..<countries.count, using: &random)])
        }
    }

    @Test("Random queries (truncation, phrases, proximity, NOT, fields, symbols, years) find what a brute-force scan finds")
    func randomQueries() throws {
        guard let documents = Self.corpus(400) else { return }
        let index = try SearchIndex(documents: documents, threads: 2)
        let reloaded = try SearchIndex(bytes: index.bytes)
        let oracle = BruteForce(documents)
        var generator = QueryGenerator(seed: 2019, documents: documents)
        var nonEmpty = 0
        for _ in 0..<300 {
            let text = generator.query(3)
            let query = try PatentQuery(parsing: text)
            let expected = oracle.evaluate(query.root)
            let found = reloaded.search(query).numbers
            #expect(found == expected, "query: \(text) — parsed as \(query)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 100)
    }

    @Test("The WITT strategy over 400 USPTO abstracts agrees with the brute-force scan")
    func wittOnAbstracts() throws {
        guard let documents = Self.corpus(400) else { return }
        let index = try SearchIndex(documents: documents)
        let query = try PatentQuery(parsing: WITTStrategy.text)
        let expected = BruteForce(documents).evaluate(query.root)
        #expect(index.search(query).numbers == expected)
        #expect(!expected.isEmpty)
    }
}
