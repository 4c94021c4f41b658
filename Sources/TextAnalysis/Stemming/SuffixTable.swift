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
