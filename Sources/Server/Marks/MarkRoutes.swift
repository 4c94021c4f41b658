import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import TrademarkSearch

/// The `/api/v1` routes of trademark image search and Vienna suggestions: the register
/// (`/marks…`), search by image, "more like this" and Vienna suggestions.
struct MarkRoutes {
    let services: ServerServices
    var query: MarkQuery { MarkQuery(services: services) }
    var register: MarkRegister { services.marks }

    /// A mark's data as JSON (`POST /marks` without an image, `PATCH /marks/{id}`): every field optional on PATCH.
    struct MarkFields: Decodable {
        var id: String?
        var name: String?
        var vienna: [String]?
        var nice: [Int]?
        var owner: String?
        var status: String?
        var filed: String?
        var registered: String?
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.get("marks") { request, context -> PageDTO<MarkDTO> in
            try context.require(.viewer)
            let status = try request.uri.queryParameters.get("status").map { raw throws(IPAIError) in try MarkStatus.parse(raw) }
            let page = try await register.marks.list(status: status, limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { MarkDTO($0) }
        }
        api.post("marks") { request, context -> Response in
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            if contentType.hasPrefix("application/json") {
                let user = try context.requireForChange(.examiner)
                let fields = try await request.decodeJSON(as: MarkFields.self, context: context)
                let mark = try await register.add(try Self.details(fields, over: nil), image: nil)
                try await audit(user, "add mark", mark, details: "without image")
                return try Response.json(MarkDTO(mark), status: .created)
            }
            // The form is read first: a session's CSRF token may be one of its fields.
            try context.require(.examiner)
            let upload = try await query.upload(request, required: false)
            let user = try context.requireForChange(.examiner, formToken: upload.form.raw("_csrf"))
            let details = try Self.details(upload.form)
            let mark = try await register.add(details, image: upload.bytes.isEmpty ? nil : upload.bytes, name: upload.name)
            try await audit(user, "add mark", mark, details: mark.imageFormat.map { "image \($0), \(mark.imageBytes) bytes" } ?? "without image")
            return try Response.json(MarkDTO(mark), status: .created)
        }
        api.post("marks/search") { request, context -> MarkSearchDTO in
            try context.require(.viewer)
            let upload = try await query.upload(request)
            let options = try MarkQuery.options { name in
                request.uri.queryParameters.getAll(name) + upload.form.all(name)
            }
            let start = ContinuousClock.now
            let hits = try register.search(image: upload.bytes, name: upload.name, options: options)
            let elapsed = MarkQuery.milliseconds(since: start)
            return MarkSearchDTO(mode: options.mode.rawValue, results: try await query.results(hits), elapsedMs: elapsed)
        }
        api.post("marks/suggest-vienna") { request, context -> ViennaAdviceDTO in
            try context.require(.viewer)
            let upload = try await query.upload(request)
            let raw = request.uri.queryParameters.get("count") ?? upload.form["count"]
            var count = 10
            if let raw {
                guard let value = Int(raw), (1...100).contains(value) else {
                    throw APIError.badRequest("count '\(raw)': use a whole number from 1 to 100")
                }
                count = value
            }
            let scheme = MarkViennaTitles.scheme(services)
            let start = ContinuousClock.now
            let advice = try register.suggestVienna(
                image: upload.bytes, name: upload.name, count: count, suggester: MarkViennaTitles.suggester(scheme))
            return ViennaAdviceDTO(advice, scheme: scheme, elapsedMs: MarkQuery.milliseconds(since: start))
        }
        api.get("marks/{id}") { request, context -> MarkDTO in
            try context.require(.viewer)
            return MarkDTO(try await query.mark(try context.parameters.require("id")))
        }
        api.patch("marks/{id}") { request, context -> MarkDTO in
            let user = try context.requireForChange(.examiner)
            let existing = try await query.mark(try context.parameters.require("id"))
            let fields = try await request.decodeJSON(as: MarkFields.self, context: context)
            let mark = try await register.update(id: existing.id, details: try Self.details(fields, over: existing.details), image: nil)
            try await audit(user, "update mark", mark, details: "data")
            return MarkDTO(mark)
        }
        api.delete("marks/{id}") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let existing = try await query.mark(try context.parameters.require("id"))
            guard try await register.delete(id: existing.id) else { throw APIError.notFound("mark '\(existing.details.externalID)'") }
            try await audit(user, "delete mark", existing, details: existing.details.name)
            return Response(status: .noContent)
        }
        api.put("marks/{id}/image") { request, context -> MarkDTO in
            let user = try context.requireForChange(.examiner)
            let existing = try await query.mark(try context.parameters.require("id"))
            let upload = try await query.upload(request)
            let mark = try await register.update(id: existing.id, details: nil, image: upload.bytes, name: upload.name)
            try await audit(user, "update mark", mark, details: "image \(mark.imageFormat ?? "?"), \(mark.imageBytes) bytes")
            return MarkDTO(mark)
        }
        api.get("marks/{id}/image") { request, context -> Response in
            try context.require(.viewer)
            let mark = try await query.mark(try context.parameters.require("id"))
            guard let png = try await register.marks.thumbnail(id: mark.id) else { throw APIError.notFound("the image of mark '\(mark.details.externalID)'") }
            return Self.png(png)
        }
        api.get("marks/{id}/similar") { request, context -> MarkSearchDTO in
            try context.require(.viewer)
            let mark = try await query.mark(try context.parameters.require("id"))
            let options = try MarkQuery.options { request.uri.queryParameters.getAll($0) }
            let start = ContinuousClock.now
            let hits = try register.similar(to: mark.id, options: options)
            let elapsed = MarkQuery.milliseconds(since: start)
            return MarkSearchDTO(mode: options.mode.rawValue, results: try await query.results(hits), elapsedMs: elapsed)
        }
    }

    /// A PNG response (thumbnails are made by IPAI's encoder, so they are safe to show inline).
    static func png(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "image/png", .cacheControl: "private, max-age=60", HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func audit(_ user: UserRecord, _ action: String, _ mark: Mark, details: String) async throws {
        try await services.store.audit(user: user, action: action, target: "mark \(mark.details.externalID)", details: details)
    }

    /// Details from JSON fields, each given field replacing the one of `existing`.
    /// - Throws: 400 naming the field (an id is needed for a new mark).
    static func details(_ fields: MarkFields, over existing: MarkDetails?) throws -> MarkDetails {
        try MarkDetails(
            externalID: fields.id ?? existing?.externalID ?? "", name: fields.name ?? existing?.name ?? "",
            vienna: fields.vienna ?? existing?.vienna ?? [], nice: fields.nice ?? existing?.nice ?? [],
            owner: fields.owner ?? existing?.owner ?? "",
            status: try fields.status.map { raw throws(IPAIError) in try MarkStatus.parse(raw) } ?? existing?.status ?? .filed,
            filed: fields.filed ?? existing?.filed, registered: fields.registered ?? existing?.registered)
    }

    /// Details from form fields (`id`, `name`, `vienna`, `nice`, `owner`, `status`, `filed`, `registered`).
    static func details(_ form: FormData) throws -> MarkDetails {
        try MarkDetails(
            externalID: form["id"] ?? "", name: form["name"] ?? "", vienna: MarkDetails.list(form["vienna"] ?? ""),
            nice: try MarkDetails.niceClasses(form["nice"] ?? ""), owner: form["owner"] ?? "",
            status: try form["status"].map { raw throws(IPAIError) in try MarkStatus.parse(raw) } ?? .filed,
            filed: form["filed"], registered: form["registered"])
    }
}
