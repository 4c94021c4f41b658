/// One result of a search: the mark, its overall score (0…1, higher is closer) and how closely
/// each descriptor matched (`colour`, `hog`, `zernike`, `contour`, `hash`), which explains the rank.
public struct MarkHit: Sendable, Equatable {
    public var id: Int64
    public var externalID: String
    public var score: Double
    public var similarities: [String: Double]

    public init(id: Int64, externalID: String, score: Double, similarities: [String: Double]) {
        self.id = id
        self.externalID = externalID
        self.score = score
        self.similarities = similarities
    }
}

/// What to search for: the mode, how many results, the weight of each descriptor in the
/// composite mode (nil: the engine's defaults), the filter, and a mark to leave out ("more like this").
public struct MarkSearchOptions: Sendable, Equatable {
    public var mode: MarkSearchMode
    public var count: Int
    public var weights: [String: Double]?
    public var filter: MarkFilter
    public var excluding: Int64?

    public init(mode: MarkSearchMode = .composite, count: Int = 10, weights: [String: Double]? = nil, filter: MarkFilter = MarkFilter(), excluding: Int64? = nil) {
        self.mode = mode
        self.count = max(1, min(count, 1000))
        self.weights = weights
        self.filter = filter
        self.excluding = excluding
    }
}
