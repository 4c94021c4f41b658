import Foundation

/// A square plane of `Float` values (row by row, top-left first): the working surface of the
/// descriptors, which each read the prepared mark at their own fixed resolution.
struct DescriptorPlane: Sendable, Equatable {
    let size: Int
    var values: [Float]

    init(size: Int, values: [Float]) {
        precondition(values.count == size * size, "a plane has size * size values")
        self.size = size
        self.values = values
    }

    init(size: Int, fill: Float = 0) {
        self.size = size
        self.values = [Float](repeating: fill, count: size * size)
    }

    subscript(x: Int, y: Int) -> Float {
        get { values[y * size + x] }
        set { values[y * size + x] = newValue }
    }

    /// Box-filter resampling to `target`×`target`: each output pixel averages the input area it
    /// covers, so shrinking keeps thin strokes as grey instead of dropping them.
    func resampled(to target: Int) -> DescriptorPlane {
        if target == size { return self }
        let weights = Self.boxWeights(from: size, to: target)
        // Rows first (x), then columns (y).
        var horizontal = [Float](repeating: 0, count: size * target)
        values.withUnsafeBufferPointer { source in
            for y in 0..<size {
                let row = y * size
                for (output, taps) in weights.enumerated() {
                    var sum: Float = 0
                    for (index, weight) in taps { sum += source[row + index] * weight }
                    horizontal[y * target + output] = sum
                }
            }
        }
        var result = [Float](repeating: 0, count: target * target)
        for (output, taps) in weights.enumerated() {
            for x in 0..<target {
                var sum: Float = 0
                for (index, weight) in taps { sum += horizontal[index * target + x] * weight }
                result[output * target + x] = sum
            }
        }
        return DescriptorPlane(size: target, values: result)
    }

    /// For each output pixel, the input pixels it overlaps and the share of each (summing to 1).
    static func boxWeights(from source: Int, to target: Int) -> [[(Int, Float)]] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { output in
            let start = Double(output) * scale
            let end = start + scale
            var taps: [(Int, Float)] = []
            var index = Int(start.rounded(.down))
            while Double(index) < end, index < source {
                let overlap = min(end, Double(index + 1)) - max(start, Double(index))
                if overlap > 1e-9 { taps.append((index, Float(overlap / scale))) }
                index += 1
            }
            return taps
        }
    }

    /// The plane under one of the eight symmetries of the square.
    func transformed(_ symmetry: DihedralSymmetry) -> DescriptorPlane {
        var result = DescriptorPlane(size: size)
        for y in 0..<size {
            for x in 0..<size {
                let (sx, sy) = symmetry.map(x, y, size: size)
                result[sx, sy] = self[x, y]
            }
        }
        return result
    }
}

/// One of the eight symmetries of a square (rotations by 90° and mirrors): a query is compared in
/// all eight poses so that a rotated or mirrored copy of a mark still matches.
///
/// The symmetry is the composition, in this order, of a transposition (`rawValue & 4`), a
/// left–right mirror (`& 1`) and an upside-down mirror (`& 2`); raw value 0 is the identity.
public struct DihedralSymmetry: Sendable, Hashable, CaseIterable {
    public let rawValue: Int

    public init(rawValue: Int) {
        precondition((0..<8).contains(rawValue), "there are eight symmetries of a square")
        self.rawValue = rawValue
    }

    public static let identity = DihedralSymmetry(rawValue: 0)
    public static let allCases: [DihedralSymmetry] = (0..<8).map(DihedralSymmetry.init(rawValue:))

    var transposes: Bool { rawValue & 4 != 0 }
    var flipsX: Bool { rawValue & 1 != 0 }
    var flipsY: Bool { rawValue & 2 != 0 }

    /// Where point (x, y) of an `size`×`size` grid goes.
    func map(_ x: Int, _ y: Int, size: Int) -> (Int, Int) {
        var (x, y) = (x, y)
        if transposes { swap(&x, &y) }
        if flipsX { x = size - 1 - x }
        if flipsY { y = size - 1 - y }
        return (x, y)
    }
}

extension DescriptorPlane {
    /// How much ink counts as fully part of the mark's silhouette: pale colours (a yellow disc has
    /// ink ≈ 0.2) still form the shape, so that recolouring or inverting a mark barely moves it.
    static let silhouetteGain: Float = 4

    /// The mark's silhouette (0…1) at `size`×`size`: the ink, amplified and clipped, resampled, with its
    /// holes filled — what lies inside the outline (white eyes of a face, the counter of an O) belongs to
    /// the shape whatever its colour, so inverting or recolouring the inside does not change it.
    static func silhouette(of mark: PreparedMark, size: Int) -> DescriptorPlane {
        let values = mark.ink.map { min(1, $0 * silhouetteGain) }
        return DescriptorPlane(size: mark.size, values: values).resampled(to: size).holesFilled()
    }

    /// Ground (below 0.5) not reachable from the border through ground becomes mark (1).
    func holesFilled() -> DescriptorPlane {
        let n = size
        var outside = [Bool](repeating: false, count: n * n)
        var stack: [Int] = []
        for i in 0..<n {
            for pixel in [i, (n - 1) * n + i, i * n, i * n + n - 1] where values[pixel] < 0.5 && !outside[pixel] {
                outside[pixel] = true
                stack.append(pixel)
            }
        }
        while let pixel = stack.popLast() {
            let x = pixel % n, y = pixel / n
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let nx = x + dx, ny = y + dy
                guard nx >= 0, ny >= 0, nx < n, ny < n else { continue }
                let neighbour = ny * n + nx
                if !outside[neighbour] && values[neighbour] < 0.5 {
                    outside[neighbour] = true
                    stack.append(neighbour)
                }
            }
        }
        var result = self
        for pixel in 0..<(n * n) where !outside[pixel] && values[pixel] < 0.5 { result.values[pixel] = 1 }
        return result
    }
}

extension DescriptorPlane {
    /// The plane turned by `degrees` (clockwise on screen) about its centre, bilinear, `fill` outside.
    func rotated(by degrees: Float, fill: Float) -> DescriptorPlane {
        let t = degrees * .pi / 180
        let c = cosf(t), s = sinf(t), centre = Float(size) / 2
        var result = DescriptorPlane(size: size, fill: fill)
        for y in 0..<size {
            for x in 0..<size {
                let dx = Float(x) + 0.5 - centre, dy = Float(y) + 0.5 - centre
                let sx = c * dx + s * dy + centre - 0.5, sy = -s * dx + c * dy + centre - 0.5
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                let fx = sx - Float(x0), fy = sy - Float(y0)
                func at(_ px: Int, _ py: Int) -> Float {
                    px >= 0 && py >= 0 && px < size && py < size ? self[px, py] : fill
                }
                let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
                let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
                result[x, y] = top * (1 - fy) + bottom * fy
            }
        }
        return result
    }
}
