/// Code points of a word being stemmed. Stemmers work on `UInt32` scalars rather than `String` so
/// that suffix tests are plain integer compares and nothing is allocated per step.
typealias StemChars = [UInt32]

extension Array where Element == UInt32 {
    /// The scalars of an ASCII or Unicode literal, for suffix tables.
    init(literal: String) {
        self = literal.unicodeScalars.map(\.value)
    }

    /// Whether the word ends with `suffix`.
    @inline(__always)
    func hasSuffix(_ suffix: [UInt32]) -> Bool {
        let start = count - suffix.count
        guard start >= 0 else { return false }
        for offset in 0..<suffix.count where self[start + offset] != suffix[offset] { return false }
        return true
    }

    /// Replaces everything from `start` to the end with `replacement`.
    @inline(__always)
    mutating func replaceTail(from start: Int, with replacement: [UInt32]) {
        removeSubrange(start...)
        append(contentsOf: replacement)
    }
}

/// A Snowball `among`: a set of suffixes, each with a tag naming its action, searched for the
/// longest one the word ends with.
///
/// Suffixes are bucketed by their last scalar, so a lookup compares a handful of candidates instead
/// of the whole list.
struct SuffixTable<Tag: Sendable>: Sendable {
    private struct Entry: Sendable {
        var suffix: [UInt32]
        var tag: Tag
    }

    private static var bucketCount: Int { 64 }
    private var buckets: [[Entry]]

    init(_ entries: [(String, Tag)]) {
        var buckets = [[Entry]](repeating: [], count: Self.bucketCount)
        for (text, tag) in entries {
            let suffix = [UInt32](literal: text)
            precondition(!suffix.isEmpty, "empty suffix in table")
            buckets[Int(suffix[suffix.count - 1]) & (Self.bucketCount - 1)].append(Entry(suffix: suffix, tag: tag))
        }
        // Longest first, so the first hit is the longest match.
        self.buckets = buckets.map { $0.sorted { $0.suffix.count > $1.suffix.count } }
    }

    /// The longest suffix of `word` in the table that starts at or after `limit`.
    ///
    /// Snowball distinguishes "find the longest suffix, then test its region" (pass `limit: 0` and
    /// test the returned start) from "search only inside a region" (`setlimit`: pass the region start).
    @inline(__always)
    func longestMatch(in word: StemChars, notBefore limit: Int = 0) -> (tag: Tag, start: Int)? {
        guard let last = word.last else { return nil }
        for entry in buckets[Int(last) & (Self.bucketCount - 1)] {
            let start = word.count - entry.suffix.count
            if start >= limit, word.hasSuffix(entry.suffix) { return (entry.tag, start) }
        }
        return nil
    }
}

/// Region helpers shared by the Snowball stemmers.
enum StemRegions {
    /// Snowball's `gopast v gopast non-v`: the position after the first non-vowel that follows a
    /// vowel, searching from `start`; `word.count` when there is none.
    @inline(__always)
    static func afterVowelConsonant(_ word: StemChars, from start: Int, isVowel: (UInt32) -> Bool) -> Int {
        var index = start
        while index < word.count && !isVowel(word[index]) { index += 1 }
        while index < word.count && isVowel(word[index]) { index += 1 }
        return index < word.count ? index + 1 : word.count
    }
}

/// Scalar constants for readable stemmer code.
enum Scalar {
    static let a: UInt32 = 0x61, b: UInt32 = 0x62, c: UInt32 = 0x63, d: UInt32 = 0x64, e: UInt32 = 0x65
    static let f: UInt32 = 0x66, g: UInt32 = 0x67, h: UInt32 = 0x68, i: UInt32 = 0x69, j: UInt32 = 0x6A
    static let k: UInt32 = 0x6B, l: UInt32 = 0x6C, m: UInt32 = 0x6D, n: UInt32 = 0x6E, o: UInt32 = 0x6F
    static let p: UInt32 = 0x70, q: UInt32 = 0x71, r: UInt32 = 0x72, s: UInt32 = 0x73, t: UInt32 = 0x74
    static let u: UInt32 = 0x75, v: UInt32 = 0x76, w: UInt32 = 0x77, x: UInt32 = 0x78, y: UInt32 = 0x79
    static let z: UInt32 = 0x7A
    static let upperH: UInt32 = 0x48, upperI: UInt32 = 0x49, upperU: UInt32 = 0x55, upperY: UInt32 = 0x59
    static let apostrophe: UInt32 = 0x27
    static let aGrave: UInt32 = 0xE0, aCircumflex: UInt32 = 0xE2, aUmlaut: UInt32 = 0xE4
    static let cCedilla: UInt32 = 0xE7, eGrave: UInt32 = 0xE8, eAcute: UInt32 = 0xE9
    static let eCircumflex: UInt32 = 0xEA, eUmlaut: UInt32 = 0xEB, iCircumflex: UInt32 = 0xEE
    static let iUmlaut: UInt32 = 0xEF, oCircumflex: UInt32 = 0xF4, oUmlaut: UInt32 = 0xF6
    static let uGrave: UInt32 = 0xF9, uCircumflex: UInt32 = 0xFB, uUmlaut: UInt32 = 0xFC
    static let sharpS: UInt32 = 0xDF
}
