import Foundation

/// The colours of a mark: a histogram over CIE L\*a\*b\* (from sRGB, D65 white) of the mark's
/// pixels, each weighted by how much it belongs to the mark (its ink), normalised to sum 1.
///
/// Bins: 4 over L\* (0…100, steps of 25) × 5 over a\* × 5 over b\* (−100…100, steps of 40, values
/// beyond clamped to the end bins), so the middle a\*/b\* bin holds the greys (|a\*|, |b\*| < 20).
///
/// ```swift
/// let histogram = LabColourHistogram.compute(mark)   // 100 values summing to 1
/// let similarity = LabColourHistogram.similarity(histogram, other)   // 0…1
/// ```
public enum LabColourHistogram {
    public static let lightnessBins = 4
    public static let chromaBins = 5
    /// Number of values in a histogram.
    public static let count = lightnessBins * chromaBins * chromaBins

    /// A colour in CIE L\*a\*b\* (D65).
    public struct Lab: Sendable, Equatable {
        public var l: Float
        public var a: Float
        public var b: Float
    }

    /// sRGB (0…255 per channel) to CIE L\*a\*b\* with the D65 white point.
    public static func lab(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> Lab {
        let r = linear[Int(red)], g = linear[Int(green)], b = linear[Int(blue)]
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        let fx = f(x), fy = f(y), fz = f(z)
        return Lab(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// The histogram bin of a colour.
    public static func bin(of colour: Lab) -> Int {
        let l = min(lightnessBins - 1, max(0, Int(colour.l / 25)))
        let a = min(chromaBins - 1, max(0, Int(((colour.a + 100) / 40).rounded(.down))))
        let b = min(chromaBins - 1, max(0, Int(((colour.b + 100) / 40).rounded(.down))))
        return (l * chromaBins + a) * chromaBins + b
    }

    /// The ink-weighted, normalised Lab histogram of a prepared mark; all zeros for an empty mark.
    public static func compute(_ mark: PreparedMark) -> [Float] {
        describe(mark).histogram
    }

    /// Bins of the lightness profile: L\* 0…100 in steps of 5.
    public static let lightnessProfileBins = 21

    /// The Lab histogram and, from the same pixels, the mark's **lightness profile**: ink-weighted L\* in
    /// ``lightnessProfileBins`` bins 5 apart, each value shared between its two nearest bins (so a shade moved
    /// by 1 moves a fifth of its weight), normalised to sum 1. The profile is what a black-and-white copy of the
    /// mark keeps of its colours, finely enough to tell skin tones apart; the histogram's four L\* bins are not.
    public static func describe(_ mark: PreparedMark) -> (histogram: [Float], lightness: [Float]) {
        var histogram = [Float](repeating: 0, count: count)
        var lightness = [Float](repeating: 0, count: lightnessProfileBins)
        var total: Float = 0
        mark.colour.pixels.withUnsafeBufferPointer { pixels in
            mark.ink.withUnsafeBufferPointer { ink in
                for pixel in 0..<ink.count where ink[pixel] > 0.02 {
                    let index = pixel * 4
                    let colour = lab(pixels[index], pixels[index + 1], pixels[index + 2])
                    histogram[bin(of: colour)] += ink[pixel]
                    let position = min(Float(lightnessProfileBins - 1), max(0, colour.l / 5))
                    let lower = min(lightnessProfileBins - 2, Int(position)), share = position - Float(lower)
                    lightness[lower] += ink[pixel] * (1 - share)
                    lightness[lower + 1] += ink[pixel] * share
                    total += ink[pixel]
                }
            }
        }
        if total > 0 {
            for index in histogram.indices { histogram[index] /= total }
            for index in lightness.indices { lightness[index] /= total }
        }
        return (histogram, lightness)
    }

    /// Histogram intersection: the share of colour two marks have in common, 0…1.
    public static func similarity(_ first: [Float], _ second: [Float]) -> Float {
        guard first.count == second.count else { return 0 }
        return min(1, VectorKernels.intersection(first, second))
    }

    /// The share of the mark in grey bins (|a\*|, |b\*| < 20): near 1 for a black-and-white mark.
    public static func greyShare(_ histogram: [Float]) -> Float {
        guard histogram.count == count else { return 0 }
        var sum: Float = 0
        let middle = chromaBins / 2
        for l in 0..<lightnessBins { sum += histogram[(l * chromaBins + middle) * chromaBins + middle] }
        return sum
    }

    private static func f(_ t: Float) -> Float {
        t > 216.0 / 24389.0 ? cbrtf(t) : t * (24389.0 / 27.0 / 116.0) + 16.0 / 116.0
    }

    /// sRGB transfer function undone, per 8-bit value.
    private static let linear: [Float] = (0..<256).map { value in
        let c = Float(value) / 255
        return c <= 0.04045 ? c / 12.92 : powf((c + 0.055) / 1.055, 2.4)
    }
}
