/// A set of document numbers of one index, stored as a bitset: counting, membership and set algebra are
/// word operations, so per-category counts and co-occurrence over a million documents take microseconds.
///
/// ```swift
/// let ai = try index.search("G06N OR machine 1W learning+")
/// let vision = try index.search("G06V OR image 1W recogni+")
/// let both = ai.intersectionCount(vision)
/// for number in ai { print(index.documentID(number)) }
/// ```
public struct DocumentSet: Sendable, Hashable, Sequence {
    /// The number of document numbers the set can hold (`0..<capacity`).
    public let capacity: Int
    var words: [UInt64]

    /// An empty set over `0..<capacity`.
    public init(capacity: Int) {
        self.capacity = Swift.max(0, capacity)
        words = [UInt64](repeating: 0, count: (self.capacity + 63) >> 6)
    }

    /// The set of every number in `0..<capacity`.
    static func full(capacity: Int) -> DocumentSet {
        var set = DocumentSet(capacity: capacity)
        for index in set.words.indices { set.words[index] = ~0 }
        set.clearTail()
        return set
    }

    /// The number of documents in the set.
    public var count: Int {
        var total = 0
        for word in words { total &+= word.nonzeroBitCount }
        return total
    }

    public var isEmpty: Bool { !words.contains { $0 != 0 } }

    public func contains(_ number: Int) -> Bool {
        guard number >= 0, number < capacity else { return false }
        return words[number >> 6] & (1 << UInt64(number & 63)) != 0
    }

    /// Adds a document number; numbers outside `0..<capacity` are ignored.
    public mutating func insert(_ number: Int) {
        guard number >= 0, number < capacity else { return }
        words[number >> 6] |= 1 << UInt64(number & 63)
    }

    public func union(_ other: DocumentSet) -> DocumentSet { combined(other) { $0 | $1 } }
    public func intersection(_ other: DocumentSet) -> DocumentSet { combined(other) { $0 & $1 } }
    public func subtracting(_ other: DocumentSet) -> DocumentSet { combined(other) { $0 & ~$1 } }

    /// The size of the intersection, without building it: a category × category co-occurrence cell.
    public func intersectionCount(_ other: DocumentSet) -> Int {
        var total = 0
        for index in 0..<Swift.min(words.count, other.words.count) {
            total &+= (words[index] & other.words[index]).nonzeroBitCount
        }
        return total
    }

    /// Whether any number of `range` is in the set.
    func intersects(_ range: Range<Int>) -> Bool {
        let low = Swift.max(0, range.lowerBound)
        let high = Swift.min(capacity, range.upperBound)
        guard low < high else { return false }
        let firstWord = low >> 6
        let lastWord = (high - 1) >> 6
        let firstMask = ~UInt64(0) << UInt64(low & 63)
        let lastMask = ~UInt64(0) >> UInt64(63 - ((high - 1) & 63))
        if firstWord == lastWord { return words[firstWord] & firstMask & lastMask != 0 }
        if words[firstWord] & firstMask != 0 || words[lastWord] & lastMask != 0 { return true }
        for index in (firstWord + 1)..<lastWord where words[index] != 0 { return true }
        return false
    }

    /// The numbers in ascending order.
    public var numbers: [Int] { Array(self) }

    public func makeIterator() -> Iterator { Iterator(words: words) }

    /// Walks the set bits in ascending order.
    public struct Iterator: IteratorProtocol {
        let words: [UInt64]
        var wordIndex = 0
        var current: UInt64

        init(words: [UInt64]) {
            self.words = words
            current = words.first ?? 0
        }

        public mutating func next() -> Int? {
            while current == 0 {
                wordIndex += 1
                guard wordIndex < words.count else { return nil }
                current = words[wordIndex]
            }
            let bit = current.trailingZeroBitCount
            current &= current - 1
            return wordIndex << 6 | bit
        }
    }

    private func combined(_ other: DocumentSet, _ operation: (UInt64, UInt64) -> UInt64) -> DocumentSet {
        var result = self
        let shared = Swift.min(words.count, other.words.count)
        result.words.withUnsafeMutableBufferPointer { target in
            other.words.withUnsafeBufferPointer { source in
                for index in 0..<shared { target[index] = operation(target[index], source[index]) }
                for index in shared..<target.count { target[index] = operation(target[index], 0) }
            }
        }
        return result
    }

    /// Clears the bits past `capacity` in the last word.
    mutating func clearTail() {
        let extra = capacity & 63
        if extra != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(extra)) - 1 }
    }
}
