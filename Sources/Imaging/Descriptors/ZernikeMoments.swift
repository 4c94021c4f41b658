import Foundation

/// Zernike-moment magnitudes of the mark's silhouette: a global description of its shape that does
/// not change when the mark is rotated by any angle, mirrored, moved or scaled.
///
/// The silhouette (64×64) is mapped onto the unit disc centred on its centroid, with a radius of 1.6 times
/// the silhouette's root-mean-square distance from it (pixels beyond are left out); the moments `Z(n, m)` for orders n = 2…10 (every m ≥ 0 with n − m even; order 0 is
/// the mass, order 1 vanishes at the centroid) are divided by the mass `Z(0, 0)`, and their magnitudes
/// kept: 34 values.
///
/// ```swift
/// let zernike = ZernikeMoments.compute(mark)
/// ZernikeMoments.similarity(zernike, other)   // 0…1
/// ```
public enum ZernikeMoments {
    public static let maximumOrder = 10
    static let planeSize = 64
    /// The (n, m) pairs kept, in vector order.
    public static let orders: [(n: Int, m: Int)] = (2...maximumOrder).flatMap { n in
        stride(from: n % 2, through: n, by: 2).map { (n: n, m: $0) }
    }
    /// Number of values in a Zernike vector.
    public static var count: Int { orders.count }
    /// Distance at which similarity falls to 1/e.
    public static let distanceScale: Float = 0.25

    /// The unit disc's radius in root-mean-square distances of the silhouette from its centroid (a uniform
    /// disc of radius a has an RMS distance of a/√2: it fills 1/(1.6/√2) ≈ 88 % of the unit disc's radius).
    public static let radiusPerSpread: Float = 1.6

    /// The Zernike magnitudes of a prepared mark's silhouette.
    public static func compute(_ mark: PreparedMark) -> [Float] {
        compute(DescriptorPlane.silhouette(of: mark, size: planeSize))
    }

    static func compute(_ plane: DescriptorPlane) -> [Float] {
        let n = plane.size
        var mass: Float = 0, sumX: Float = 0, sumY: Float = 0
        for y in 0..<n {
            for x in 0..<n {
                let v = plane[x, y]
                mass += v
                sumX += v * Float(x)
                sumY += v * Float(y)
            }
        }
        guard mass > 0 else { return [Float](repeating: 0, count: count) }
        let cx = sumX / mass, cy = sumY / mass
        // Scale by the root-mean-square distance from the centroid rather than the farthest pixel:
        // a stray speck, a cropped corner or a word beside the mark moves it far less.
        var spread: Float = 0
        for y in 0..<n {
            for x in 0..<n {
                let dx = Float(x) - cx, dy = Float(y) - cy
                spread += plane[x, y] * (dx * dx + dy * dy)
            }
        }
        let radius = max(1, radiusPerSpread * (spread / mass).squareRoot())
        let orderList = orders
        var real = [Double](repeating: 0, count: orderList.count)
        var imaginary = [Double](repeating: 0, count: orderList.count)
        let coefficients = radialCoefficients
        var powers = [Double](repeating: 0, count: maximumOrder + 1)
        var cosines = [Double](repeating: 0, count: maximumOrder + 1)
        var sines = [Double](repeating: 0, count: maximumOrder + 1)
        for y in 0..<n {
            for x in 0..<n {
                let v = Double(plane[x, y])
                guard v > 0 else { continue }
                let dx = Double((Float(x) - cx) / radius), dy = Double((Float(y) - cy) / radius)
                let rho = (dx * dx + dy * dy).squareRoot()
                guard rho <= 1 else { continue }
                powers[0] = 1
                for p in 1...maximumOrder { powers[p] = powers[p - 1] * rho }
                let (c1, s1) = rho > 0 ? (dx / rho, dy / rho) : (1, 0)
                cosines[0] = 1; sines[0] = 0
                for m in 1...maximumOrder {
                    cosines[m] = cosines[m - 1] * c1 - sines[m - 1] * s1
                    sines[m] = sines[m - 1] * c1 + cosines[m - 1] * s1
                }
                for (index, order) in orderList.enumerated() {
                    var radial = 0.0
                    for (power, coefficient) in coefficients[index] { radial += coefficient * powers[power] }
                    real[index] += v * radial * cosines[order.m]
                    imaginary[index] -= v * radial * sines[order.m]
                }
            }
        }
        // Z(n,m) = (n+1)/π Σ f R e^{-imθ} ΔA and Z(0,0) = 1/π Σ f ΔA: the ratio needs neither π nor ΔA.
        let total = Double(mass)
        return orderList.enumerated().map { index, order in
            let magnitude = (real[index] * real[index] + imaginary[index] * imaginary[index]).squareRoot()
            return Float(Double(order.n + 1) * magnitude / total)
        }
    }

    /// Similarity from the Euclidean distance of two vectors: exp(−d / 0.25), 0…1.
    public static func similarity(_ first: [Float], _ second: [Float]) -> Float {
        guard first.count == second.count else { return 0 }
        return expf(-VectorKernels.squaredDistance(first, second).squareRoot() / distanceScale)
    }

    /// Terms (power of ρ, coefficient) of each kept radial polynomial R(n, m).
    static let radialCoefficients: [[(Int, Double)]] = orders.map { order in
        func factorial(_ k: Int) -> Double { k <= 1 ? 1 : (2...k).reduce(1.0) { $0 * Double($1) } }
        return (0...((order.n - order.m) / 2)).map { k in
            let sign: Double = k % 2 == 0 ? 1 : -1
            let value = sign * factorial(order.n - k)
                / (factorial(k) * factorial((order.n + order.m) / 2 - k) * factorial((order.n - order.m) / 2 - k))
            return (order.n - 2 * k, value)
        }
    }
}
