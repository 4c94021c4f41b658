/// SIMD loops over `Float` vectors for comparing descriptors, where a search spends its time.
///
/// A plain `for` loop over a sum is not vectorised (the compiler keeps the order of float additions), and the
/// generic `pointwiseMin` goes lane by lane; these use 8-wide vectors with a scalar tail.
public enum VectorKernels {
    /// Σ aᵢ·bᵢ over `count` values.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum = SIMD8<Float>()
        let groups = count / 8
        for g in 0..<groups {
            sum += UnsafeRawPointer(a + g * 8).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + g * 8).loadUnaligned(as: SIMD8<Float>.self)
        }
        var total = sum.sum()
        for index in (groups * 8)..<count { total += a[index] * b[index] }
        return total
    }

    /// Σ (aᵢ − bᵢ)² over `count` values.
    @inlinable @inline(__always)
    public static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum = SIMD8<Float>()
        let groups = count / 8
        for g in 0..<groups {
            let d = UnsafeRawPointer(a + g * 8).loadUnaligned(as: SIMD8<Float>.self)
                - UnsafeRawPointer(b + g * 8).loadUnaligned(as: SIMD8<Float>.self)
            sum += d * d
        }
        var total = sum.sum()
        for index in (groups * 8)..<count {
            let d = a[index] - b[index]
            total += d * d
        }
        return total
    }

    /// Σ min(aᵢ, bᵢ) over `count` values: histogram intersection.
    @inlinable @inline(__always)
    public static func intersection(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum = SIMD8<Float>()
        let groups = count / 8
        for g in 0..<groups {
            let x = UnsafeRawPointer(a + g * 8).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + g * 8).loadUnaligned(as: SIMD8<Float>.self)
            sum += x.replacing(with: y, where: y .< x)
        }
        var total = sum.sum()
        for index in (groups * 8)..<count { total += min(a[index], b[index]) }
        return total
    }

    /// ``dot(_:_:count:)`` of two arrays of the same length (0 when they differ).
    @inlinable
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return 0 }
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in dot(a.baseAddress!, b.baseAddress!, count: a.count) } }
    }

    /// ``squaredDistance(_:_:count:)`` of two arrays of the same length (+∞ when they differ).
    @inlinable
    public static func squaredDistance(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return .infinity }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in squaredDistance(a.baseAddress!, b.baseAddress!, count: a.count) }
        }
    }

    /// ``intersection(_:_:count:)`` of two arrays of the same length (0 when they differ).
    @inlinable
    public static func intersection(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return 0 }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in intersection(a.baseAddress!, b.baseAddress!, count: a.count) }
        }
    }
}
