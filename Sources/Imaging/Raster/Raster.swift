/// An image as IPAI's image engines see it: 8-bit RGBA pixels, row by row, top-left first.
/// Decoders produce it (``ImageDecoder``); pre-processing and descriptors consume it.
///
/// ```swift
/// var raster = Raster(width: 2, height: 1)
/// raster[0, 0] = RGBA(255, 0, 0)
/// ```
public struct Raster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A for each pixel.
    public var pixels: [UInt8]

    /// A white, opaque image.
    public init(width: Int, height: Int, fill: RGBA = RGBA(255, 255, 255)) {
        precondition(width > 0 && height > 0, "a raster has at least one pixel")
        self.width = width
        self.height = height
        // One pixel written, then doubled: fast even in debug builds.
        let count = width * height * 4
        self.pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress!
            base[0] = fill.r
            base[1] = fill.g
            base[2] = fill.b
            base[3] = fill.a
            var filled = 4
            while filled < count {
                let chunk = Swift.min(filled, count - filled)
                (base + filled).initialize(from: base, count: chunk)
                filled += chunk
            }
            initialized = count
        }
    }

    /// Wraps decoded pixels (`width * height * 4` bytes, RGBA).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 4, "RGBA pixels must match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> RGBA {
        get {
            let index = (y * width + x) * 4
            return RGBA(pixels[index], pixels[index + 1], pixels[index + 2], pixels[index + 3])
        }
        set {
            let index = (y * width + x) * 4
            pixels[index] = newValue.r
            pixels[index + 1] = newValue.g
            pixels[index + 2] = newValue.b
            pixels[index + 3] = newValue.a
        }
    }

    /// Luminance (Rec. 601, 0…1) of each pixel, alpha ignored (flatten first when it matters).
    public func luminance() -> [Float] {
        var result = [Float](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { bytes in
            for pixel in 0..<(width * height) {
                let index = pixel * 4
                result[pixel] = (0.299 * Float(bytes[index]) + 0.587 * Float(bytes[index + 1]) + 0.114 * Float(bytes[index + 2])) / 255
            }
        }
        return result
    }
}

/// One pixel: red, green, blue, alpha (0…255; alpha 255 is opaque).
public struct RGBA: Sendable, Equatable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }
}
