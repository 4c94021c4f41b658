import Classifications
import Core

/// A classification restriction: a symbol with everything below it, or an inclusive range of symbols.
///
/// Symbols are compared in WIPO's 14-character form (`G06N0003040000`; `G06N` for a subclass), which sorts
/// in scheme order. A symbol's subtree is the set of keys starting with its *significant prefix*: `G06N`
/// for the subclass, `G06N0003` for main group 3 (every `G06N 3/xx`), `G06N000304` for `G06N 3/04` (also
/// `3/042`, `3/0455`: prefix on the subgroup digits, since the notation carries no dot hierarchy). A query
/// written with one subgroup digit (`G06F17/2`, as CSET's code lists write them) keeps that one digit.
struct ClassificationPattern: Sendable, Hashable, CustomStringConvertible {
    /// The significant prefix of the symbol, or of a range's lower end.
    let prefix: [UInt8]
    /// For a range: the lower end's full key and the upper end's significant prefix.
    let range: (lower: [UInt8], upperPrefix: [UInt8])?
    let text: String

    /// - Parameter subgroupDigits: how many subgroup digits the query wrote, when it wrote one (`17/2`): the
    ///   prefix keeps exactly that many, so `G06F17/2` covers `17/20` … `17/28`. Otherwise at least two.
    init(symbol: ClassificationSymbol, text: String, subgroupDigits: Int? = nil) {
        prefix = Array(Self.significantPrefix(symbol, subgroupDigits: subgroupDigits).utf8)
        range = nil
        self.text = text
    }

    init(from lower: ClassificationSymbol, to upper: ClassificationSymbol, text: String, upperSubgroupDigits: Int? = nil) {
        prefix = Array(Self.significantPrefix(lower).utf8)
        range = (Array(lower.wipo14.utf8), Array(Self.significantPrefix(upper, subgroupDigits: upperSubgroupDigits).utf8))
        self.text = text
    }

    var description: String { text }

    /// The key under which the index files a symbol.
    static func key(_ symbol: ClassificationSymbol) -> [UInt8] { Array(symbol.wipo14.utf8) }

    static func significantPrefix(_ symbol: ClassificationSymbol, subgroupDigits: Int? = nil) -> String {
        let key = symbol.wipo14
        switch symbol.level {
        case .section, .class, .subclass: return key
        case .mainGroup: return String(key.prefix(8))
        case .subgroup:
            var digits = Array(key.utf8.dropFirst(8))
            if let subgroupDigits, subgroupDigits == 1 {
                digits.removeLast(digits.count - 1)
            }
            while digits.count > 2, digits.last == UInt8(ascii: "0") { digits.removeLast() }
            return String(key.prefix(8)) + String(decoding: digits, as: UTF8.self)
        }
    }

    /// Where a scan of the sorted keys starts, and whether a key matches.
    var scanStart: [UInt8] { range?.lower ?? prefix }

    func matches(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if let range {
            return !Self.less(key, range.lower) && (!Self.greater(key, range.upperPrefix) || Self.hasPrefix(key, range.upperPrefix))
        }
        return Self.hasPrefix(key, prefix)
    }

    /// Whether no key at or after `key` (in sorted order) can match: the scan can stop.
    func isPast(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if let range { return Self.greater(key, range.upperPrefix) && !Self.hasPrefix(key, range.upperPrefix) }
        return Self.greater(key, prefix) && !Self.hasPrefix(key, prefix)
    }

    static func hasPrefix(_ key: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard key.count >= prefix.count else { return false }
        for index in prefix.indices where key[index] != prefix[index] { return false }
        return true
    }

    static func compare(_ key: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Int {
        let shared = min(key.count, other.count)
        for index in 0..<shared where key[index] != other[index] {
            return key[index] < other[index] ? -1 : 1
        }
        return key.count == other.count ? 0 : (key.count < other.count ? -1 : 1)
    }

    static func less(_ key: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool { compare(key, other) < 0 }
    static func greater(_ key: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool { compare(key, other) > 0 }

    static func == (lhs: ClassificationPattern, rhs: ClassificationPattern) -> Bool {
        lhs.prefix == rhs.prefix && lhs.range?.lower == rhs.range?.lower
            && lhs.range?.upperPrefix == rhs.range?.upperPrefix
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(prefix)
        hasher.combine(range?.lower)
        hasher.combine(range?.upperPrefix)
    }
}
