import Foundation

/// Histogram of oriented gradients (Dalal and Triggs) over the mark's colour image: where the mark's
/// edges are and which way they run.
///
/// The red, green and blue planes are resampled to 32×32; gradients by central differences, at each
/// pixel the channel's with the largest magnitude; unsigned orientations
/// (0…180°) in 8 bins centred on multiples of 22.5° with linear vote between neighbouring bins, by
/// gradient magnitude; 8×8-pixel cells (4×4 of them); blocks of 2×2 cells with a one-cell stride
/// (3×3 blocks) normalised by L2-Hys (L2, clip at 0.2, L2 again); the whole vector has unit length.
/// Eight orientation bins (not Dalal–Triggs' nine) make a quarter turn or a mirror of the image an
/// exact permutation of the vector (``transformed(_:by:)``), so rotated and mirrored copies are
/// compared without recomputing anything.
///
/// ```swift
/// let hog = HOGDescriptor.compute(mark)            // 288 values, unit length
/// HOGDescriptor.similarity(hog, other)             // cosine, 0…1
/// ```
public enum HOGDescriptor {
    /// Side of the grey image the descriptor reads.
    public static let imageSize = 32
    public static let cellSize = 8
    public static let orientationBins = 8
    static let cells = imageSize / cellSize
    static let blocks = cells - 1
    /// Number of values in a HOG vector.
    public static let count = blocks * blocks * 4 * orientationBins

    /// The HOG vector of a prepared mark: at each pixel, the gradient of the red, green or blue channel
    /// with the largest magnitude (Dalal and Triggs' rule for colour images), so that inverting or
    /// permuting the colours leaves the vector unchanged.
    public static func compute(_ mark: PreparedMark) -> [Float] {
        compute(channels: channels(of: mark))
    }

    /// The red, green and blue planes (0…1) of a prepared mark at ``imageSize``.
    static func channels(of mark: PreparedMark) -> [DescriptorPlane] {
        let count = mark.size * mark.size
        return (0..<3).map { channel in
            var values = [Float](repeating: 0, count: count)
            mark.colour.pixels.withUnsafeBufferPointer { pixels in
                for pixel in 0..<count { values[pixel] = Float(pixels[pixel * 4 + channel]) / 255 }
            }
            return DescriptorPlane(size: mark.size, values: values).resampled(to: imageSize)
        }
    }

    /// The HOG vector of a grey plane of side ``imageSize``.
    static func compute(grey: DescriptorPlane) -> [Float] {
        compute(channels: [grey])
    }

    /// The HOG vector of one or more planes of side ``imageSize`` (the strongest gradient at each pixel).
    static func compute(channels: [DescriptorPlane]) -> [Float] {
        precondition(channels.allSatisfy { $0.size == imageSize })
        let n = imageSize
        var cellHistograms = [Float](repeating: 0, count: cells * cells * orientationBins)
        let binWidth = Float(180) / Float(orientationBins)
        for y in 0..<n {
            let up = max(0, y - 1), down = min(n - 1, y + 1)
            for x in 0..<n {
                let left = max(0, x - 1), right = min(n - 1, x + 1)
                var gx: Float = 0, gy: Float = 0, squared: Float = 0
                for plane in channels {
                    let cx = plane.values[y * n + right] - plane.values[y * n + left]
                    let cy = plane.values[down * n + x] - plane.values[up * n + x]
                    let s = cx * cx + cy * cy
                    if s > squared { squared = s; gx = cx; gy = cy }
                }
                if squared > 1e-12 {
                    let magnitude = squared.squareRoot()
                    guard magnitude > 1e-6 else { continue }
                    var angle = atan2f(gy, gx) * 180 / Float.pi
                    angle -= 180 * (angle / 180).rounded(.down)
                    // atan2 of a −0 can land a hair outside 0…180 after rounding.
                    if !(angle >= 0 && angle < 180) { angle = 0 }
                    let position = angle / binWidth
                    let lower = Int(position.rounded(.down)) % orientationBins
                    let upper = (lower + 1) % orientationBins
                    let fraction = position - position.rounded(.down)
                    let cell = ((y / cellSize) * cells + x / cellSize) * orientationBins
                    cellHistograms[cell + lower] += magnitude * (1 - fraction)
                    cellHistograms[cell + upper] += magnitude * fraction
                }
            }
        }
        var vector = [Float](repeating: 0, count: count)
        let epsilonSquared: Float = 1
        for by in 0..<blocks {
            for bx in 0..<blocks {
                let base = (by * blocks + bx) * 4 * orientationBins
                var block = [Float](repeating: 0, count: 4 * orientationBins)
                for dy in 0..<2 {
                    for dx in 0..<2 {
                        let cell = ((by + dy) * cells + bx + dx) * orientationBins
                        for o in 0..<orientationBins {
                            block[(dy * 2 + dx) * orientationBins + o] = cellHistograms[cell + o]
                        }
                    }
                }
                var norm = (block.reduce(0) { $0 + $1 * $1 } + epsilonSquared).squareRoot()
                for i in block.indices { block[i] = min(0.2, block[i] / norm) }
                norm = (block.reduce(0) { $0 + $1 * $1 } + 1e-12).squareRoot()
                for i in block.indices { vector[base + i] = block[i] / norm }
            }
        }
        return unitLength(vector)
    }

    /// The HOG vector the same image would have under a symmetry of the square: a permutation.
    public static func transformed(_ hog: [Float], by symmetry: DihedralSymmetry) -> [Float] {
        guard hog.count == count else { return hog }
        let table = permutations[symmetry.rawValue]
        var result = [Float](repeating: 0, count: count)
        for index in 0..<count { result[table[index]] = hog[index] }
        return result
    }

    /// Cosine of two HOG vectors (both unit length, non-negative): 0…1.
    public static func similarity(_ first: [Float], _ second: [Float]) -> Float {
        guard first.count == second.count else { return 0 }
        return min(1, max(0, VectorKernels.dot(first, second)))
    }

    static func unitLength(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return vector }
        return vector.map { $0 / norm }
    }

    /// For each symmetry, where each vector index goes.
    static let permutations: [[Int]] = DihedralSymmetry.allCases.map { symmetry in
        var table = [Int](repeating: 0, count: count)
        for by in 0..<blocks {
            for bx in 0..<blocks {
                for dy in 0..<2 {
                    for dx in 0..<2 {
                        // The block's four cells land on four cells; the block is the one whose corner is their minimum.
                        let corners = [(bx, by), (bx + 1, by + 1)].map { symmetry.map($0.0, $0.1, size: cells) }
                        let nbx = min(corners[0].0, corners[1].0), nby = min(corners[0].1, corners[1].1)
                        let (cx, cy) = symmetry.map(bx + dx, by + dy, size: cells)
                        let ndx = cx - nbx, ndy = cy - nby
                        for o in 0..<orientationBins {
                            let from = ((by * blocks + bx) * 4 + dy * 2 + dx) * orientationBins + o
                            let to = ((nby * blocks + nbx) * 4 + ndy * 2 + ndx) * orientationBins
                                + transformedBin(o, symmetry)
                            table[from] = to
                        }
                    }
                }
            }
        }
        return table
    }

    /// Where orientation bin `bin` goes: a transposition turns angle θ into 90° − θ, a mirror into 180° − θ.
    static func transformedBin(_ bin: Int, _ symmetry: DihedralSymmetry) -> Int {
        let n = orientationBins
        var o = bin
        if symmetry.transposes { o = ((n / 2 - o) % n + n) % n }
        if symmetry.flipsX { o = (n - o) % n }
        if symmetry.flipsY { o = (n - o) % n }
        return o
    }
}
