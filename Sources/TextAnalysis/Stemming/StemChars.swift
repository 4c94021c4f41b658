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
