import Classifications
import Foundation
import Hummingbird
import TrademarkSearch

/// A mark as the API returns it (ids as strings; Vienna codes in EUIPO notation `03.01.02`).
struct MarkDTO: ResponseEncodable, Sendable {
    struct Image: Encodable, Sendable {
        var format: String
        var bytes: Int
        var width: Int
        var height: Int
        /// The PNG thumbnail (never the uploaded file).
        var url: String
    }

    var id: String
    var externalID: String
    var name: String
    var vienna: [String]
    var nice: [Int]
    var owner: String
    var status: String
    var filed: String?
    var registered: String?
    var image: Image?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, externalID = "external_id", name, vienna, nice, owner, status, filed, registered, image
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ mark: Mark) {
        id = String(mark.id)
        externalID = mark.details.externalID
        name = mark.details.name
        vienna = mark.details.vienna.map(ViennaNotation.euipo)
        nice = mark.details.nice
        owner = mark.details.owner
        status = mark.details.status.rawValue
        filed = mark.details.filed
        registered = mark.details.registered
        image = mark.imageFormat.map { format in
            Image(format: format, bytes: mark.imageBytes, width: mark.width, height: mark.height, url: "/api/v1/marks/\(mark.id)/image")
        }
        createdAt = Date(milliseconds: mark.createdAt)
        updatedAt = Date(milliseconds: mark.updatedAt)
    }
}

/// One search result: the mark, its score, each descriptor's similarity and the view that matched (the explanation).
struct MarkHitDTO: Encodable, Sendable {
    var id: String
    var externalID: String
    var score: Double
    var similarities: [String: Double]
    var matchedView: String
    var mark: MarkDTO?

    enum CodingKeys: String, CodingKey { case id, externalID = "external_id", score, similarities, matchedView = "matched_view", mark }

    init(_ hit: MarkHit, mark: Mark?) {
        id = String(hit.id)
        externalID = hit.externalID
        score = Self.rounded(hit.score)
        similarities = hit.similarities.mapValues(Self.rounded)
        matchedView = hit.view.rawValue
        self.mark = mark.map(MarkDTO.init)
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}

/// The answer to a search: the mode used, the results best first, and the search time.
struct MarkSearchDTO: ResponseEncodable, Sendable {
    var mode: String
    var results: [MarkHitDTO]
    var elapsedMs: Double

    enum CodingKeys: String, CodingKey { case mode, results, elapsedMs = "elapsed_ms" }
}

/// One suggested Vienna code with its title (when the server has a scheme file).
struct ViennaSuggestionDTO: Encodable, Sendable {
    var code: String
    var wipo: String?
    var level: String
    var score: Double
    var neighbourSupport: Double
    var prior: Double
    var title: String?

    enum CodingKeys: String, CodingKey { case code, wipo, level, score, neighbourSupport = "neighbour_support", prior, title }

    init(_ suggestion: ViennaSuggestion, scheme: ViennaScheme?) {
        code = suggestion.code.euipoNotation
        wipo = suggestion.code.wipoNotation
        level = suggestion.level.name
        score = MarkHitDTO.rounded(suggestion.score)
        neighbourSupport = MarkHitDTO.rounded(suggestion.neighbourSupport)
        prior = MarkHitDTO.rounded(suggestion.prior)
        title = scheme?.title(of: suggestion.code)
    }
}

/// Vienna suggestions beside the frequency-only baseline, with the neighbours they come from.
struct ViennaAdviceDTO: ResponseEncodable, Sendable {
    struct Neighbour: Encodable, Sendable {
        var id: String
        var externalID: String
        var score: Double

        enum CodingKeys: String, CodingKey { case id, externalID = "external_id", score }
    }

    var suggestions: [ViennaSuggestionDTO]
    var baseline: [ViennaSuggestionDTO]
    var neighbours: [Neighbour]
    var titles: Bool
    var elapsedMs: Double

    enum CodingKeys: String, CodingKey { case suggestions, baseline, neighbours, titles, elapsedMs = "elapsed_ms" }

    init(_ advice: ViennaAdvice, scheme: ViennaScheme?, elapsedMs: Double) {
        suggestions = advice.suggestions.map { ViennaSuggestionDTO($0, scheme: scheme) }
        baseline = advice.baseline.map { ViennaSuggestionDTO($0, scheme: scheme) }
        neighbours = advice.neighbours.map { Neighbour(id: String($0.id), externalID: $0.externalID, score: MarkHitDTO.rounded($0.score)) }
        titles = scheme != nil
        self.elapsedMs = elapsedMs
    }
}
