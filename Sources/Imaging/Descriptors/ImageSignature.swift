/// Everything IPAI compares two marks by, computed once per image at indexing time: a Lab colour
/// histogram, HOG, Zernike-moment magnitudes, contour Fourier descriptors and a perceptual hash.
/// The DESCRIPTORS part of the engine fills this in; the search service only stores, loads and
/// compares signatures.
public struct ImageSignature: Sendable, Equatable {
    public var colourHistogram: [Float]
    public var hog: [Float]
    public var zernike: [Float]
    public var contourFourier: [Float]
    public var perceptualHash: UInt64

    public init(colourHistogram: [Float], hog: [Float], zernike: [Float], contourFourier: [Float], perceptualHash: UInt64) {
        self.colourHistogram = colourHistogram
        self.hog = hog
        self.zernike = zernike
        self.contourFourier = contourFourier
        self.perceptualHash = perceptualHash
    }
}
