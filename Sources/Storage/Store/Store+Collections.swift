import Core
import Foundation

extension Store {
    // MARK: Collections

    public func createCollection(name: String, description: String, createdBy: Int64?) async throws(IPAIError) -> CollectionRecord {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw IPAIError(.invalidInput, "a collection needs a name of 1 to 200 characters", at: InputLocation(field: "name"))
        }
        let record = CollectionRecord(
            id: IdentifierGenerator.next(), name: trimmed, description: description, createdAt: Clock.milliseconds(),
            createdBy: createdBy)
        do {
            try await rows(
                "INSERT INTO collections (id, name, description, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                [.integer(record.id), .text(trimmed), .text(description), .integer(record.createdAt), SQLValue(createdBy)])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "a collection named '\(trimmed)' already exists", at: InputLocation(field: "name", value: trimmed))
        }
        return record
    }

    public func collection(id: Int64) async throws(IPAIError) -> CollectionRecord? {
        try await rows("SELECT * FROM collections WHERE id = ?", [.integer(id)]).first.map(Self.collection)
    }

    public func collection(named name: String) async throws(IPAIError) -> CollectionRecord? {
        try await rows("SELECT * FROM collections WHERE name = ?", [.text(name)]).first.map(Self.collection)
    }

    public func collections(limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<CollectionRecord> {
        try await page("SELECT * FROM collections WHERE id < ? ORDER BY id DESC LIMIT ?", [], limit: limit, cursor: cursor, map: Self.collection)
    }

    public func deleteCollection(id: Int64) async throws(IPAIError) -> Bool {
        !(try await rows("DELETE FROM collections WHERE id = ? RETURNING id", [.integer(id)])).isEmpty
    }

    static func collection(_ row: SQLRow) throws(IPAIError) -> CollectionRecord {
        CollectionRecord(
            id: try row.int64("id"), name: try row.string("name"), description: try row.string("description"),
            createdAt: try row.int64("created_at"), createdBy: row.optionalInt64("created_by"))
    }

    // MARK: Documents

    /// Adds documents to a collection in one transaction; a document whose id is already there
    /// is replaced (and of several with one id in `documents`, the last counts). Returns how many
    /// were given. Rows go in 100 per statement: few round trips to PostgreSQL.
    @discardableResult
    public func upsertDocuments(_ documents: [PatentDocument], collectionID: Int64) async throws(IPAIError) -> Int {
        guard !documents.isEmpty else { return 0 }
        let now = Clock.milliseconds()
        // One statement may not touch a row twice (PostgreSQL refuses): the last of each id only.
        var last: [String: Int] = [:]
        for (index, document) in documents.enumerated() { last[document.id] = index }
        let unique = documents.indices.filter { last[documents[$0].id] == $0 }.map { documents[$0] }
        var statements: [SQLStatement] = []
        var start = 0
        while start < unique.count {
            let chunk = unique[start..<min(start + 100, unique.count)]
            var arguments: [SQLValue] = []
            arguments.reserveCapacity(chunk.count * 5)
            for document in chunk {
                arguments += [.integer(IdentifierGenerator.next()), .integer(collectionID), .text(document.id), .text(document.jsonLine), .integer(now)]
            }
            let rows = Array(repeating: "(?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            statements.append(SQLStatement(
                """
                INSERT INTO documents (id, collection_id, external_id, body, created_at) VALUES \(rows)
                ON CONFLICT (collection_id, external_id) DO UPDATE SET body = excluded.body
                """, arguments))
            start += chunk.count
        }
        _ = try await database.transaction(statements)
        return documents.count
    }

    public func documentCount(collectionID: Int64) async throws(IPAIError) -> Int {
        try await rows("SELECT COUNT(*) AS n FROM documents WHERE collection_id = ?", [.integer(collectionID)]).first?.int("n") ?? 0
    }

    /// Documents in the order they were added (keyset pagination by id, oldest first).
    public func documents(collectionID: Int64, limit: Int = 50, after cursor: Int64? = nil) async throws(IPAIError) -> Page<StoredDocument> {
        let limit = max(1, min(limit, 1000))
        let found = try await rows(
            "SELECT * FROM documents WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?",
            [.integer(collectionID), .integer(cursor ?? Int64.min), .integer(Int64(limit + 1))])
        var items: [StoredDocument] = []
        for row in found.prefix(limit) { items.append(try Self.document(row)) }
        return Page(items: items, next: found.count > limit ? items.last?.id : nil)
    }

    public func document(collectionID: Int64, externalID: String) async throws(IPAIError) -> StoredDocument? {
        try await rows(
            "SELECT * FROM documents WHERE collection_id = ? AND external_id = ?", [.integer(collectionID), .text(externalID)]
        ).first.map(Self.document)
    }

    public func deleteDocument(collectionID: Int64, externalID: String) async throws(IPAIError) -> Bool {
        !(try await rows(
            "DELETE FROM documents WHERE collection_id = ? AND external_id = ? RETURNING id", [.integer(collectionID), .text(externalID)]
        )).isEmpty
    }

    static func document(_ row: SQLRow) throws(IPAIError) -> StoredDocument {
        let id = try row.int64("id")
        let document = try PatentDocument(jsonLine: try row.string("body"), location: InputLocation(file: "document \(id)"))
        return StoredDocument(
            id: id, collectionID: try row.int64("collection_id"), document: document, createdAt: try row.int64("created_at"))
    }

    // MARK: Uploads

    /// Starts an upload; its bytes follow with ``appendUpload(id:chunk:sequence:)``.
    public func createUpload(fileName: String, format: String, createdBy: Int64?) async throws(IPAIError) -> UploadRecord {
        let record = UploadRecord(
            id: IdentifierGenerator.next(), fileName: fileName, format: format, bytes: 0, chunks: 0,
            createdAt: Clock.milliseconds(), createdBy: createdBy)
        try await rows(
            "INSERT INTO uploads (id, created_at, created_by, file_name, format, bytes, chunks) VALUES (?, ?, ?, ?, ?, 0, 0)",
            [.integer(record.id), .integer(record.createdAt), SQLValue(createdBy), .text(fileName), .text(format)])
        return record
    }

    public func appendUpload(id: Int64, chunk: [UInt8], sequence: Int) async throws(IPAIError) {
        _ = try await database.transaction([
            SQLStatement("INSERT INTO upload_chunks (upload_id, seq, data) VALUES (?, ?, ?)", [.integer(id), .integer(Int64(sequence)), .blob(chunk)]),
            SQLStatement("UPDATE uploads SET bytes = bytes + ?, chunks = chunks + 1 WHERE id = ?", [.integer(Int64(chunk.count)), .integer(id)]),
        ])
    }

    public func upload(id: Int64) async throws(IPAIError) -> UploadRecord? {
        try await rows("SELECT * FROM uploads WHERE id = ?", [.integer(id)]).first.map { row throws(IPAIError) in
            UploadRecord(
                id: try row.int64("id"), fileName: try row.string("file_name"), format: try row.string("format"),
                bytes: try row.int64("bytes"), chunks: try row.int("chunks"), createdAt: try row.int64("created_at"),
                createdBy: row.optionalInt64("created_by"))
        }
    }

    /// The upload's bytes, chunk by chunk, in order.
    public func uploadChunk(id: Int64, sequence: Int) async throws(IPAIError) -> [UInt8]? {
        try await rows("SELECT data FROM upload_chunks WHERE upload_id = ? AND seq = ?", [.integer(id), .integer(Int64(sequence))])
            .first?["data"].bytes
    }

    public func deleteUpload(id: Int64) async throws(IPAIError) {
        try await rows("DELETE FROM uploads WHERE id = ?", [.integer(id)])
    }
}
