import Foundation

/// A 64-bit perceptual hash (DCT pHash, as in `imagehash.phash`) of the mark's grey image, for finding
/// duplicates and near-duplicates: the grey image is resampled to 32×32, transformed by a 2-D DCT-II,
/// and bit i (from the most significant) says whether low-frequency coefficient (i / 8, i % 8) is above
/// the median of those 64 coefficients. Near-identical images differ in few bits.
///
/// ```swift
/// let hash = PerceptualHash.compute(mark)
/// PerceptualHash.distance(hash, other)   // Hamming distance, 0…64
/// ```
public enum PerceptualHash {
    static let imageSize = 32
    static let lowFrequencies = 8

    /// The hash of a prepared mark's grey image.
    public static func compute(_ mark: PreparedMark) -> UInt64 {
        hash(coefficients(of: mark))
    }

    /// The hashes the mark would have under each of the eight symmetries of the square, in
    /// ``DihedralSymmetry/allCases`` order (a mirror only flips the sign of odd-frequency coefficients).
    public static func computeVariants(_ mark: PreparedMark) -> [UInt64] {
        let dct = coefficients(of: mark)
        return DihedralSymmetry.allCases.map { hash(transformed(dct, by: $0)) }
    }

    /// Number of differing bits.
    public static func distance(_ first: UInt64, _ second: UInt64) -> Int {
        (first ^ second).nonzeroBitCount
    }

    /// 1 − distance / 64.
    public static func similarity(_ first: UInt64, _ second: UInt64) -> Float {
        1 - Float(distance(first, second)) / 64
    }

    /// The 8×8 low-frequency DCT-II coefficients (row u: vertical frequency) of the mark's grey image.
    static func coefficients(of mark: PreparedMark) -> [Double] {
        coefficients(DescriptorPlane(size: mark.size, values: mark.grey).resampled(to: imageSize))
    }

    static func coefficients(_ plane: DescriptorPlane) -> [Double] {
        let n = imageSize, k = lowFrequencies
        // First along x: rows (n) × frequencies v (k); then along y.
        var partial = [Double](repeating: 0, count: n * k)
        for y in 0..<n {
            for v in 0..<k {
                var sum = 0.0
                for x in 0..<n { sum += Double(plane[x, y]) * basis[v * n + x] }
                partial[y * k + v] = sum
            }
        }
        var result = [Double](repeating: 0, count: k * k)
        for u in 0..<k {
            for v in 0..<k {
                var sum = 0.0
                for y in 0..<n { sum += partial[y * k + v] * basis[u * n + y] }
                result[u * k + v] = sum
            }
        }
        return result
    }

    static func hash(_ coefficients: [Double]) -> UInt64 {
        let sorted = coefficients.sorted()
        let median = (sorted[31] + sorted[32]) / 2
        var hash: UInt64 = 0
        for (index, value) in coefficients.enumerated() where value > median {
            hash |= 1 << UInt64(63 - index)
        }
        return hash
    }

    /// The coefficients of the image under a symmetry: transposing swaps u and v; mirroring left–right
    /// multiplies by (−1)^v, upside down by (−1)^u.
    static func transformed(_ dct: [Double], by symmetry: DihedralSymmetry) -> [Double] {
        let k = lowFrequencies
        var result = dct
        if symmetry.transposes {
            for u in 0..<k { for v in 0..<k { result[u * k + v] = dct[v * k + u] } }
        }
        for u in 0..<k {
            for v in 0..<k {
                if symmetry.flipsX && v % 2 == 1 { result[u * k + v] = -result[u * k + v] }
                if symmetry.flipsY && u % 2 == 1 { result[u * k + v] = -result[u * k + v] }
            }
        }
        return result
    }

    /// cos(π (2t + 1) f / 2n) for f < 8, t < n.
    static let basis: [Double] = (0..<(lowFrequencies * imageSize)).map { index in
        let f = index / imageSize, t = index % imageSize
        return cos(Double.pi * Double(2 * t + 1) * Double(f) / Double(2 * imageSize))
    }
}
