import Core
import Foundation

/// One result of a search: the mark, its overall score (0…1, higher is closer), how closely each
/// descriptor matched (`colour`, `hog`, `zernike`, `contour`, `hash`) and on which view (``MatchedView``),
/// which explain the rank.
public struct MarkHit: Sendable, Equatable {
    public var id: Int64
    public var externalID: String
    public var score: Double
    public var similarities: [String: Double]
    public var view: MatchedView

    public init(id: Int64, externalID: String, score: Double, similarities: [String: Double], view: MatchedView = .whole) {
        self.id = id
        self.externalID = externalID
        self.score = score
        self.similarities = similarities
        self.view = view
    }
}

/// What to search for: the mode, how many results, the weight of shape, colour and duplicate
/// likeness in the composite mode (nil: the index's tuned defaults), the filter, and a mark to
/// leave out ("more like this").
public struct MarkSearchOptions: Sendable, Equatable {
    public var mode: MarkSearchMode
    public var count: Int
    public var weights: MarkSearchWeights?
    public var filter: MarkFilter
    public var excluding: Int64?

    public init(mode: MarkSearchMode = .composite, count: Int = 10, weights: MarkSearchWeights? = nil, filter: MarkFilter = MarkFilter(), excluding: Int64? = nil) {
        self.mode = mode
        self.count = max(1, min(count, 1000))
        self.weights = weights
        self.filter = filter
        self.excluding = excluding
    }
}

extension MarkSearchOptions {
    /// The names of the composite weights, as `--weights` and `?weights=` take them.
    public static let weightNames = ["shape", "colour", "duplicate"]

    /// Composite weights from text such as `shape=0.7,colour=0.3` (missing names weigh 0).
    /// - Throws: `invalid_input` naming the field and the part that is wrong.
    public static func weights(parsing raw: String?, field: String = "weights") throws(IPAIError) -> MarkSearchWeights? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        var values: [String: Float] = [:]
        for part in raw.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let name = pair.first == "color" ? "colour" : pair.first ?? ""
            guard pair.count == 2, let value = Float(pair[1]), value >= 0, value.isFinite, weightNames.contains(name) else {
                throw IPAIError(
                    .invalidInput, "write weights as name=number (non-negative) with names shape, colour, duplicate",
                    at: InputLocation(field: field, value: String(part)))
            }
            values[name] = value
        }
        return MarkSearchWeights(shape: values["shape"] ?? 0, colour: values["colour"] ?? 0, duplicate: values["duplicate"] ?? 0)
    }
}
