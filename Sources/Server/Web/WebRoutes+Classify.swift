import Classifications
import Core
import Foundation
import Hummingbird
import PatentClassification
import Storage

/// `/`: classify a text.
extension WebRoutes {
    func addClassifyRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("/") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            return ClassifyPage.render(page, request: ClassifyPage.Query(), models: try await modelChoices(page), result: nil, error: nil)
        }
        pages.post("/") { request, context -> Response in
            let (form, _) = try await changeForm(request, context, role: .viewer)
            let page = PageContext(request, context)
            var query = ClassifyPage.Query()
            query.text = form.raw("text") ?? ""
            if let file = form.files["file"], !file.bytes.isEmpty {
                var bytes = file.bytes
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                query.text = String(decoding: bytes, as: UTF8.self)
            }
            query.level = form["level"] ?? ""
            query.count = min(max(Int(form["count"] ?? "") ?? 5, 1), 100)
            query.threshold = min(max(Double(form["threshold"] ?? "") ?? 0, 0), 1)
            query.restrict = form["restrict"] ?? ""
            query.model = form["model"] ?? ""
            let models = try await modelChoices(page)
            let (result, error) = await classify(query, page: page)
            return ClassifyPage.render(page, request: query, models: models, result: result, error: error)
        }
    }

    /// The suggestions, or a message saying what is wrong with the request.
    func classify(_ query: ClassifyPage.Query, page: PageContext) async -> (ClassifyPage.Result?, String?) {
        guard !query.text.allSatisfy(\.isWhitespace) else { return (nil, page.t("classify.empty")) }
        do {
            let level = query.level.isEmpty ? nil : try SymbolLevel(parsing: query.level)
            var restrict: [ClassificationSymbol] = []
            for part in query.restrict.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let text = part.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { restrict.append(try ClassificationSymbol(parsing: text)) }
            }
            let (record, model) = try await ClassifyRoutes(services: services).resolveModel(
                modelID: query.model.isEmpty ? nil : query.model, collectionID: nil, level: level)
            let options = SuggestOptions(
                count: query.count, level: level, threshold: query.threshold, restrictTo: restrict, explain: true,
                titleLanguage: page.language)
            let suggestions = try model.suggest(query.text, options: options)
            let collection = try await store.collection(id: record.collectionID)
            let label = modelLabel(record, collection: collection?.name, page: page)
            return (ClassifyPage.Result(modelLabel: label, suggestions: suggestions), nil)
        } catch let error as APIError {
            return (nil, error.code == "no_model" ? page.t("classify.noModel") + " (" + error.message + ")" : error.message)
        } catch let error as IPAIError {
            return (nil, error.message)
        } catch {
            services.logger.error("classify page: \(error)")
            return (nil, page.t("error.internal.text"))
        }
    }

    /// Every model, newest first, for the model menu.
    func modelChoices(_ page: PageContext) async throws -> [ClassifyPage.ModelChoice] {
        let models = try await store.models(limit: 200).items
        var names: [Int64: String] = [:]
        for id in Set(models.map(\.collectionID)) { names[id] = try await store.collection(id: id)?.name }
        return models.map { ClassifyPage.ModelChoice(id: $0.id, label: modelLabel($0, collection: names[$0.collectionID], page: page)) }
    }

    /// `Demo patents · subclass · v2 (active)`.
    func modelLabel(_ record: ModelRecord, collection: String?, page: PageContext) -> String {
        var label = "\(collection ?? page.t("models.collection") + " \(record.collectionID)") · \(page.label("level", record.level)) · v\(record.version)"
        if record.active { label += " (" + page.t("models.active") + ")" }
        return label
    }
}
