/// A mark ready for description: cropped to the mark, flattened on white, padded to a square,
/// resampled to `size`×`size`, with its contrast polarity normalised (dark mark on light ground).
/// ``MarkPreprocessor`` makes it; every descriptor reads it.
public struct PreparedMark: Sendable {
    /// Side of the square, in pixels.
    public let size: Int
    /// The colour image (opaque RGBA, white ground), `size * size` pixels.
    public let colour: Raster
    /// Luminance 0…1 after polarity normalisation: the mark is dark (near 0) on a light ground (near 1).
    public let grey: [Float]
    /// How much each pixel belongs to the mark, 0…1 (`1 - grey`, ground suppressed): shape descriptors read this.
    public let ink: [Float]

    public init(size: Int, colour: Raster, grey: [Float], ink: [Float]) {
        precondition(colour.width == size && colour.height == size && grey.count == size * size && ink.count == size * size)
        self.size = size
        self.colour = colour
        self.grey = grey
        self.ink = ink
    }
}
