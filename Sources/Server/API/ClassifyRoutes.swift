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

    /// The answer to `POST /classify`, written with ``JSONWriter`` (the hot path under load).
    /// Its fields and their order are those of the OpenAPI document's `ClassifyResponse`.
    struct ClassifyResponse {
        var model: ModelSummary
        var suggestions: [Suggestion]?
        var results: [[Suggestion]]?

        func response() -> Response {
            var json = JSONWriter()
            json.beginObject()
            json.key("model")
            json.beginObject()
            json.field("id", model.id)
            json.field("level", model.level)
            json.field("version", model.version)
            json.field("collection_id", model.collectionID)
            json.endObject()
            if let suggestions {
                json.key("suggestions")
                Self.write(suggestions, to: &json)
            }
            if let results {
                json.key("results")
                json.beginArray()
                for suggestions in results { Self.write(suggestions, to: &json) }
                json.endArray()
            }
            json.endObject()
            return json.response()
        }

        static func write(_ suggestions: [Suggestion], to json: inout JSONWriter) {
            json.beginArray()
            for suggestion in suggestions {
                json.beginObject()
                json.field("symbol", suggestion.symbol.description)
                json.field("confidence", rounded(suggestion.confidence))
                json.field("title", suggestion.title)
                json.key("path")
                json.beginArray()
                for step in suggestion.path.steps {
                    json.beginObject()
                    json.field("symbol", step.symbol.description)
                    json.field("title", step.title)
                    json.endObject()
                }
                json.endArray()
                if let terms = suggestion.decisiveTerms {
                    json.key("decisive_terms")
                    json.beginArray()
                    for term in terms { write(term, to: &json) }
                    json.endArray()
                }
                json.endObject()
            }
            json.endArray()
        }

        static func write(_ term: DecisiveTerm, to json: inout JSONWriter) {
            json.beginObject()
            json.field("term", term.term)
            json.field("weight", rounded(term.weight))
            json.key("occurrences")
            json.beginArray()
            for occurrence in term.occurrences { json.string(occurrence) }
            json.endArray()
            json.key("ranges")
            json.beginArray()
            for range in term.ranges {
                json.beginArray()
                json.integer(range.lowerBound)
                json.integer(range.upperBound)
                json.endArray()
            }
            json.endArray()
            json.endObject()
        }
    }

    /// Confidences and weights to four decimals (more is noise, and shorter answers).
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    struct ModelSummary: Encodable {
        var id: String
        var level: String
        var version: Int
        var collectionID: String

        enum CodingKeys: String, CodingKey { case id, level, version, collectionID = "collection_id" }
    }

    /// One IPCCAT result.
    struct IPCCATResult: ResponseEncodable {
        var score: Double
        var code: String
        var display: String
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.post("classify") { request, context -> Response in
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
                return ClassifyResponse(model: summary, results: results).response()
            }
            guard let text = body.text else { throw APIError.badRequest("missing 'text' (or 'texts' for a batch)") }
            let suggestions = try model.suggest(text, options: options)
            return ClassifyResponse(model: summary, suggestions: suggestions).response()
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
                    score: Self.rounded(suggestion.confidence), code: code,
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
        var candidates = try await services.activeModels.models().filter { collection == nil || $0.collectionID == collection }
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

