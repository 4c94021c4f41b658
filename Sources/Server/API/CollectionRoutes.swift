import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PatentClassification
import Storage

/// `/api/v1/collections…`: corpora and their documents, uploads (imports), exports, training.
struct CollectionRoutes {
    let services: ServerServices
    var store: Store { services.store }

    struct NewCollection: Decodable {
        var name: String
        var description: String?
    }

    struct NewDocuments: Decodable {
        var documents: [JSONObject]
    }

    struct TrainRequest: Decodable {
        var level: String?
        var labelField: String?
        var textFields: [String]?
        var activate: Bool?
        var skipInvalid: Bool?

        enum CodingKeys: String, CodingKey {
            case level, labelField = "label_field", textFields = "text_fields", activate, skipInvalid = "skip_invalid"
        }
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        api.get("collections") { request, context -> PageDTO<CollectionDTO> in
            try context.require(.viewer)
            let page = try await store.collections(limit: request.pageLimit, cursor: request.pageCursor)
            return PageDTO(page) { CollectionDTO($0) }
        }
        api.post("collections") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let body = try await request.decodeJSON(as: NewCollection.self, context: context)
            let collection = try await store.createCollection(
                name: body.name, description: body.description ?? "", createdBy: user.id)
            return try Response.json(CollectionDTO(collection, documents: 0), status: .created)
        }
        api.get("collections/{id}") { request, context -> CollectionDTO in
            try context.require(.viewer)
            let collection = try await collection(context)
            return CollectionDTO(collection, documents: try await store.documentCount(collectionID: collection.id))
        }
        api.delete("collections/{id}") { request, context -> Response in
            let user = try context.requireForChange(.administrator)
            let collection = try await collection(context)
            _ = try await store.deleteCollection(id: collection.id)
            try await store.audit(user: user, action: "delete collection", target: collection.name)
            return Response(status: .noContent)
        }

        // Documents
        api.get("collections/{id}/documents") { request, context -> PageDTO<JSONObject> in
            try context.require(.viewer)
            let collection = try await collection(context)
            let page = try await store.documents(collectionID: collection.id, limit: request.pageLimit, after: request.pageCursor)
            return PageDTO(page) { JSONObject($0.document.jsonObject) }
        }
        api.get("collections/{id}/documents/{document}") { request, context -> JSONObject in
            try context.require(.viewer)
            let collection = try await collection(context)
            let id = try context.parameters.require("document")
            guard let stored = try await store.document(collectionID: collection.id, externalID: id) else {
                throw APIError.notFound("document '\(id)' in collection '\(collection.name)'")
            }
            return JSONObject(stored.document.jsonObject)
        }
        api.delete("collections/{id}/documents/{document}") { request, context -> Response in
            try context.requireForChange(.examiner)
            let collection = try await collection(context)
            let id = try context.parameters.require("document")
            guard try await store.deleteDocument(collectionID: collection.id, externalID: id) else {
                throw APIError.notFound("document '\(id)' in collection '\(collection.name)'")
            }
            return Response(status: .noContent)
        }
        api.post("collections/{id}/documents") { request, context -> Response in
            try context.requireForChange(.examiner)
            let collection = try await collection(context)
            let body = try await request.decodeJSON(as: NewDocuments.self, context: context)
            guard body.documents.count <= 1000 else {
                throw APIError.badRequest("at most 1000 documents per request; upload a file to /imports for more")
            }
            var documents: [PatentDocument] = []
            for (index, object) in body.documents.enumerated() {
                switch object.fields["id"] {
                case .string(let id) where !id.trimmingCharacters(in: .whitespaces).isEmpty: break
                case .integer: break
                default:
                    throw APIError.badRequest("documents[\(index)]: field 'id': every document needs a non-empty string id")
                }
                do {
                    documents.append(try PatentDocument(
                        jsonObject: object.value, location: InputLocation(file: "documents[\(index)]", line: index + 1)))
                } catch let error as IPAIError {
                    var message = "documents[\(index)]: \(error.message)"
                    if let field = error.location?.field { message += " (field '\(field)')" }
                    throw APIError(.badRequest, code: error.code.rawValue, message)
                }
            }
            let written = try await store.upsertDocuments(documents, collectionID: collection.id)
            return try Response.json(["written": written], status: .created)
        }

        // Import: the body is the file (JSONL or CSV), streamed into the store, then a job reads it.
        api.post("collections/{id}/imports") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let collection = try await collection(context)
            let format = request.uri.queryParameters.get("format")
                ?? (request.headers[.contentType]?.contains("csv") == true ? "csv" : "jsonl")
            guard CorpusReader.Format(rawValue: format) != nil else {
                throw APIError.badRequest("format '\(format)': use jsonl or csv")
            }
            let name = request.uri.queryParameters.get("file_name") ?? "upload.\(format)"
            let skipInvalid = try request.flag("skip_invalid")
            let upload = try await store.createUpload(fileName: name, format: format, createdBy: user.id)
            var buffer = ByteBuffer()
            var sequence = 0
            var total = 0
            do {
                for try await part in request.body {
                    total += part.readableBytes
                    guard total <= services.configuration.maxUploadBytes else {
                        throw APIError.tooLarge(limit: services.configuration.maxUploadBytes, what: "upload")
                    }
                    var part = part
                    buffer.writeBuffer(&part)
                    if buffer.readableBytes >= 1 << 20 {
                        try await store.appendUpload(id: upload.id, chunk: buffer.readBytes(length: buffer.readableBytes) ?? [], sequence: sequence)
                        sequence += 1
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 || sequence == 0 {
                    try await store.appendUpload(id: upload.id, chunk: buffer.readBytes(length: buffer.readableBytes) ?? [], sequence: sequence)
                }
            } catch {
                try? await store.deleteUpload(id: upload.id)
                throw error
            }
            let parameters = ImportParameters(uploadID: upload.id, format: format, skipInvalid: skipInvalid)
            let job = try await store.enqueueJob(
                kind: .importDocuments, collectionID: collection.id, parameters: JSONCoding.encode(parameters), createdBy: user.id)
            return try Response.json(JobDTO(job), status: .accepted)
        }

        // Export, streamed page by page.
        api.get("collections/{id}/export") { request, context -> Response in
            try context.require(.viewer)
            let collection = try await collection(context)
            let format = request.uri.queryParameters.get("format") ?? "jsonl"
            guard format == "jsonl" || format == "csv" else { throw APIError.badRequest("format '\(format)': use jsonl or csv") }
            let store = self.store
            let body = ResponseBody { writer in
                var cursor: Int64? = nil
                var symbolFields: [String]? = nil
                repeat {
                    let page = try await store.documents(collectionID: collection.id, limit: 500, after: cursor)
                    var text = ""
                    if format == "jsonl" {
                        for item in page.items { text += item.document.jsonLine + "\n" }
                    } else {
                        if symbolFields == nil {
                            let fields = Set(page.items.flatMap { $0.document.symbols.keys }).sorted()
                            symbolFields = fields
                            text += CSVExport.header(symbolFields: fields)
                        }
                        for item in page.items { text += CSVExport.row(item.document, symbolFields: symbolFields ?? []) }
                    }
                    try await writer.write(ByteBuffer(string: text))
                    cursor = page.next
                } while cursor != nil
                if format == "csv" && symbolFields == nil { try await writer.write(ByteBuffer(string: CSVExport.header(symbolFields: []))) }
                try await writer.finish(nil)
            }
            var headers = HTTPFields()
            headers[.contentType] = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"
            let safeName = collection.name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            headers[.contentDisposition] = "attachment; filename=\"\(safeName.isEmpty ? "collection" : safeName).\(format)\""
            return Response(status: .ok, headers: headers, body: body)
        }

        // Training
        api.post("collections/{id}/train") { request, context -> Response in
            let user = try context.requireForChange(.examiner)
            let collection = try await collection(context)
            let body = try await request.decodeJSON(as: TrainRequest.self, context: context)
            let parameters = TrainParameters(
                level: body.level ?? "subclass", labelField: body.labelField ?? "ipc",
                textFields: body.textFields ?? ["title", "abstract", "claims"], activate: body.activate ?? true,
                skipInvalid: body.skipInvalid ?? true)
            _ = try parameters.labelSource()
            _ = try parameters.fields()
            let job = try await store.enqueueJob(
                kind: .train, collectionID: collection.id, parameters: JSONCoding.encode(parameters), createdBy: user.id)
            return try Response.json(JobDTO(job), status: .accepted)
        }
    }

    private func collection(_ context: AppRequestContext) async throws -> CollectionRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let collection = try await store.collection(id: id) else {
            throw APIError.notFound("collection \(raw)")
        }
        return collection
    }
}

/// CSV export in the layout the importer reads back.
enum CSVExport {
    static let fixed = ["id", "title", "abstract", "claims", "description", "language", "year", "country", "applicants"]

    static func header(symbolFields: [String]) -> String {
        (fixed + symbolFields).joined(separator: ",") + "\n"
    }

    static func row(_ document: PatentDocument, symbolFields: [String]) -> String {
        var cells = [
            document.id, document.title ?? "", document.abstract ?? "", document.claims ?? "", document.description ?? "",
            document.language ?? "", document.year.map(String.init) ?? "", document.country ?? "",
            document.applicants.joined(separator: "; "),
        ]
        for field in symbolFields { cells.append((document.symbols[field] ?? []).joined(separator: "; ")) }
        return cells.map(quote).joined(separator: ",") + "\n"
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A JSON object of unknown shape (documents as clients send them and as the API returns them).
struct JSONObject: Codable, ResponseEncodable, Sendable {
    let fields: [String: JSONValue]

    init(fields: [String: JSONValue]) { self.fields = fields }

    /// From Foundation objects (as `JSONSerialization` makes them).
    init(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        if case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: data) {
            self.fields = fields
        } else {
            self.fields = [:]
        }
    }

    /// As Foundation objects (for `JSONSerialization`-based readers).
    var value: [String: Any] { fields.mapValues(\.foundation) }

    init(from decoder: any Decoder) throws {
        guard case .object(let object) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self, .init(codingPath: decoder.codingPath, debugDescription: "expected a JSON object"))
        }
        fields = object
    }

    func encode(to encoder: any Encoder) throws {
        try JSONValue.object(fields).encode(to: encoder)
    }
}

extension JSONValue {
    /// The value as Foundation objects (for JSONSerialization-based readers).
    var foundation: Any {
        switch self {
        case .null:
            return NSNull()
        case .bool(let value):
            return value
        case .integer(let value):
            return Int(value)
        case .number(let value):
            return value
        case .string(let value):
            return value
        case .array(let values):
            return values.map { (element: JSONValue) -> Any in element.foundation }
        case .object(let values):
            return values.mapValues { (element: JSONValue) -> Any in element.foundation }
        }
    }
}

