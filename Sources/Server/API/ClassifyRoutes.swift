import Classifications
import Core
import Foundation
import Hummingbird
import PatentClassification
import Storage

/// `/api/v1/classify` (one text or a batch) and `/api/v1/ipccat` (IPCCAT-compatible GET).
struct ClassifyRoutes {
    let services: ServerServices
    var store: Store { services.store }

    struct ClassifyRequest: Decodable {
        var text: String?
        var texts: [String]?
        var modelID: String?
        var collectionID: String?
        var level: String?
        var count: Int?
        var threshold: Double?
        var restrictTo: [String]?
        var explain: Bool?
        var titleLanguage: String?

        enum CodingKeys: String, CodingKey {
            case text, texts, level, count, threshold, explain
            case modelID = "model_id", collectionID = "collection_id", restrictTo = "restrict_to", titleLanguage = "title_language"
        }
    }

    struct ClassifyResponse: ResponseEncodable {
        var model: ModelSummary
        var suggestions: [SuggestionDTO]?
        var results: [[SuggestionDTO]]?
    }

    struct ModelSummary: Encodable {
        var id: String
        var level: String
        var version: Int
        var collectionID: String

        enum CodingKeys: String, CodingKey { case id, level, version, collectionID = "collection_id" }
    }

    struct SuggestionDTO: Encodable {
        var symbol: String
        var confidence: Double
        var title: String?
        var path: [HierarchyPath.Step]
        var decisiveTerms: [TermDTO]?

        enum CodingKeys: String, CodingKey { case symbol, confidence, title, path, decisiveTerms = "decisive_terms" }

        init(_ suggestion: Suggestion) {
            symbol = suggestion.symbol.description
            confidence = (suggestion.confidence * 10_000).rounded() / 10_000
            title = suggestion.title
            path = suggestion.path.steps
            decisiveTerms = suggestion.decisiveTerms?.map(TermDTO.init)
        }
    }

    struct TermDTO: Encodable {
        var term: String
        var weight: Double
        var occurrences: [String]
        /// UTF-8 byte offsets `[start, end)` of each occurrence in the text.
        var ranges: [[Int]]

        init(_ term: DecisiveTerm) {
            self.term = term.term
            weight = (term.weight * 10_000).rounded() / 10_000
            occurrences = term.occurrences
            ranges = term.ranges.map { [$0.lowerBound, $0.upperBound] }
        }
    }

    /// One IPCCAT result.
    struct IPCCATResult: ResponseEncodable {
        var score: Double
        var code: String
        var display: String
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.post("classify") { request, context -> ClassifyResponse in
            try context.require(.viewer)
            let body = try await request.decodeJSON(as: ClassifyRequest.self, context: context)
            var level: SymbolLevel? = nil
            if let text = body.level { level = try SymbolLevel(parsing: text) }
            let (record, model) = try await resolveModel(
                modelID: body.modelID, collectionID: body.collectionID, level: level)
            if let count = body.count, !(1...100).contains(count) {
                throw APIError.badRequest("count \(count): ask for 1 to 100 suggestions")
            }
            if let threshold = body.threshold, !(0...1).contains(threshold) {
                throw APIError.badRequest("threshold \(threshold): use a confidence from 0 to 1")
            }
            if let texts = body.texts, texts.count > 1000 {
                throw APIError.badRequest("at most 1000 texts per request, got \(texts.count)")
            }
            var restrict: [ClassificationSymbol] = []
            for (index, text) in (body.restrictTo ?? []).enumerated() {
                do {
                    restrict.append(try ClassificationSymbol(parsing: text))
                } catch let error as IPAIError {
                    throw APIError(.badRequest, code: error.code.rawValue, "restrict_to[\(index)]: \(error.description)")
                }
            }
            let options = SuggestOptions(
                count: body.count ?? 5, level: level, threshold: body.threshold ?? 0, restrictTo: restrict,
                explain: body.explain ?? false, titleLanguage: body.titleLanguage ?? context.language)
            let summary = ModelSummary(
                id: String(record.id), level: record.level, version: record.version, collectionID: String(record.collectionID))
            if let texts = body.texts {
                guard texts.count <= 1000 else { throw APIError.badRequest("at most 1000 texts per request, got \(texts.count)") }
                guard body.text == nil else { throw APIError.badRequest("give either 'text' or 'texts', not both") }
                // A batch uses all cores off the request threads; a single text is cheap enough inline.
                let results = try await offloaded { try model.suggest(texts, options: options) }
                return ClassifyResponse(model: summary, results: results.map { $0.map(SuggestionDTO.init) })
            }
            guard let text = body.text else { throw APIError.badRequest("missing 'text' (or 'texts' for a batch)") }
            let suggestions = try model.suggest(text, options: options)
            return ClassifyResponse(model: summary, suggestions: suggestions.map(SuggestionDTO.init))
        }

        // IPCCAT compatibility: GET ?text=…&lang=en&numberofpredictions=3&hierarchiclevel=SUBCLASS
        api.get("ipccat") { request, context -> [IPCCATResult] in
            try context.require(.viewer)
            let query = request.uri.queryParameters
            guard let text = query.get("text"), !text.isEmpty else { throw APIError.badRequest("missing 'text'") }
            var count = 3
            if let raw = query.get("numberofpredictions") {
                guard let value = Int(raw), (1...100).contains(value) else {
                    throw APIError.badRequest("numberofpredictions '\(raw)': use a whole number from 1 to 100")
                }
                count = value
            }
            let level = try SymbolLevel(parsing: query.get("hierarchiclevel") ?? "SUBCLASS")
            let (_, model) = try await resolveModel(modelID: nil, collectionID: nil, level: level)
            let suggestions = try model.suggest(text, options: SuggestOptions(count: count, level: level, titleLanguage: query.get("lang") ?? "en"))
            return suggestions.map { suggestion in
                let code = suggestion.symbol.description
                return IPCCATResult(
                    score: (suggestion.confidence * 10_000).rounded() / 10_000, code: code,
                    display: suggestion.title.map { "\(code) – \($0)" } ?? code)
            }
        }
    }

    /// The model to classify with: the one asked for, else the active model of the collection
    /// (and level) asked for, else the newest active model that can answer at `level`.
    func resolveModel(modelID: String?, collectionID: String?, level: SymbolLevel?) async throws -> (ModelRecord, ClassificationModel) {
        if let modelID {
            guard let id = Int64(modelID), let record = try await store.model(id: id) else { throw APIError.notFound("model \(modelID)") }
            return (record, try await services.models.model(id: record.id))
        }
        var collection: Int64? = nil
        if let raw = collectionID {
            guard let id = Int64(raw) else { throw APIError.notFound("collection \(raw)") }
            collection = id
        }
        var candidates = try await store.activeModels().filter { collection == nil || $0.collectionID == collection }
        if let level {
            // A model at the level itself, else one at a deeper level (its suggestions aggregate up).
            candidates = candidates.filter { record in
                guard let modelLevel = try? SymbolLevel(parsing: record.level) else { return false }
                return modelLevel >= level
            }
            // Exact level first, then newest.
            func rank(_ record: ModelRecord) -> (Int, Int64) { (record.level == level.name ? 0 : 1, -record.id) }
            candidates.sort { rank($0) < rank($1) }
        }
        guard let record = candidates.first else {
            let scope = collection.map { " for collection \($0)" } ?? ""
            throw APIError(.notFound, code: "no_model", "no active model\(scope)\(level.map { " at \($0) level" } ?? ""); train one first")
        }
        return (record, try await services.models.model(id: record.id))
    }
}

