import Imaging

/// How a search compares marks, as in WIPO's Global Brand Database.
public enum MarkSearchMode: String, Sendable, CaseIterable, Codable {
    /// Colour-blind shape: HOG, Zernike moments and contour.
    case shape
    /// Colours only: the Lab histograms.
    case colour
    /// Shape, colour and hash fused with ``MarkSearchWeights``.
    case composite
    /// Near-identical images: perceptual-hash Hamming distance.
    case duplicate
}

/// The weight of each mode in a composite search (any non-negative values; they are normalised).
public struct MarkSearchWeights: Sendable, Equatable, Hashable, Codable {
    public var shape: Float
    public var colour: Float
    public var duplicate: Float

    /// How the shape score weighs its three descriptors.
    public var shapeParts: ShapeParts

    public init(shape: Float, colour: Float, duplicate: Float, shapeParts: ShapeParts = .default) {
        self.shape = max(0, shape)
        self.colour = max(0, colour)
        self.duplicate = max(0, duplicate)
        self.shapeParts = shapeParts
    }

    /// The weights of HOG, Zernike moments and contour in the shape score (normalised).
    public struct ShapeParts: Sendable, Equatable, Hashable, Codable {
        public var hog: Float
        public var zernike: Float
        public var contour: Float

        public init(hog: Float, zernike: Float, contour: Float) {
            self.hog = max(0, hog)
            self.zernike = max(0, zernike)
            self.contour = max(0, contour)
        }

        public static let `default` = ShapeParts(hog: 0.85, zernike: 0.1, contour: 0.05)

        /// The shape score of a candidate.
        public func score(_ s: DescriptorSimilarities) -> Float {
            let total = hog + zernike + contour
            guard total > 0 else { return s.hog }
            return (hog * s.hog + zernike * s.zernike + contour * s.contour) / total
        }
    }

    /// Tuned on a development split of 300 pictograms of twemoji72 under the nine benchmark transformations.
    public static let `default` = MarkSearchWeights(shape: 0.8, colour: 0.15, duplicate: 0.05)
}

/// One search result: a mark, its score (0…1, higher is closer), how strongly each descriptor matched, and
/// on which views of the query and the mark.
public struct MarkMatch: Sendable, Equatable {
    public let id: Int64
    public let score: Float
    public let similarities: DescriptorSimilarities
    public let view: MatchedView

    public init(id: Int64, score: Float, similarities: DescriptorSimilarities, view: MatchedView = .whole) {
        self.id = id
        self.score = score
        self.similarities = similarities
        self.view = view
    }
}

/// What matched: the query and the mark as they are (in any pose), a part of the query (a device beside a
/// word), the query's negative, or the middle of the registered mark (the query is a detail of it).
public enum MatchedView: String, Sendable, Codable, CaseIterable {
    case whole, part, negative, centre

    init(_ view: QuerySignature.View) {
        switch view {
        case .whole: self = .whole
        case .part: self = .part
        case .negative: self = .negative
        }
    }
}
