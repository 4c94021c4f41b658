/// A mark ready for description: cropped to the mark, flattened on white, padded to a square,
/// resampled to `size`×`size`, with its contrast polarity normalised (dark mark on light ground).
/// ``MarkPreprocessor`` makes it; every descriptor reads it.
public struct PreparedMark: Sendable {
    /// Side of the square, in pixels.
    public let size: Int
    /// The colour image, `size * size` opaque RGBA pixels: the mark with its own ground (white where the
    /// original was transparent; black for a white pictogram that would vanish on white), before polarity
    /// normalisation.
    public let colour: Raster
    /// Luminance 0…1 after polarity normalisation: the mark is dark (near 0) on a light ground (near 1).
    public let grey: [Float]
    /// How much each pixel belongs to the mark, 0…1: its grey distance from the ground, pixels within the
    /// crop tolerance of the ground (less for pale marks) set to 0 and the rest stretched so the strongest contrast reads 1
    /// (for a black mark on white this is `1 - grey` with the ground suppressed). Colour-blind: a greyscale
    /// or inverted copy of a mark has the same ink. Shape descriptors read this.
    public let ink: [Float]

    public init(size: Int, colour: Raster, grey: [Float], ink: [Float]) {
        precondition(colour.width == size && colour.height == size && grey.count == size * size && ink.count == size * size)
        self.size = size
        self.colour = colour
        self.grey = grey
        self.ink = ink
    }
}
