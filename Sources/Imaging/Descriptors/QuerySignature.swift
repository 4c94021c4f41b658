/// The query side of a search: a mark's signature plus what makes comparison robust to the ways a
/// searched-for mark differs from a registered one: its HOG vector in all eight poses (quarter turns
/// and mirrors) of the image as given and turned by ±15°, its hash in the eight poses, and whether it
/// is black and white (then its colours say nothing).
///
/// ```swift
/// let query = QuerySignature(mark)                       // from an uploaded image
/// let again = QuerySignature(signature: stored)          // "more like this" a registered mark
/// let how = query.similarities(to: candidate)            // per descriptor, 0…1
/// ```
public struct QuerySignature: Sendable {
    public let signature: ImageSignature
    /// The HOG vector in each pose: the eight symmetries (``DihedralSymmetry/allCases`` order) of the
    /// image, then, from an image, of the image turned by +15° and by −15°.
    public let hogVariants: [[Float]]
    /// The hash in each pose (from an image; a stored signature only has its own pose).
    public let hashVariants: [UInt64]
    /// The query is black, white and grey (from an image: ≥ 95 % of its ink with a Lab chroma below
    /// ``achromaticChroma``; from a stored signature: in the grey bins of its colour histogram): its colour
    /// similarity is then the likeness of lightness alone, and composite search counts it little, as a mark filed
    /// in black and white covers every colour. Muted colours — skin tones, a negative's blue-greys — are colours.
    public let isAchromatic: Bool
    /// Other views of the mark a search also compares, keeping each candidate's best match: its dominant
    /// part on its own when other matter lies beside it (a word next to a device) — or, failing that,
    /// the squares at both ends of an elongated mark — and its negative.
    public let parts: [QuerySignature]
    /// The colour histogram with its hues turned (see ``hueTurns``); empty for a stored signature.
    let hueTurnedColours: [[Float]]
    /// Which view of the searched-for image this describes.
    public private(set) var view: View = .whole

    /// A view of the searched-for image: as given, a part of it, or its negative.
    public enum View: String, Sendable, CaseIterable {
        case whole, part, negative
    }

    /// Describes an uploaded or drawn mark for searching; `image`, the picture the mark was prepared from,
    /// gives the negative view (without it, the prepared mark stands in for it).
    public init(_ mark: PreparedMark, image: Raster? = nil) {
        let signature = ImageSignature(mark)
        let channels = HOGDescriptor.channels(of: mark)
        let turned = Self.turns.map { degrees in
            HOGDescriptor.compute(channels: channels.map { $0.rotated(by: degrees, fill: 1) })
        }
        // Both guesses at where a device lies beside a word: the silhouette's dominant part misses pale parts of
        // the device (a white cloud), the end squares miss a device that is not square.
        var parts = Self.dominantPart(of: mark).map { [QuerySignature(whole: $0, view: .part)] } ?? []
        parts += Self.endSquares(of: mark).map { QuerySignature(whole: $0, view: .part) }
        parts.append(QuerySignature(whole: Self.negative(of: mark, image: image), view: .negative))
        self.init(signature: signature, hogs: [signature.hog] + turned, hashVariants: PerceptualHash.computeVariants(mark), parts: parts,
                  hueTurnedColours: Self.hueTurnedHistograms(of: mark), isAchromatic: Self.isAchromatic(mark))
    }

    /// A view of one part: described like a whole query, without looking for parts again.
    private init(whole mark: PreparedMark, view: View) {
        let signature = ImageSignature(mark)
        let channels = HOGDescriptor.channels(of: mark)
        let turned = Self.turns.map { degrees in
            HOGDescriptor.compute(channels: channels.map { $0.rotated(by: degrees, fill: 1) })
        }
        // Other hues only for the whole mark: a part's colours are compared as they are (hue turns are a large
        // share of describing a query).
        self.init(signature: signature, hogs: [signature.hog] + turned, hashVariants: PerceptualHash.computeVariants(mark), parts: [],
                  hueTurnedColours: [], isAchromatic: Self.isAchromatic(mark))
        self.view = view
    }

    /// Angles beyond the quarter turns a query is also compared at: marks are often filed slightly turned.
    static let turns: [Float] = [15, -15]

    /// Searches with a registered mark's stored signature ("more like this").
    public init(signature: ImageSignature) {
        self.init(signature: signature, hogs: [signature.hog], hashVariants: [UInt64](repeating: signature.perceptualHash, count: 8), parts: [],
                  hueTurnedColours: [], isAchromatic: LabColourHistogram.greyShare(signature.colourHistogram) >= 0.95)
    }

    private init(signature: ImageSignature, hogs: [[Float]], hashVariants: [UInt64], parts: [QuerySignature], hueTurnedColours: [[Float]],
                 isAchromatic: Bool) {
        self.signature = signature
        self.parts = parts
        self.hueTurnedColours = hueTurnedColours
        self.hogVariants = hogs.flatMap { hog in DihedralSymmetry.allCases.map { HOGDescriptor.transformed(hog, by: $0) } }
        self.hashVariants = hashVariants
        self.isAchromatic = isAchromatic
    }

    /// How strongly a candidate matches on each descriptor (HOG and hash: the best pose; colour: the query's own
    /// hues, or — discounted by ``hueTurnDiscount`` — the best of its hue turns; for a black-and-white query,
    /// lightness alone).
    public func similarities(to candidate: ImageSignature) -> DescriptorSimilarities {
        var hog: Float = 0
        for variant in hogVariants { hog = max(hog, HOGDescriptor.similarity(variant, candidate.hog)) }
        var distance = 64
        for variant in hashVariants { distance = min(distance, PerceptualHash.distance(variant, candidate.perceptualHash)) }
        return DescriptorSimilarities(
            hog: hog,
            zernike: ZernikeMoments.similarity(signature.zernike, candidate.zernike),
            contour: ContourFourier.similarity(signature.contourFourier, candidate.contourFourier),
            colour: colourSimilarity(to: candidate),
            hash: 1 - Float(distance) / 64)
    }

    /// Lab chroma below which a pixel counts as grey: above JPEG and scanner noise, below skin tones.
    static let achromaticChroma: Float = 8

    /// Whether ≥ 95 % of the mark's ink is grey (see ``isAchromatic``).
    static func isAchromatic(_ mark: PreparedMark) -> Bool {
        var grey: Float = 0, total: Float = 0
        var cache: [UInt32: Bool] = [:]
        mark.colour.pixels.withUnsafeBufferPointer { pixels in
            for pixel in 0..<mark.ink.count where mark.ink[pixel] > 0.02 {
                let index = pixel * 4
                let key = UInt32(pixels[index]) << 16 | UInt32(pixels[index + 1]) << 8 | UInt32(pixels[index + 2])
                let isGrey: Bool
                if let known = cache[key] {
                    isGrey = known
                } else {
                    let lab = LabColourHistogram.lab(pixels[index], pixels[index + 1], pixels[index + 2])
                    isGrey = (lab.a * lab.a + lab.b * lab.b).squareRoot() < achromaticChroma
                    cache[key] = isGrey
                }
                total += mark.ink[pixel]
                if isGrey { grey += mark.ink[pixel] }
            }
        }
        return total == 0 || grey >= 0.95 * total
    }

    func colourSimilarity(to candidate: ImageSignature) -> Float {
        // A black-and-white query says nothing of hues, but its greys still say which parts are light and dark.
        if isAchromatic { return min(1, VectorKernels.intersection(signature.lightness, candidate.lightness)) }
        var best = LabColourHistogram.similarity(signature.colourHistogram, candidate.colourHistogram)
        for turned in hueTurnedColours {
            best = max(best, Self.hueTurnDiscount * LabColourHistogram.similarity(turned, candidate.colourHistogram))
        }
        return best
    }
}
