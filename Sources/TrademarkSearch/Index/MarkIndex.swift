import Core
import Imaging

/// The register's marks in memory for image search: every signature's descriptors side by side in
/// contiguous `Float` arrays (struct of arrays), searched in two stages — a SIMD scan of every mark's
/// HOG (in the query's eight poses), Zernike, contour and colour vectors, then a rerank of the best
/// few hundred with every descriptor in every pose of the query.
///
/// A value type: keep it in an actor or behind a lock when several tasks share it.
///
/// ```swift
/// var index = MarkIndex()
/// index.add(42, ImageSignature(mark))
/// let hits = index.search(QuerySignature(query), mode: .composite, count: 10) { id in id != 42 }
/// ```
public struct MarkIndex: Sendable {
    static let zernikeStride = 40
    static let contourStride = 24
    static let colourStride = 104
    static let lightnessStride = LabColourHistogram.lightnessProfileBins
    static let hogStride = HOGDescriptor.count
    /// The first stage's HOG: each block's four cells summed (9 blocks × 8 orientations), unit length.
    static let compactHOGStride = 72

    private(set) var ids: [Int64] = []
    private(set) var slots: [Int64: Int] = [:]
    private(set) var zernike: [Float] = []
    private(set) var contour: [Float] = []
    private(set) var colour: [Float] = []
    private(set) var lightness: [Float] = []
    private(set) var hog: [Float] = []
    private(set) var compactHOG: [Float] = []
    private(set) var hashes: [UInt64] = []

    public init() {}

    /// Number of marks indexed.
    public var count: Int { ids.count }

    public func contains(_ id: Int64) -> Bool { slots[id] != nil }

    /// The indexed signature of a mark, if it is indexed.
    public func signature(of id: Int64) -> ImageSignature? {
        slots[id].map(signature(at:))
    }

    /// Adds a mark, or replaces its signature if it is already indexed.
    ///
    /// Complexity: amortised O(1).
    public mutating func add(_ id: Int64, _ signature: ImageSignature) {
        if let slot = slots[id] {
            write(signature, at: slot)
            return
        }
        slots[id] = ids.count
        ids.append(id)
        zernike.append(contentsOf: repeatElement(0, count: Self.zernikeStride))
        contour.append(contentsOf: repeatElement(0, count: Self.contourStride))
        colour.append(contentsOf: repeatElement(0, count: Self.colourStride))
        lightness.append(contentsOf: repeatElement(0, count: Self.lightnessStride))
        hog.append(contentsOf: repeatElement(0, count: Self.hogStride))
        compactHOG.append(contentsOf: repeatElement(0, count: Self.compactHOGStride))
        hashes.append(0)
        write(signature, at: ids.count - 1)
    }

    /// Removes a mark; returns whether it was indexed. The last mark moves into its slot.
    ///
    /// Complexity: O(1).
    @discardableResult
    public mutating func remove(_ id: Int64) -> Bool {
        guard let slot = slots.removeValue(forKey: id) else { return false }
        let last = ids.count - 1
        if slot != last {
            let moved = ids[last]
            ids[slot] = moved
            slots[moved] = slot
            hashes[slot] = hashes[last]
            Self.move(&zernike, from: last, to: slot, stride: Self.zernikeStride)
            Self.move(&contour, from: last, to: slot, stride: Self.contourStride)
            Self.move(&colour, from: last, to: slot, stride: Self.colourStride)
            Self.move(&lightness, from: last, to: slot, stride: Self.lightnessStride)
            Self.move(&hog, from: last, to: slot, stride: Self.hogStride)
            Self.move(&compactHOG, from: last, to: slot, stride: Self.compactHOGStride)
        }
        ids.removeLast()
        hashes.removeLast()
        zernike.removeLast(Self.zernikeStride)
        contour.removeLast(Self.contourStride)
        colour.removeLast(Self.colourStride)
        lightness.removeLast(Self.lightnessStride)
        hog.removeLast(Self.hogStride)
        compactHOG.removeLast(Self.compactHOGStride)
        return true
    }

    private static func move(_ array: inout [Float], from: Int, to: Int, stride: Int) {
        for k in 0..<stride { array[to * stride + k] = array[from * stride + k] }
    }

    private mutating func write(_ signature: ImageSignature, at slot: Int) {
        Self.copy(signature.zernike, into: &zernike, at: slot, stride: Self.zernikeStride)
        Self.copy(signature.contourFourier, into: &contour, at: slot, stride: Self.contourStride)
        Self.copy(signature.colourHistogram, into: &colour, at: slot, stride: Self.colourStride)
        Self.copy(signature.lightness, into: &lightness, at: slot, stride: Self.lightnessStride)
        Self.copy(signature.hog, into: &hog, at: slot, stride: Self.hogStride)
        Self.copy(Self.compact(signature.hog), into: &compactHOG, at: slot, stride: Self.compactHOGStride)
        hashes[slot] = signature.perceptualHash
    }

    private static func copy(_ values: [Float], into array: inout [Float], at slot: Int, stride: Int) {
        let base = slot * stride
        for k in 0..<stride { array[base + k] = k < values.count ? values[k] : 0 }
    }

    /// A HOG vector's blocks with their four cells summed, unit length: a quarter of the floats to scan,
    /// and still permuted (not mixed) by quarter turns and mirrors.
    static func compact(_ hog: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: compactHOGStride)
        guard hog.count == hogStride else { return result }
        for block in 0..<9 {
            for cell in 0..<4 {
                for o in 0..<8 { result[block * 8 + o] += hog[(block * 4 + cell) * 8 + o] }
            }
        }
        let norm = result.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? result.map { $0 / norm } : result
    }

    func signature(at slot: Int) -> ImageSignature {
        func slice(_ array: [Float], _ stride: Int, _ count: Int) -> [Float] {
            Array(array[(slot * stride)..<(slot * stride + count)])
        }
        return ImageSignature(
            colourHistogram: slice(colour, Self.colourStride, LabColourHistogram.count),
            hog: slice(hog, Self.hogStride, HOGDescriptor.count),
            zernike: slice(zernike, Self.zernikeStride, ZernikeMoments.count),
            contourFourier: slice(contour, Self.contourStride, ContourFourier.count),
            perceptualHash: hashes[slot],
            lightness: slice(lightness, Self.lightnessStride, LabColourHistogram.lightnessProfileBins))
    }
}
