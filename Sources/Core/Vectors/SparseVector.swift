/// A sparse vector of `Float` with strictly increasing `Int32` indices: the common currency between
/// text analysis (which produces feature vectors) and learning (which consumes them).
///
/// ```swift
/// var v = SparseVector(indices: [2, 7], values: [0.6, 0.8])
/// v.normalize()          // unit L2 length
/// v.dot(v)               // 1.0
/// ```
public struct SparseVector: Sendable, Hashable, Codable {
    public var indices: [Int32]
    public var values: [Float]

    public init() {
        indices = []
        values = []
    }

    /// Creates a vector from parallel arrays. Precondition: `indices` strictly increasing, same count as `values`.
    public init(indices: [Int32], values: [Float]) {
        precondition(indices.count == values.count, "indices and values differ in length")
        self.indices = indices
        self.values = values
    }

    /// Creates a vector from unsorted (index, value) pairs, summing duplicates and dropping zeros.
    public init(unsorted pairs: some Sequence<(Int32, Float)>) {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(sorted.count)
        values.reserveCapacity(sorted.count)
        for (index, value) in sorted {
            if let last = indices.last, last == index {
                values[values.count - 1] += value
            } else {
                indices.append(index)
                values.append(value)
            }
        }
        var kept = 0
        for position in indices.indices where values[position] != 0 {
            indices[kept] = indices[position]
            values[kept] = values[position]
            kept += 1
        }
        indices.removeLast(indices.count - kept)
        values.removeLast(values.count - kept)
        self.indices = indices
        self.values = values
    }

    public var count: Int { indices.count }
    public var isEmpty: Bool { indices.isEmpty }

    /// Euclidean length.
    public var norm: Float {
        var sum: Float = 0
        for value in values { sum += value * value }
        return sum.squareRoot()
    }

    /// Scales to unit length; a zero vector stays zero.
    public mutating func normalize() {
        let length = norm
        guard length > 0 else { return }
        let scale = 1 / length
        for position in values.indices { values[position] *= scale }
    }

    /// Dot product with another sparse vector. Complexity: O(count + other.count).
    public func dot(_ other: SparseVector) -> Float {
        var sum: Float = 0
        var i = 0
        var j = 0
        while i < indices.count && j < other.indices.count {
            let a = indices[i]
            let b = other.indices[j]
            if a == b {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// Dot product with a dense vector indexed by feature. Complexity: O(count).
    public func dot(dense: UnsafeBufferPointer<Float>) -> Float {
        var sum: Float = 0
        for position in indices.indices {
            sum += values[position] * dense[Int(indices[position])]
        }
        return sum
    }
}
