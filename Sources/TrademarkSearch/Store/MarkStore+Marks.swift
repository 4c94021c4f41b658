import Core
import Storage

extension MarkStore {
    static let columns = """
        m.id, m.external_id, m.name, m.vienna, m.nice, m.owner, m.status, m.filed, m.registered, m.created_at, m.updated_at,
        i.format, i.bytes, i.width, i.height
        """
    static let from = "FROM marks m LEFT JOIN mark_images i ON i.mark_id = m.id"

    /// Adds a mark, with its image and signature if given, in one transaction.
    /// - Throws: `conflict` if a mark with this id is already in the register.
    @discardableResult
    public func add(_ details: MarkDetails, image: StoredMarkImage?) async throws(IPAIError) -> Mark {
        let id = IdentifierGenerator.next()
        let now = Clock.milliseconds()
        var statements = [
            SQLStatement(
                """
                INSERT INTO marks (id, external_id, name, vienna, nice, owner, status, filed, registered, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.integer(id)] + Self.detailValues(details) + [.integer(now), .integer(now)]),
        ]
        if let image { statements += Self.imageStatements(id, image) }
        do {
            _ = try await database.transaction(statements)
        } catch let error where error.code == .conflict {
            throw IPAIError(
                .conflict, "a mark with this id is already in the register; update it or choose another id",
                at: InputLocation(field: "id", value: details.externalID))
        }
        guard let mark = try await mark(id: id) else { throw IPAIError(.storageFailure, "mark \(details.externalID) vanished after it was added") }
        return mark
    }

    /// Changes a mark's data and/or its image (with the recomputed signature), in one transaction.
    /// - Throws: `not_found` for an unknown mark, `conflict` if the new id belongs to another mark.
    @discardableResult
    public func update(id: Int64, details: MarkDetails?, image: StoredMarkImage?) async throws(IPAIError) -> Mark {
        guard try await mark(id: id) != nil else { throw IPAIError(.notFound, "mark \(id) is not in the register", at: InputLocation(field: "id", value: String(id))) }
        var statements: [SQLStatement] = []
        if let details {
            statements.append(SQLStatement(
                """
                UPDATE marks SET external_id = ?, name = ?, vienna = ?, nice = ?, owner = ?, status = ?, filed = ?, registered = ?,
                  updated_at = ? WHERE id = ?
                """,
                Self.detailValues(details) + [.integer(Clock.milliseconds()), .integer(id)]))
        } else {
            statements.append(SQLStatement("UPDATE marks SET updated_at = ? WHERE id = ?", [.integer(Clock.milliseconds()), .integer(id)]))
        }
        if let image {
            statements.append(SQLStatement("DELETE FROM mark_images WHERE mark_id = ?", [.integer(id)]))
            statements.append(SQLStatement("DELETE FROM mark_signatures WHERE mark_id = ?", [.integer(id)]))
            statements += Self.imageStatements(id, image)
        }
        do {
            _ = try await database.transaction(statements)
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "another mark already has this id", at: InputLocation(field: "id", value: details?.externalID))
        }
        guard let mark = try await mark(id: id) else { throw IPAIError(.notFound, "mark \(id) was deleted meanwhile") }
        return mark
    }

    /// Deletes a mark with its image and signature. Returns false if it was not there.
    @discardableResult
    public func delete(id: Int64) async throws(IPAIError) -> Bool {
        let results = try await database.transaction([
            SQLStatement("DELETE FROM mark_signatures WHERE mark_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM mark_images WHERE mark_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM marks WHERE id = ? RETURNING id", [.integer(id)]),
        ])
        return !(results.last ?? []).isEmpty
    }

    public func mark(id: Int64) async throws(IPAIError) -> Mark? {
        try await store.rows("SELECT \(Self.columns) \(Self.from) WHERE m.id = ?", [.integer(id)]).first.map(Self.mark)
    }

    /// The mark with the office's number `externalID`.
    public func mark(externalID: String) async throws(IPAIError) -> Mark? {
        try await store.rows("SELECT \(Self.columns) \(Self.from) WHERE m.external_id = ?", [.text(externalID)]).first.map(Self.mark)
    }

    /// Marks newest first, a keyset page at a time; optionally of one status.
    public func list(status: MarkStatus? = nil, limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<Mark> {
        var sql = "SELECT \(Self.columns) \(Self.from) WHERE "
        var arguments: [SQLValue] = []
        if let status {
            sql += "m.status = ? AND "
            arguments.append(.text(status.rawValue))
        }
        sql += "m.id < ? ORDER BY m.id DESC LIMIT ?"
        return try await store.page(sql, arguments, limit: limit, cursor: cursor, map: Self.mark)
    }

    /// Marks by row id (unknown ids are left out), in no particular order.
    public func marks(ids: [Int64]) async throws(IPAIError) -> [Int64: Mark] {
        var result: [Int64: Mark] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            start += 500
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try await store.rows("SELECT \(Self.columns) \(Self.from) WHERE m.id IN (\(placeholders))", chunk.map { .integer($0) }) {
                let mark = try Self.mark(row)
                result[mark.id] = mark
            }
        }
        return result
    }

    /// How many marks the register holds.
    public func count() async throws(IPAIError) -> Int {
        try await store.rows("SELECT COUNT(*) AS n FROM marks").first?.int("n") ?? 0
    }

    /// The PNG thumbnail of a mark's image, nil without an image.
    public func thumbnail(id: Int64) async throws(IPAIError) -> [UInt8]? {
        try await store.rows("SELECT thumbnail FROM mark_images WHERE mark_id = ?", [.integer(id)]).first?["thumbnail"].bytes
    }

    /// The original image file and its format, nil without an image.
    public func original(id: Int64) async throws(IPAIError) -> (format: String, bytes: [UInt8])? {
        guard let row = try await store.rows("SELECT format, original FROM mark_images WHERE mark_id = ?", [.integer(id)]).first,
              let bytes = row["original"].bytes
        else { return nil }
        return (try row.string("format"), bytes)
    }

    /// Marks whose stored signature is not of `version` (an older IPAI wrote it), in id order.
    public func outdatedSignatures(version: Int) async throws(IPAIError) -> [Int64] {
        try await store.rows("SELECT mark_id FROM mark_signatures WHERE version <> ? ORDER BY mark_id", [.integer(Int64(version))])
            .map { row throws(IPAIError) in try row.int64("mark_id") }
    }

    /// The original images of marks (at most 500 ids), by mark id; marks without an image are left out.
    public func originals(ids: [Int64]) async throws(IPAIError) -> [Int64: [UInt8]] {
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var result: [Int64: [UInt8]] = [:]
        for row in try await store.rows("SELECT mark_id, original FROM mark_images WHERE mark_id IN (\(placeholders))", ids.map { .integer($0) }) {
            if let bytes = row["original"].bytes { result[try row.int64("mark_id")] = bytes }
        }
        return result
    }

    /// Replaces marks' stored signatures (the images stay), in one transaction.
    public func replaceSignatures(_ signatures: [(id: Int64, version: Int, data: [UInt8])]) async throws(IPAIError) {
        _ = try await database.transaction(signatures.map { signature in
            SQLStatement(
                "UPDATE mark_signatures SET version = ?, data = ? WHERE mark_id = ?",
                [.integer(Int64(signature.version)), .blob(signature.data), .integer(signature.id)])
        })
    }

    /// Every mark with a signature, in id order, `batch` rows per query (for loading the index).
    public func indexed(batch: Int = 2000, _ body: ([IndexedMark]) throws(IPAIError) -> Void) async throws(IPAIError) {
        var after = Int64.min
        while true {
            let rows = try await store.rows(
                """
                SELECT m.id, m.external_id, m.vienna, m.nice, m.status, s.version, s.data
                FROM marks m JOIN mark_signatures s ON s.mark_id = m.id WHERE m.id > ? ORDER BY m.id LIMIT ?
                """, [.integer(after), .integer(Int64(batch))])
            guard let last = rows.last else { return }
            try body(try rows.map(Self.indexedMark))
            after = try last.int64("id")
            if rows.count < batch { return }
        }
    }

    /// One mark as the index needs it, nil if it has no signature (yet).
    public func indexed(id: Int64) async throws(IPAIError) -> IndexedMark? {
        try await store.rows(
            """
            SELECT m.id, m.external_id, m.vienna, m.nice, m.status, s.version, s.data
            FROM marks m JOIN mark_signatures s ON s.mark_id = m.id WHERE m.id = ?
            """, [.integer(id)]).first.map(Self.indexedMark)
    }

    /// How often each Vienna code occurs in the register, and over how many coded marks (the
    /// priors of Vienna suggestions).
    public func viennaFrequencies() async throws(IPAIError) -> (counts: [String: Int], marks: Int) {
        var counts: [String: Int] = [:]
        var marks = 0
        var after = Int64.min
        while true {
            let rows = try await store.rows("SELECT id, vienna FROM marks WHERE id > ? AND vienna <> '' ORDER BY id LIMIT 5000", [.integer(after)])
            for row in rows {
                marks += 1
                for code in (row.optionalString("vienna") ?? "").split(separator: " ") { counts[String(code), default: 0] += 1 }
            }
            guard let last = rows.last, rows.count == 5000 else { break }
            after = try last.int64("id")
        }
        return (counts, marks)
    }

    static func detailValues(_ details: MarkDetails) -> [SQLValue] {
        [
            .text(details.externalID), .text(details.name), .text(details.vienna.joined(separator: " ")),
            .text(details.nice.map(String.init).joined(separator: " ")), .text(details.owner), .text(details.status.rawValue),
            SQLValue(details.filed), SQLValue(details.registered),
        ]
    }

    static func imageStatements(_ id: Int64, _ image: StoredMarkImage) -> [SQLStatement] {
        [
            SQLStatement(
                "INSERT INTO mark_images (mark_id, format, bytes, width, height, original, thumbnail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.integer(id), .text(image.format), .integer(Int64(image.original.count)), .integer(Int64(image.width)),
                 .integer(Int64(image.height)), .blob(image.original), .blob(image.thumbnailPNG)]),
            SQLStatement(
                "INSERT INTO mark_signatures (mark_id, version, data) VALUES (?, ?, ?)",
                [.integer(id), .integer(Int64(image.signatureVersion)), .blob(image.signature)]),
        ]
    }

    static func codes(_ text: String?) -> [String] { (text ?? "").split(separator: " ").map(String.init) }
    static func classes(_ text: String?) -> [Int] { (text ?? "").split(separator: " ").compactMap { Int($0) } }

    static func status(_ row: SQLRow) throws(IPAIError) -> MarkStatus {
        let raw = try row.string("status")
        guard let status = MarkStatus(rawValue: raw) else { throw IPAIError(.storageFailure, "the stored mark status '\(raw)' is not one IPAI writes") }
        return status
    }

    static func mark(_ row: SQLRow) throws(IPAIError) -> Mark {
        var details = try MarkDetails(externalID: try row.string("external_id"))
        details.name = row.optionalString("name") ?? ""
        details.vienna = codes(row.optionalString("vienna"))
        details.nice = classes(row.optionalString("nice"))
        details.owner = row.optionalString("owner") ?? ""
        details.status = try status(row)
        details.filed = row.optionalString("filed")
        details.registered = row.optionalString("registered")
        return Mark(
            id: try row.int64("id"), details: details, imageFormat: row.optionalString("format"),
            imageBytes: Int(row.optionalInt64("bytes") ?? 0), width: Int(row.optionalInt64("width") ?? 0),
            height: Int(row.optionalInt64("height") ?? 0), createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"))
    }

    static func indexedMark(_ row: SQLRow) throws(IPAIError) -> IndexedMark {
        IndexedMark(
            id: try row.int64("id"), externalID: try row.string("external_id"), vienna: codes(row.optionalString("vienna")),
            nice: classes(row.optionalString("nice")), status: try status(row), signature: row["data"].bytes ?? [],
            signatureVersion: try row.int("version"))
    }
}
