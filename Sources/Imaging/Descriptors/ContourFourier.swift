import Foundation

/// Fourier descriptors of the mark's outer contour: the outline of the silhouette's largest part,
/// traced (Moore neighbours, always clockwise), resampled to 64 points evenly spaced along its length,
/// transformed by a discrete Fourier transform of x + iy; the magnitudes of harmonics 2…12 and −1…−12
/// divided by that of the first harmonic. Moving the mark drops out with harmonic 0, scaling with the
/// division, rotating and the start point with the magnitudes, and mirroring too (a mirrored outline
/// traced in the same sense has conjugate coefficients); if the tracing sense is the other way round
/// for a shape, harmonics k and −k are swapped so that the stronger of ±1 is always +1.
///
/// ```swift
/// let contour = ContourFourier.compute(mark)   // 23 values
/// ContourFourier.similarity(contour, other)    // 0…1
/// ```
public enum ContourFourier {
    static let planeSize = 64
    /// Points the contour is resampled to.
    public static let samples = 64
    /// Highest harmonic kept.
    public static let harmonics = 12
    /// Number of values in a contour vector: harmonics 2…12, then −1…−12.
    public static let count = 2 * harmonics - 1
    /// Distance at which similarity falls to 1/e.
    public static let distanceScale: Float = 0.2

    /// The contour descriptor of a prepared mark; all zeros when the mark has no contour.
    public static func compute(_ mark: PreparedMark) -> [Float] {
        compute(DescriptorPlane.silhouette(of: mark, size: planeSize))
    }

    static func compute(_ plane: DescriptorPlane) -> [Float] {
        let contour = outerContour(of: largestPart(of: plane))
        guard contour.count >= 3 else { return [Float](repeating: 0, count: count) }
        let points = resample(contour, to: samples)
        var magnitudes = [Int: Double]()
        for k in -harmonics...harmonics where k != 0 {
            var re = 0.0, im = 0.0
            for (j, point) in points.enumerated() {
                let angle = -2 * Double.pi * Double(k * j) / Double(samples)
                let c = cos(angle), s = sin(angle)
                re += point.x * c - point.y * s
                im += point.x * s + point.y * c
            }
            magnitudes[k] = (re * re + im * im).squareRoot() / Double(samples)
        }
        let sense = magnitudes[1]! >= magnitudes[-1]! ? 1 : -1
        let first = magnitudes[sense]!
        guard first > 1e-9 else { return [Float](repeating: 0, count: count) }
        let positive = (2...harmonics).map { Float(magnitudes[sense * $0]! / first) }
        let negative = (1...harmonics).map { Float(magnitudes[-sense * $0]! / first) }
        return positive + negative
    }

    /// Similarity from the Euclidean distance of two vectors: exp(−d / 0.2), 0…1.
    public static func similarity(_ first: [Float], _ second: [Float]) -> Float {
        guard first.count == second.count else { return 0 }
        return expf(-VectorKernels.squaredDistance(first, second).squareRoot() / distanceScale)
    }

    /// The mask (silhouette > 0.5) of the largest 8-connected part.
    static func largestPart(of plane: DescriptorPlane) -> [Bool] {
        let n = plane.size
        let mask = plane.values.map { $0 > 0.5 }
        var label = [Int](repeating: -1, count: n * n)
        var best = -1, bestSize = 0, next = 0
        var stack: [Int] = []
        for start in 0..<(n * n) where mask[start] && label[start] < 0 {
            var size = 0
            label[start] = next
            stack.append(start)
            while let pixel = stack.popLast() {
                size += 1
                let x = pixel % n, y = pixel / n
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < n, ny < n else { continue }
                        let neighbour = ny * n + nx
                        if mask[neighbour] && label[neighbour] < 0 {
                            label[neighbour] = next
                            stack.append(neighbour)
                        }
                    }
                }
            }
            if size > bestSize { bestSize = size; best = next }
            next += 1
        }
        return label.map { $0 == best && best >= 0 }
    }

    /// Directions clockwise on screen (y down), starting east.
    static let directions = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]

    /// The outer boundary pixels of a mask with one part, in tracing order (Moore neighbours).
    static func outerContour(of mask: [Bool]) -> [(x: Int, y: Int)] {
        let n = Int(Double(mask.count).squareRoot())
        guard let start = mask.firstIndex(of: true) else { return [] }
        func inside(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < n && y < n && mask[y * n + x] }
        let s = (x: start % n, y: start / n)
        var p = s
        var back = 4  // west of the first pixel is outside: the raster scan met nothing before it
        let firstBack = back
        var contour: [(x: Int, y: Int)] = [s]
        for _ in 0..<(4 * n * n) {
            var found = -1
            for step in 1...8 {
                let d = (back + step) % 8
                if inside(p.x + directions[d].0, p.y + directions[d].1) { found = d; break }
            }
            guard found >= 0 else { return contour }  // a lone pixel
            let next = (x: p.x + directions[found].0, y: p.y + directions[found].1)
            // The neighbour checked just before `found`, seen from the new pixel.
            let previous = (found + 7) % 8
            let bx = p.x + directions[previous].0 - next.x, by = p.y + directions[previous].1 - next.y
            back = directions.firstIndex { $0.0 == bx && $0.1 == by } ?? 4
            p = next
            if p == s && back == firstBack { break }
            if p == s, contour.count > 1 {
                // Back at the start from another side: stop when the walk would repeat itself.
                break
            }
            contour.append(p)
        }
        return contour
    }

    /// Points evenly spaced along the closed polygon through `contour`.
    static func resample(_ contour: [(x: Int, y: Int)], to count: Int) -> [(x: Double, y: Double)] {
        var cumulative = [0.0]
        for i in 0..<contour.count {
            let a = contour[i], b = contour[(i + 1) % contour.count]
            let dx = Double(b.x - a.x), dy = Double(b.y - a.y)
            cumulative.append(cumulative[i] + (dx * dx + dy * dy).squareRoot())
        }
        let total = cumulative[contour.count]
        var result: [(x: Double, y: Double)] = []
        var segment = 0
        for k in 0..<count {
            let t = total * Double(k) / Double(count)
            while segment < contour.count - 1 && cumulative[segment + 1] < t { segment += 1 }
            let a = contour[segment], b = contour[(segment + 1) % contour.count]
            let length = cumulative[segment + 1] - cumulative[segment]
            let u = length > 0 ? (t - cumulative[segment]) / length : 0
            result.append((Double(a.x) + u * Double(b.x - a.x), Double(a.y) + u * Double(b.y - a.y)))
        }
        return result
    }
}
