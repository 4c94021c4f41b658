import Classifications
import Foundation
import Hummingbird
import PatentClassification
import Storage

/// A keyset page as the API returns it: `items`, and `next_cursor` for the following page.
struct PageDTO<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }

    init<Record>(_ page: Page<Record>, _ map: (Record) -> Item) {
        items = page.items.map(map)
        nextCursor = page.next.map(String.init)
    }
}

struct CollectionDTO: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var description: String
    var createdAt: Date
    var documents: Int?

    enum CodingKeys: String, CodingKey { case id, name, description, createdAt = "created_at", documents }

    init(_ record: CollectionRecord, documents: Int? = nil) {
        id = String(record.id)
        name = record.name
        description = record.description
        createdAt = Date(milliseconds: record.createdAt)
        self.documents = documents
    }
}

struct JobDTO: ResponseEncodable, Sendable {
    var id: String
    var kind: String
    var status: String
    var collectionID: String?
    var modelID: String?
    var progress: Double
    var phase: String
    var message: String
    var parameters: JSONValue?
    var result: JSONValue?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var cancelRequested: Bool

    enum CodingKeys: String, CodingKey {
        case id, kind, status, progress, phase, message, parameters, result
        case collectionID = "collection_id", modelID = "model_id", createdAt = "created_at", startedAt = "started_at"
        case finishedAt = "finished_at", cancelRequested = "cancel_requested"
    }

    init(_ job: JobRecord) {
        id = String(job.id)
        kind = job.kind.rawValue
        status = job.status.rawValue
        collectionID = job.collectionID.map(String.init)
        modelID = job.modelID.map(String.init)
        progress = job.progress
        phase = job.phase
        message = job.message
        parameters = JSONValue(text: job.parameters)?.withStringIDs
        result = job.result.flatMap(JSONValue.init(text:))?.withStringIDs
        createdAt = Date(milliseconds: job.createdAt)
        startedAt = job.startedAt.map(Date.init(milliseconds:))
        finishedAt = job.finishedAt.map(Date.init(milliseconds:))
        cancelRequested = job.cancelRequested
    }
}

struct ModelDTO: ResponseEncodable, Sendable {
    var id: String
    var collectionID: String
    var level: String
    var version: Int
    var active: Bool
    var bytes: Int64
    var createdAt: Date
    var metadata: JSONValue?
    var evaluation: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, level, version, active, bytes, metadata, evaluation
        case collectionID = "collection_id", createdAt = "created_at"
    }

    init(_ record: ModelRecord, details: Bool = true) {
        id = String(record.id)
        collectionID = String(record.collectionID)
        level = record.level
        version = record.version
        active = record.active
        bytes = record.bytes
        createdAt = Date(milliseconds: record.createdAt)
        metadata = details ? JSONValue(text: record.metadata) : nil
        evaluation = details ? record.evaluation.flatMap(JSONValue.init(text:)) : nil
    }
}

struct UserDTO: ResponseEncodable, Sendable {
    var id: String
    var username: String
    var role: String
    var disabled: Bool
    var mustChangePassword: Bool
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, username, role, disabled, mustChangePassword = "must_change_password", createdAt = "created_at"
    }

    init(_ user: UserRecord) {
        id = String(user.id)
        username = user.username
        role = user.role.rawValue
        disabled = user.disabled
        mustChangePassword = user.mustChangePassword
        createdAt = Date(milliseconds: user.createdAt)
    }
}

struct TokenDTO: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var prefix: String
    var userID: String
    var ratePerMinute: Int
    var createdAt: Date
    var lastUsedAt: Date?
    var revoked: Bool
    /// Only in the response that creates the token: it is never shown again.
    var token: String?

    enum CodingKeys: String, CodingKey {
        case id, name, prefix, revoked, token
        case userID = "user_id", ratePerMinute = "rate_per_minute", createdAt = "created_at", lastUsedAt = "last_used_at"
    }

    init(_ record: APITokenRecord, token: String? = nil) {
        id = String(record.id)
        name = record.name
        prefix = record.prefix
        userID = String(record.userID)
        ratePerMinute = record.ratePerMinute
        createdAt = Date(milliseconds: record.createdAt)
        lastUsedAt = record.lastUsedAt.map(Date.init(milliseconds:))
        revoked = record.revoked
        self.token = token
    }
}

struct AuditDTO: ResponseEncodable, Sendable {
    var id: String
    var at: Date
    var username: String?
    var action: String
    var target: String
    var details: String

    init(_ entry: AuditEntry) {
        id = String(entry.id)
        at = Date(milliseconds: entry.at)
        username = entry.username
        action = entry.action
        target = entry.target
        details = entry.details
    }
}

/// Any JSON, to pass stored JSON (metadata, reports) through the API unchanged.
enum JSONValue: Codable, Sendable, Equatable {
    /// Whole numbers stay integers: 64-bit ids do not survive a trip through `Double`.
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init?(text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
        self = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// The object with whole-number `id`/`…_id` fields written as strings, as the API writes every
    /// id (JavaScript numbers hold 53 bits; these ids use 64).
    var withStringIDs: JSONValue {
        guard case .object(let fields) = self else { return self }
        var result = fields
        for (key, value) in fields where key == "id" || key.hasSuffix("_id") {
            if case .integer(let number) = value { result[key] = .string(String(number)) }
        }
        return .object(result)
    }
}

extension Date {
    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
