import Core
import Foundation
import HTTPTypes
import Hummingbird
import Landscape
import NIOCore
import Storage

/// `/api/v1/landscapes…`: datasets (upload or collection), report runs, reports as JSON, HTML
/// and CSV, and queries on a dataset's index. Viewers read, examiners create and run,
/// administrators delete.
struct LandscapeRoutes {
    let services: ServerServices
    var actions: LandscapeActions { LandscapeActions(services: services) }
    var landscapes: LandscapeStore { LandscapeStore(services.store) }

    struct NewDataset: Decodable {
        var name: String?
        var collectionID: String

        enum CodingKeys: String, CodingKey { case name, collectionID = "collection_id" }
    }

    struct NewReport: Decodable {
        var name: String?
        /// A definition object, or the name of a shipped one (`ai-witt-cset`); absent: the shipped AI definition.
        var definition: JSONValue?
        var growthStart: Int?
        var growthEnd: Int?
        var topN: Int?
        var firstYear: Int?
        var lastYear: Int?

        enum CodingKeys: String, CodingKey {
            case name, definition, growthStart = "growth_start", growthEnd = "growth_end", topN = "top_n"
            case firstYear = "first_year", lastYear = "last_year"
        }
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.get("landscapes/datasets") { request, context -> PageDTO<LandscapeDatasetDTO> in
            try context.require(.viewer)
            let page = try await landscapes.datasets(limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { LandscapeDatasetDTO($0) }
        }
        api.post("landscapes/datasets") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let contentType = request.headers[.contentType]?.lowercased()
            if contentType?.hasPrefix("application/json") == true {
                let body = try await request.decodeJSON(as: NewDataset.self, context: context)
                guard let collectionID = Int64(body.collectionID) else { throw APIError.badRequest("collection_id '\(body.collectionID)' is not an id") }
                let (dataset, job) = try await actions.importCollection(collectionID, name: body.name, user: user)
                return try Self.created(LandscapeDatasetDTO(dataset), job, key: "dataset")
            }
            let fileName = String((request.uri.queryParameters.get("file_name") ?? "upload").prefix(200))
            let format = try LandscapeActions.format(explicit: request.uri.queryParameters.get("format"), fileName: fileName, contentType: contentType)
            let name = request.uri.queryParameters.get("name") ?? fileName
            let bytes = try await readUpload(request)
            let (dataset, job) = try await actions.importUpload(bytes: bytes, name: name, fileName: fileName, format: format, user: user)
            return try Self.created(LandscapeDatasetDTO(dataset), job, key: "dataset")
        }
        api.get("landscapes/datasets/{id}") { request, context -> LandscapeDatasetDTO in
            try context.require(.viewer)
            return LandscapeDatasetDTO(try await dataset(context))
        }
        api.delete("landscapes/datasets/{id}") { request, context -> Response in
            let user = try context.requireForChange(.administrator)
            let dataset = try await dataset(context)
            try await landscapes.deleteDataset(id: dataset.id)
            LandscapeIndexCache.shared.forget(dataset.id)
            try await services.store.audit(user: user, action: "delete landscape dataset", target: "dataset \(dataset.id)", details: dataset.name)
            return Response(status: .noContent)
        }
        api.get("landscapes/datasets/{id}/search") { request, context -> LandscapeSearchDTO in
            try context.require(.viewer)
            let dataset = try await dataset(context)
            guard let query = request.uri.queryParameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError.badRequest("q: give a query, e.g. q=neural 1W network+ AND PY=2015-")
            }
            let limit = min(max(Int(request.uri.queryParameters.get("limit") ?? "") ?? 20, 0), 1000)
            let found = try await actions.search(dataset, query: query, limit: limit)
            return LandscapeSearchDTO(query: query, count: found.count, ids: found.ids, elapsedMs: found.milliseconds)
        }
        api.post("landscapes/datasets/{id}/reports") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let dataset = try await dataset(context)
            let body = try await request.decodeJSON(as: NewReport.self, context: context)
            var definition: Data? = nil
            switch body.definition {
            case nil, .null: break
            case .string(let name) where name == "ai-witt-cset": break
            case .string(let name): throw APIError.badRequest("definition '\(name)': give a definition object or 'ai-witt-cset'")
            case .some(let value): definition = try JSONEncoder().encode(value)
            }
            let options = ReportOptions(
                growthStart: body.growthStart, growthEnd: body.growthEnd, topApplicants: body.topN ?? 20,
                firstYear: body.firstYear, lastYear: body.lastYear)
            let (report, job) = try await actions.runReport(dataset: dataset, definitionJSON: definition, options: options, name: body.name, user: user)
            return try Self.created(LandscapeReportDTO(report, options: options, report: nil), job, key: "report")
        }
        api.get("landscapes/reports") { request, context -> PageDTO<LandscapeReportDTO> in
            try context.require(.viewer)
            let datasetID = try request.uri.queryParameters.get("dataset_id").map { raw -> Int64 in
                guard let id = Int64(raw) else { throw APIError.badRequest("dataset_id '\(raw)' is not an id") }
                return id
            }
            let page = try await landscapes.reports(datasetID: datasetID, limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { LandscapeReportDTO($0, options: landscapes.decodedOptions($0), report: nil) }
        }
        api.get("landscapes/reports/{id}") { request, context -> LandscapeReportDTO in
            try context.require(.viewer)
            let record = try await reportRecord(context)
            return LandscapeReportDTO(record, options: landscapes.decodedOptions(record), report: try landscapes.decodedReport(record))
        }
        api.delete("landscapes/reports/{id}") { request, context -> Response in
            let user = try context.requireForChange(.administrator)
            let record = try await reportRecord(context)
            try await landscapes.deleteReport(id: record.id)
            try await services.store.audit(user: user, action: "delete landscape report", target: "report \(record.id)", details: record.name)
            return Response(status: .noContent)
        }
        api.get("landscapes/reports/{id}/report.json") { request, context -> Response in
            try context.require(.viewer)
            let report = try await finished(context)
            return Self.body([UInt8](report.json()), type: "application/json; charset=utf-8")
        }
        api.get("landscapes/reports/{id}/report.html") { request, context -> Response in
            try context.require(.viewer)
            let report = try await finished(context)
            return Self.html(report.html())
        }
        api.get("landscapes/reports/{id}/tables/{table}.csv") { request, context -> Response in
            try context.require(.viewer)
            let report = try await finished(context)
            let table = try context.parameters.require("table")
            guard let csv = report.csv(table: table) else {
                throw APIError.notFound("table '\(table)' (tables: \(report.tables.map(\.id).joined(separator: ", ")))")
            }
            var response = Self.body(Array(csv.utf8), type: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"\(table.filter { $0.isLetter || $0.isNumber || $0 == "_" }).csv\""
            return response
        }
    }

    /// The report page itself: self-contained (inline CSS and SVG, no script), served with a
    /// policy that forbids scripts and outside loads.
    static func html(_ text: String) -> Response {
        var response = body(Array(text.utf8), type: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
        return response
    }

    static func body(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "private, no-cache", HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func created<Item: Encodable & Sendable>(_ item: Item, _ job: JobRecord, key: String) throws -> Response {
        try Response.json(LandscapeCreatedDTO(item: item, job: JobDTO(job), key: key), status: .accepted)
    }

    /// The request body, at most the upload limit.
    func readUpload(_ request: Request) async throws -> [UInt8] {
        let limit = services.configuration.maxUploadBytes
        var buffer = ByteBuffer()
        for try await part in request.body {
            guard buffer.readableBytes + part.readableBytes <= limit else { throw APIError.tooLarge(limit: limit, what: "upload") }
            var part = part
            buffer.writeBuffer(&part)
        }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    func dataset(_ context: AppRequestContext) async throws -> LandscapeDataset {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let dataset = try await landscapes.dataset(id: id) else { throw APIError.notFound("landscape dataset \(raw)") }
        return dataset
    }

    func reportRecord(_ context: AppRequestContext) async throws -> LandscapeReportRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let record = try await landscapes.report(id: id) else { throw APIError.notFound("landscape report \(raw)") }
        return record
    }

    /// The finished report; 409 while it is queued or running, with the failure message if it failed.
    func finished(_ context: AppRequestContext) async throws -> LandscapeReport {
        let record = try await reportRecord(context)
        guard let report = try landscapes.decodedReport(record) else {
            let detail = record.status == .failed ? "failed: \(record.message)" : "\(record.status.rawValue): wait for its job"
            throw APIError(.conflict, code: "not_ready", "landscape report \(record.id) is \(detail)")
        }
        return report
    }
}
