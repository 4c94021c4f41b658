import Imaging
import Testing

@Suite("Vector kernels")
struct VectorKernelsTests {
    // 13 values: one 8-wide group and a tail of 5.
    static let a: [Float] = (1...13).map { Float($0) }
    static let b: [Float] = (1...13).map { Float(14 - $0) }

    @Test("dot product, squared distance and intersection agree with the sums written out, tail included")
    func handComputed() {
        // Σ i·(14 − i) for i = 1…13 = 14·91 − 819 = 455; Σ (2i − 14)² = 4·Σ (i − 7)² = 4·182 = 728;
        // Σ min(i, 14 − i) = 2·(1 + … + 6) + 7 = 49.
        #expect(VectorKernels.dot(Self.a, Self.b) == 455)
        #expect(VectorKernels.squaredDistance(Self.a, Self.b) == 728)
        #expect(VectorKernels.intersection(Self.a, Self.b) == 49)
        #expect(VectorKernels.dot(Self.a, Self.a) == 819)
    }

    @Test("vectors of different lengths do not compare")
    func mismatchedLengths() {
        #expect(VectorKernels.dot([1, 2], [1]) == 0)
        #expect(VectorKernels.intersection([1, 2], [1]) == 0)
        #expect(VectorKernels.squaredDistance([1, 2], [1]) == .infinity)
    }
}
