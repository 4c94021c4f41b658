/// What IPAI accepts before it decodes an image: checked against the file size and the header's
/// dimensions, so a decompression bomb (a small file claiming a huge picture) is refused before any
/// pixel memory is allocated.
public struct ImageLimits: Sendable, Equatable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Largest width × height accepted.
    public var maxPixels: Int
    /// Longer side, in pixels, an SVG is rendered at (its aspect ratio kept).
    public var svgRenderSize: Int

    public init(maxBytes: Int = 10_000_000, maxPixels: Int = 40_000_000, svgRenderSize: Int = 512) {
        precondition(maxBytes > 0 && maxPixels > 0 && svgRenderSize > 0, "image limits are positive")
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.svgRenderSize = svgRenderSize
    }

    /// 10 MB, 40 million pixels, SVG rendered at 512 pixels.
    public static let standard = ImageLimits()
}
