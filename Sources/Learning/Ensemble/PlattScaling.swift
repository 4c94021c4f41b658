import Core
import Foundation

/// Maps a raw score to a probability with a fitted sigmoid, p = 1 / (1 + exp(a·s + b))
/// (Platt 1999, with the Newton method and target smoothing of Lin, Lin & Weng 2007).
///
/// ```swift
/// let platt = PlattScaling.fit(scores: [2.1, -0.3, 0.8], outcomes: [true, false, true])
/// platt.probability(1.5)
/// ```
public struct PlattScaling: Sendable, Hashable, Codable {
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    public func probability(_ score: Double) -> Double {
        let z = a * score + b
        return z >= 0 ? exp(-z) / (1 + exp(-z)) : 1 / (1 + exp(z))
    }

    /// Fits `a` and `b` by regularised maximum likelihood on scores and their true outcomes.
    /// - Parameters:
    ///   - prior: optional Gaussian prior on (a, b) with the given strength (in samples' worth of
    ///     curvature): with few samples the fit stays near the prior instead of swinging to an
    ///     extreme sigmoid; with thousands the data decide.
    public static func fit(
        scores: [Double], outcomes: [Bool], prior: (center: PlattScaling, strength: Double)? = nil,
        maxIterations: Int = 100
    ) -> PlattScaling {
        let center = prior?.center ?? PlattScaling(a: 0, b: 0)
        let strength = prior?.strength ?? 0
        precondition(scores.count == outcomes.count)
        let positives = Double(outcomes.filter { $0 }.count)
        let negatives = Double(outcomes.count) - positives
        let high = (positives + 1) / (positives + 2)
        let low = 1 / (negatives + 2)
        let targets = outcomes.map { $0 ? high : low }
        var a = 0.0
        var b = log((negatives + 1) / (positives + 1))
        let sigma = 1e-12
        func objective(_ a: Double, _ b: Double) -> Double {
            var value = strength / 2 * ((a - center.a) * (a - center.a) + (b - center.b) * (b - center.b))
            for (score, target) in zip(scores, targets) {
                let z = score * a + b
                value += z >= 0 ? target * z + log1p(exp(-z)) : (target - 1) * z + log1p(exp(z))
            }
            return value
        }
        var current = objective(a, b)
        for _ in 0..<maxIterations {
            var h11 = sigma + strength, h22 = sigma + strength, h21 = 0.0
            var g1 = strength * (a - center.a), g2 = strength * (b - center.b)
            for (score, target) in zip(scores, targets) {
                let z = score * a + b
                let (p, q) = z >= 0 ? (exp(-z) / (1 + exp(-z)), 1 / (1 + exp(-z))) : (1 / (1 + exp(z)), exp(z) / (1 + exp(z)))
                let d2 = p * q
                h11 += score * score * d2
                h22 += d2
                h21 += score * d2
                let d1 = target - p
                g1 += score * d1
                g2 += d1
            }
            if abs(g1) < 1e-5 && abs(g2) < 1e-5 { break }
            let determinant = h11 * h22 - h21 * h21
            let da = -(h22 * g1 - h21 * g2) / determinant
            let db = -(-h21 * g1 + h11 * g2) / determinant
            let slope = g1 * da + g2 * db
            var step = 1.0
            while step >= 1e-10 {
                let candidate = objective(a + step * da, b + step * db)
                if candidate < current + 1e-4 * step * slope {
                    a += step * da
                    b += step * db
                    current = candidate
                    break
                }
                step /= 2
            }
            if step < 1e-10 { break }
        }
        return PlattScaling(a: a, b: b)
    }
}
