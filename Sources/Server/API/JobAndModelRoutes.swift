import Classifications
import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PatentClassification
import Storage

/// `/api/v1/jobs…`, `/api/v1/models…` and `/api/v1/events` (live job progress).
struct JobAndModelRoutes {
    let services: ServerServices
    var store: Store { services.store }

    struct EvaluateRequest: Decodable {
        var collectionID: String
        var firstIsMain: Bool?

        enum CodingKeys: String, CodingKey { case collectionID = "collection_id", firstIsMain = "first_is_main" }
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.get("jobs") { request, context -> PageDTO<JobDTO> in
            try context.require(.viewer)
            var status: JobStatus? = nil
            if let raw = request.uri.queryParameters.get("status") {
                guard let parsed = JobStatus(rawValue: raw) else {
                    let names = JobStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError.badRequest("status '\(raw)': use one of \(names)")
                }
                status = parsed
            }
            let collection = try request.idParameter("collection_id")
            let page = try await store.jobs(status: status, collectionID: collection, limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { JobDTO($0) }
        }
        api.get("jobs/{id}") { request, context -> JobDTO in
            try context.require(.viewer)
            return JobDTO(try await job(context))
        }
        api.post("jobs/{id}/cancel") { request, context -> Response in
            try context.requireForChange(.examiner)
            let job = try await job(context)
            guard !job.status.isFinished else {
                throw APIError(.conflict, code: "conflict", "job \(job.id) has already ended (\(job.status.rawValue))")
            }
            guard let updated = try await store.requestCancel(jobID: job.id) else { throw APIError.notFound("job \(job.id)") }
            return try Response.json(JobDTO(updated), status: .accepted)
        }

        api.get("models") { request, context -> PageDTO<ModelDTO> in
            try context.require(.viewer)
            let collection = try request.idParameter("collection_id")
            let page = try await store.models(collectionID: collection, limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { ModelDTO($0, details: false) }
        }
        api.get("models/{id}") { request, context -> ModelDTO in
            try context.require(.viewer)
            return ModelDTO(try await model(context))
        }
        api.post("models/{id}/activate") { request, context -> Response in
            let user = try context.requireForChange(.administrator)
            let model = try await model(context)
            guard let activated = try await store.activateModel(id: model.id) else { throw APIError.notFound("model \(model.id)") }
            services.activeModels.invalidate()
            try await store.audit(
                user: user, action: "activate model", target: "model \(model.id)",
                details: "collection \(model.collectionID), \(model.level), version \(model.version)")
            return try Response.json(ModelDTO(activated, details: false))
        }
        api.post("models/{id}/evaluate") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let model = try await model(context)
            let body = try await request.decodeJSON(as: EvaluateRequest.self, context: context)
            guard let collectionID = Int64(body.collectionID), try await store.collection(id: collectionID) != nil else {
                throw APIError.notFound("collection \(body.collectionID)")
            }
            let parameters = EvaluateParameters(modelID: model.id, firstIsMain: body.firstIsMain ?? false)
            let job = try await store.enqueueJob(
                kind: .evaluate, collectionID: collectionID, modelID: model.id, parameters: JSONCoding.encode(parameters),
                createdBy: user.id)
            return try Response.json(JobDTO(job), status: .accepted)
        }
        api.get("models/{id}/download") { request, context -> Response in
            try context.require(.viewer)
            let model = try await model(context)
            guard let bytes = try await store.modelData(id: model.id) else { throw APIError.notFound("model \(model.id)'s data") }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            let fileName = "model-\(model.id)-\(model.level)-v\(model.version).ipaimodel"
            headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        // Server-sent events: every job change, from whichever server made it.
        api.get("events") { request, context -> Response in
            try context.require(.viewer)
            let notifications = store.database.notifications()
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                // A comment every 15 s keeps proxies from closing an idle stream.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    let (stream, continuation) = AsyncStream<String>.makeStream()
                    group.addTask {
                        for await message in notifications { continuation.yield(message) }
                        continuation.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: .seconds(15))
                            continuation.yield("")
                        }
                    }
                    for await message in stream {
                        if message.isEmpty {
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        } else if let event = JobEvent(message: message) {
                            let payload = JSONCoding.encode(JobEventDTO(event))
                            try await writer.write(ByteBuffer(string: "event: job\ndata: \(payload)\n\n"))
                        }
                    }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    private func job(_ context: AppRequestContext) async throws -> JobRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let job = try await store.job(id: id) else { throw APIError.notFound("job \(raw)") }
        return job
    }

    private func model(_ context: AppRequestContext) async throws -> ModelRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let model = try await store.model(id: id) else { throw APIError.notFound("model \(raw)") }
        return model
    }
}

struct JobEventDTO: Encodable {
    var id: String
    var status: String
    var progress: Double?
    var phase: String?

    init(_ event: JobEvent) {
        id = String(event.jobID)
        status = event.status.rawValue
        progress = event.progress
        phase = event.phase
    }
}
