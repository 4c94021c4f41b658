/// A set of document (or family) numbers `0..<capacity` as a bitset: the currency of categories.
///
/// Counting a category, intersecting two categories (co-occurrence) and mapping documents to
/// families are word-wide operations, so a 35 × 35 heatmap over 150,000 families is a few
/// million 64-bit ANDs.
///
/// ```swift
/// var set = MemberSet(capacity: 10)
/// set.insert(3)
/// set.count          // 1
/// ```
public struct MemberSet: Sendable, Hashable, Codable {
    /// Members are `0..<capacity`.
    public let capacity: Int
    package private(set) var words: [UInt64]

    /// An empty set for members `0..<capacity`.
    public init(capacity: Int) {
        self.capacity = capacity
        self.words = [UInt64](repeating: 0, count: (capacity + 63) >> 6)
    }

    /// A set holding the given members (each must be in `0..<capacity`).
    public init<S: Sequence>(capacity: Int, members: S) where S.Element == Int {
        self.init(capacity: capacity)
        for member in members { insert(member) }
    }

    package init(capacity: Int, words: [UInt64]) {
        precondition(words.count == (capacity + 63) >> 6)
        self.capacity = capacity
        self.words = words
    }

    /// Adds `member`.
    public mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    /// Whether `member` is in the set.
    public func contains(_ member: Int) -> Bool {
        guard member >= 0, member < capacity else { return false }
        return words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    /// The number of members.
    public var count: Int {
        words.withUnsafeBufferPointer { buffer in
            var total = 0
            for word in buffer { total &+= word.nonzeroBitCount }
            return total
        }
    }

    public var isEmpty: Bool { !words.contains { $0 != 0 } }

    /// The number of members shared with `other` (same capacity), without building the intersection.
    public func intersectionCount(_ other: MemberSet) -> Int {
        precondition(capacity == other.capacity, "sets over different ranges")
        return words.withUnsafeBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                var total = 0
                for index in 0..<a.count { total &+= (a[index] & b[index]).nonzeroBitCount }
                return total
            }
        }
    }

    /// Members in both sets.
    public func intersection(_ other: MemberSet) -> MemberSet {
        precondition(capacity == other.capacity, "sets over different ranges")
        var result = self
        result.formIntersection(other)
        return result
    }

    public mutating func formIntersection(_ other: MemberSet) {
        precondition(capacity == other.capacity, "sets over different ranges")
        other.words.withUnsafeBufferPointer { b in
            words.withUnsafeMutableBufferPointer { a in
                for index in 0..<a.count { a[index] &= b[index] }
            }
        }
    }

    /// Members in either set.
    public func union(_ other: MemberSet) -> MemberSet {
        var result = self
        result.formUnion(other)
        return result
    }

    public mutating func formUnion(_ other: MemberSet) {
        precondition(capacity == other.capacity, "sets over different ranges")
        other.words.withUnsafeBufferPointer { b in
            words.withUnsafeMutableBufferPointer { a in
                for index in 0..<a.count { a[index] |= b[index] }
            }
        }
    }

    /// Members of this set that are not in `other`.
    public func subtracting(_ other: MemberSet) -> MemberSet {
        precondition(capacity == other.capacity, "sets over different ranges")
        var result = self
        other.words.withUnsafeBufferPointer { b in
            result.words.withUnsafeMutableBufferPointer { a in
                for index in 0..<a.count { a[index] &= ~b[index] }
            }
        }
        return result
    }

    /// Calls `body` with every member in increasing order.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        for wordIndex in words.indices {
            var word = words[wordIndex]
            while word != 0 {
                let bit = word.trailingZeroBitCount
                try body(wordIndex << 6 | bit)
                word &= word &- 1
            }
        }
    }

    /// The members in increasing order.
    public var members: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        forEach { result.append($0) }
        return result
    }

    /// The set of `groups[member]` over all members: documents → families.
    public func mapped(through groups: [Int32], capacity groupCount: Int) -> MemberSet {
        var result = MemberSet(capacity: groupCount)
        groups.withUnsafeBufferPointer { groups in
            result.words.withUnsafeMutableBufferPointer { out in
                for wordIndex in words.indices {
                    var word = words[wordIndex]
                    while word != 0 {
                        let group = Int(groups[wordIndex << 6 | word.trailingZeroBitCount])
                        out[group >> 6] |= 1 << UInt64(group & 63)
                        word &= word &- 1
                    }
                }
            }
        }
        return result
    }
}
