/// How strongly two marks match on each descriptor, each 0 (nothing in common) … 1 (identical):
/// what a search result shows as its explanation.
public struct DescriptorSimilarities: Sendable, Equatable, Hashable {
    /// Edges and their directions (HOG cosine, best of the query's eight rotations/mirrors).
    public var hog: Float
    /// Global shape (Zernike-moment magnitudes).
    public var zernike: Float
    /// Outline (contour Fourier descriptors).
    public var contour: Float
    /// Colours (Lab histogram intersection).
    public var colour: Float
    /// Perceptual hash agreement, 1 − Hamming distance / 64 (best of the query's eight poses).
    public var hash: Float

    public init(hog: Float, zernike: Float, contour: Float, colour: Float, hash: Float) {
        self.hog = hog
        self.zernike = zernike
        self.contour = contour
        self.colour = colour
        self.hash = hash
    }
}
