extension QuerySignature {
    /// How much a colour match in other hues counts against one in the query's own hues: a mark filed in
    /// other colours is still close in colour layout, but less so than the same colours.
    static let hueTurnDiscount: Float = 0.7

    /// Hue turns (degrees, HSV) the query's colours are also compared in: every 30°, so a recoloured mark
    /// (reds become greens, greens blues …) finds the original's colour layout within 15°.
    static let hueTurns: [Float] = stride(from: 30, to: 360, by: 30).map { Float($0) }

    /// The colour histogram of the mark with every hue turned by each of ``hueTurns`` (ink, lightness and
    /// saturation kept).
    static func hueTurnedHistograms(of mark: PreparedMark) -> [[Float]] {
        hueTurns.map { degrees in
            var turned = mark.colour
            var cache: [UInt32: (UInt8, UInt8, UInt8)] = [:]
            turned.pixels.withUnsafeMutableBufferPointer { pixels in
                for pixel in 0..<mark.ink.count where mark.ink[pixel] > 0.02 {
                    let index = pixel * 4
                    let key = UInt32(pixels[index]) << 16 | UInt32(pixels[index + 1]) << 8 | UInt32(pixels[index + 2])
                    let colour: (UInt8, UInt8, UInt8)
                    if let known = cache[key] {
                        colour = known
                    } else {
                        colour = hueTurned(pixels[index], pixels[index + 1], pixels[index + 2], by: degrees)
                        cache[key] = colour
                    }
                    (pixels[index], pixels[index + 1], pixels[index + 2]) = colour
                }
            }
            return LabColourHistogram.compute(PreparedMark(size: mark.size, colour: turned, grey: mark.grey, ink: mark.ink))
        }
    }

    /// One colour with its HSV hue turned by `degrees`.
    static func hueTurned(_ red: UInt8, _ green: UInt8, _ blue: UInt8, by degrees: Float) -> (UInt8, UInt8, UInt8) {
        let r = Float(red) / 255, g = Float(green) / 255, b = Float(blue) / 255
        let maximum = max(r, g, b), minimum = min(r, g, b), delta = maximum - minimum
        guard delta > 0 else { return (red, green, blue) }
        var hue: Float
        if maximum == r {
            hue = (g - b) / delta
            if hue < 0 { hue += 6 }
        } else if maximum == g {
            hue = (b - r) / delta + 2
        } else {
            hue = (r - g) / delta + 4
        }
        hue = (hue * 60 + degrees).truncatingRemainder(dividingBy: 360)
        let chroma = delta, x = chroma * (1 - abs((hue / 60).truncatingRemainder(dividingBy: 2) - 1)), m = maximum - chroma
        let (r1, g1, b1): (Float, Float, Float)
        switch Int(hue / 60) % 6 {
        case 0: (r1, g1, b1) = (chroma, x, 0)
        case 1: (r1, g1, b1) = (x, chroma, 0)
        case 2: (r1, g1, b1) = (0, chroma, x)
        case 3: (r1, g1, b1) = (0, x, chroma)
        case 4: (r1, g1, b1) = (x, 0, chroma)
        default: (r1, g1, b1) = (chroma, 0, x)
        }
        func byte(_ value: Float) -> UInt8 { UInt8(max(0, min(255, ((value + m) * 255).rounded()))) }
        return (byte(r1), byte(g1), byte(b1))
    }
}
