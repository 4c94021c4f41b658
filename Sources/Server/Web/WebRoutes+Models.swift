import Foundation
import Hummingbird
import PatentClassification
import Storage

/// `/models…`: list, a model's report, activate, evaluate.
extension WebRoutes {
    func addModelRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("models") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            var filter: CollectionRecord? = nil
            if let id = request.uri.queryParameters.get("collection", as: Int64.self) {
                guard let collection = try await store.collection(id: id) else { throw APIError.notFound("collection \(id)") }
                filter = collection
            }
            let models = try await store.models(
                collectionID: filter?.id, limit: 100, cursor: request.uri.queryParameters.get("cursor", as: Int64.self))
            let collections = try await store.collections(limit: 1000).items
            let names = Dictionary(collections.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var rows: [ModelPages.Row] = []
            for model in models.items {
                var name = names[model.collectionID]
                if name == nil { name = try await store.collection(id: model.collectionID)?.name }
                rows.append(ModelPages.Row(model: model, collectionName: name ?? "#\(model.collectionID)", report: Self.report(model)))
            }
            return ModelPages.list(page, rows: rows, collections: collections, filter: filter, next: models.next)
        }
        pages.get("models/{id}") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let model = try await model(context)
            let collection = try await store.collection(id: model.collectionID)
            let collections = try await store.collections(limit: 1000).items
            return ModelPages.detail(
                page, model: model, collection: collection, metadata: Self.metadata(model), report: Self.report(model),
                collections: collections)
        }
        pages.post("models/{id}/activate") { request, context -> Response in
            let (_, user) = try await changeForm(request, context, role: .administrator)
            let model = try await model(context)
            guard try await store.activateModel(id: model.id) != nil else { throw APIError.notFound("model \(model.id)") }
            services.activeModels.invalidate()
            try await store.audit(
                user: user, action: "activate model", target: "model \(model.id)",
                details: "collection \(model.collectionID), \(model.level), version \(model.version)")
            return Response.redirect(to: "/models/\(model.id)")
        }
        pages.post("models/{id}/evaluate") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .examiner)
            let model = try await model(context)
            return try await enqueueEvaluation(model, form: form, user: user)
        }
        pages.post("models/evaluate") { request, context -> Response in
            let (form, user) = try await changeForm(request, context, role: .examiner)
            guard let raw = form["model_id"], let id = Int64(raw), let model = try await store.model(id: id) else {
                throw APIError.notFound("model \(form["model_id"] ?? "")")
            }
            return try await enqueueEvaluation(model, form: form, user: user)
        }
    }

    private func enqueueEvaluation(_ model: ModelRecord, form: FormData, user: UserRecord) async throws -> Response {
        guard let raw = form["collection_id"], let collectionID = Int64(raw), try await store.collection(id: collectionID) != nil else {
            throw APIError.notFound("collection \(form["collection_id"] ?? "")")
        }
        let parameters = EvaluateParameters(modelID: model.id, firstIsMain: form.isChecked("first_is_main"))
        let job = try await store.enqueueJob(
            kind: .evaluate, collectionID: collectionID, modelID: model.id, parameters: JSONCoding.encode(parameters), createdBy: user.id)
        return Response.redirect(to: "/jobs?job=\(job.id)")
    }

    private func model(_ context: AppRequestContext) async throws -> ModelRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let model = try await store.model(id: id) else { throw APIError.notFound("model \(raw)") }
        return model
    }

    /// The model's latest evaluation report, as the evaluate job stored it.
    static func report(_ model: ModelRecord) -> EvaluationReport? {
        guard let text = model.evaluation else { return nil }
        return try? JSONDecoder().decode(EvaluationReport.self, from: Data(text.utf8))
    }

    static func metadata(_ model: ModelRecord) -> ModelMetadata? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(ModelMetadata.self, from: Data(model.metadata.utf8))
    }
}
