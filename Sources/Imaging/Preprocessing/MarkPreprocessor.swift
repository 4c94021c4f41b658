import CImage

/// Pre-processing as trademark offices do it before comparing figurative marks:
///
/// 1. flatten transparency on white (on black when the mark would vanish on white: a white pictogram);
/// 2. estimate the background colour from the image border (per-channel median; the flattening colour
///    when the border has transparent pixels) and crop to the bounding box of the pixels that differ from it
///    by more than ``tolerance`` — on a transparent ground, also every pixel at least half opaque — (an image with
///    no such pixel stays whole);
/// 3. pad to a square with the background colour, leaving a ``margin`` around the mark, and resample to
///    ``size``×``size`` (area averaging when shrinking, bilinear when enlarging);
/// 4. normalise contrast polarity: when the ground is dark and the mark lighter than it, the grey image is
///    inverted, so every mark reads dark on light whatever its original polarity.
///
/// ```swift
/// let mark = MarkPreprocessor(size: 128).prepare(try ImageDecoder.decode(bytes, name: "logo.png"))
/// ```
public struct MarkPreprocessor: Sendable {
    /// Side of the prepared square, in pixels.
    public var size: Int
    /// How far (0…255, largest channel difference) a pixel must be from the background colour to count as
    /// part of the mark when cropping. Absorbs anti-aliasing haze and JPEG noise around the mark.
    public var tolerance: Int
    /// Empty space kept around the mark on each side, as a fraction of the mark's longer side, so contours
    /// close inside the square and edge filters see the mark's outline.
    public var margin: Double

    public init(size: Int = 128, tolerance: Int = 32, margin: Double = 1.0 / 16) {
        precondition(size >= 8, "a prepared mark is at least 8×8 pixels")
        self.size = size
        self.tolerance = tolerance
        self.margin = margin
    }

    /// The mark in `raster` cropped, padded, resampled and polarity-normalised (see ``PreparedMark``).
    public func prepare(_ raster: Raster) -> PreparedMark {
        let (flat, ground, box) = flattenedMark(raster)
        // The square around the mark, centred on it, the mark's longer side plus the margin on both sides.
        let longer = Swift.max(box.width, box.height)
        let pad = box.empty ? 0 : Int((Double(longer) * margin).rounded())
        let side = longer + 2 * pad
        let originX = box.x - (side - box.width) / 2
        let originY = box.y - (side - box.height) / 2
        let square = flat.cropped(x: originX, y: originY, width: side, height: side, fill: ground)
        let colour = square.resized(width: size, height: size)

        // Polarity from the ground versus the mark (invert when the ground is dark and the mark lighter),
        // then ink: see `cimage_mark_planes`.
        let count = size * size
        var grey = [Float](repeating: 0, count: count)
        var ink = [Float](repeating: 0, count: count)
        colour.pixels.withUnsafeBufferPointer { pixels in
            grey.withUnsafeMutableBufferPointer { grey in
                ink.withUnsafeMutableBufferPointer { ink in
                    _ = cimage_mark_planes(pixels.baseAddress, count, Self.luminance(ground), Float(tolerance) / 255,
                                           grey.baseAddress, ink.baseAddress)
                }
            }
        }
        return PreparedMark(size: size, colour: colour, grey: grey, ink: ink)
    }

    /// The image flattened, its ground colour and the mark's box. Transparency is ground: an image with
    /// transparent pixels on its border has the flattening colour as ground even when the mark covers most
    /// of the border (a full-bleed square with rounded corners). A mark that vanishes on white (a white or
    /// very pale pictogram on transparency) is flattened on black instead, and polarity then reads it dark.
    func flattenedMark(_ raster: Raster) -> (Raster, RGBA, Box) {
        guard raster.hasTransparency else {
            let ground = Self.cornerColour(of: raster, tolerance: tolerance / 2) ?? Self.borderColour(of: raster)
            return (raster, ground, markBox(in: raster, ground: ground))
        }
        let transparentBorder = Self.hasTransparentBorder(raster)
        for colour in [RGBA(255, 255, 255), RGBA(0, 0, 0)] {
            let flat = raster.flattened(on: colour)
            let ground = transparentBorder ? colour : Self.borderColour(of: flat)
            let box = markBox(in: flat, ground: ground)
            guard !box.empty || colour == RGBA(0, 0, 0) else { continue }
            // On a transparent ground the mark is also what is opaque: a pale part (a white cloud, a light
            // skin tone in grey) that barely differs from the flattening colour still belongs to the mark,
            // so the crop — and with it the scale of everything compared — does not depend on its colours.
            guard transparentBorder, let opaque = Self.opaqueBox(raster) else { return (flat, ground, box) }
            return (flat, ground, box.empty ? opaque : box.union(opaque))
        }
        preconditionFailure("unreachable: the black ground is always returned")
    }

    /// Whether any outermost pixel is mostly transparent.
    static func hasTransparentBorder(_ raster: Raster) -> Bool {
        let width = raster.width, height = raster.height
        return raster.pixels.withUnsafeBufferPointer { bytes in
            for x in 0..<width where bytes[x * 4 + 3] < 128 || bytes[((height - 1) * width + x) * 4 + 3] < 128 { return true }
            for y in 0..<height where bytes[y * width * 4 + 3] < 128 || bytes[(y * width + width - 1) * 4 + 3] < 128 { return true }
            return false
        }
    }

    /// Rec. 601 luminance 0…1 of an opaque colour (as ``Raster/luminance()``).
    static func luminance(_ colour: RGBA) -> Float {
        (0.299 * Float(colour.r) + 0.587 * Float(colour.g) + 0.114 * Float(colour.b)) / 255
    }

    /// The colour at least three of the four corner pixels share (within `tolerance` per channel), or `nil`.
    /// A mark that fills its frame — a rounded tile, a badge — leaves only the corners to the ground, where
    /// the border's median would take the mark's own colour for it.
    static func cornerColour(of raster: Raster, tolerance: Int) -> RGBA? {
        let corners = [(0, 0), (raster.width - 1, 0), (0, raster.height - 1), (raster.width - 1, raster.height - 1)].map { x, y in
            raster.pixels.withUnsafeBufferPointer { bytes in
                let index = (y * raster.width + x) * 4
                return (Int(bytes[index]), Int(bytes[index + 1]), Int(bytes[index + 2]))
            }
        }
        for candidate in corners {
            let agreeing = corners.filter { other in
                abs(other.0 - candidate.0) <= tolerance && abs(other.1 - candidate.1) <= tolerance && abs(other.2 - candidate.2) <= tolerance
            }
            guard agreeing.count >= 3 else { continue }
            func mean(_ channel: KeyPath<(Int, Int, Int), Int>) -> UInt8 {
                UInt8(agreeing.map { $0[keyPath: channel] }.reduce(0, +) / agreeing.count)
            }
            return RGBA(mean(\.0), mean(\.1), mean(\.2))
        }
        return nil
    }

    /// The background colour: the per-channel median of the outermost pixels.
    static func borderColour(of raster: Raster) -> RGBA {
        var histograms = [Int](repeating: 0, count: 3 * 256)
        var total = 0
        let width = raster.width, height = raster.height
        raster.pixels.withUnsafeBufferPointer { bytes in
            histograms.withUnsafeMutableBufferPointer { counts in
                func add(_ x: Int, _ y: Int) {
                    let index = (y * width + x) * 4
                    counts[Int(bytes[index])] += 1
                    counts[256 + Int(bytes[index + 1])] += 1
                    counts[512 + Int(bytes[index + 2])] += 1
                    total += 1
                }
                for x in 0..<width {
                    add(x, 0)
                    if height > 1 { add(x, height - 1) }
                }
                if height > 2 {
                    for y in 1..<(height - 1) {
                        add(0, y)
                        if width > 1 { add(width - 1, y) }
                    }
                }
            }
        }
        func median(_ channel: Int) -> UInt8 {
            var seen = 0
            for value in 0..<256 {
                seen += histograms[channel * 256 + value]
                if seen * 2 >= total { return UInt8(value) }
            }
            return 255
        }
        return RGBA(median(0), median(1), median(2))
    }

    struct Box {
        var x: Int, y: Int, width: Int, height: Int
        var empty: Bool
        var isWhole: Bool

        /// The smallest box holding both (neither empty).
        func union(_ other: Box) -> Box {
            let minX = Swift.min(x, other.x), minY = Swift.min(y, other.y)
            let maxX = Swift.max(x + width, other.x + other.width), maxY = Swift.max(y + height, other.y + other.height)
            return Box(x: minX, y: minY, width: maxX - minX, height: maxY - minY, empty: false, isWhole: isWhole || other.isWhole)
        }
    }

    /// Bounding box of the pixels at least half opaque, or `nil` when there is none.
    static func opaqueBox(_ raster: Raster) -> Box? {
        let width = raster.width, height = raster.height
        var minX = width, minY = height, maxX = -1, maxY = -1
        raster.pixels.withUnsafeBufferPointer { bytes in
            for y in 0..<height {
                let row = y * width * 4
                for x in 0..<width where bytes[row + x * 4 + 3] >= 128 {
                    if x < minX { minX = x }
                    if x > maxX { maxX = x }
                    if y < minY { minY = y }
                    maxY = y
                }
            }
        }
        guard maxX >= 0 else { return nil }
        return Box(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1, empty: false,
                   isWhole: minX == 0 && minY == 0 && maxX == width - 1 && maxY == height - 1)
    }

    /// Bounding box of the pixels farther than ``tolerance`` from `ground`; the whole image when there is none.
    func markBox(in raster: Raster, ground: RGBA) -> Box {
        var found: [Int32] = [0, 0, 0, 0]
        let any = raster.pixels.withUnsafeBufferPointer { bytes in
            cimage_mark_box(bytes.baseAddress, UInt32(raster.width), UInt32(raster.height), ground.r, ground.g, ground.b,
                            Int32(tolerance), &found)
        }
        let width = raster.width, height = raster.height
        let minX = Int(found[0]), minY = Int(found[1]), maxX = any == 0 ? -1 : Int(found[0] + found[2]) - 1
        let maxY = Int(found[1] + found[3]) - 1
        if maxX < 0 { return Box(x: 0, y: 0, width: width, height: height, empty: true, isWhole: true) }
        return Box(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1, empty: false,
                   isWhole: minX == 0 && minY == 0 && maxX == width - 1 && maxY == height - 1)
    }
}
