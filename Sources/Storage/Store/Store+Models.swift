import Core

extension Store {
    /// Stores a trained model and, if asked, makes it the active one for its collection and level —
    /// in one transaction, so a model is never active before all its bytes are stored.
    public func saveModel(
        collectionID: Int64, level: String, metadata: String, data: [UInt8], activate: Bool, jobID: Int64?
    ) async throws(IPAIError) -> ModelRecord {
        let id = IdentifierGenerator.next()
        let now = Clock.milliseconds()
        // Saves for one collection take turns (PostgreSQL: two servers finishing training at once
        // would otherwise compute the same next version, or both activate).
        var statements = collectionLock(collectionID)
        if activate {
            statements.append(SQLStatement(
                "UPDATE models SET active = 0 WHERE collection_id = ? AND level = ? AND active = 1",
                [.integer(collectionID), .text(level)]))
        }
        statements.append(SQLStatement(
            """
            INSERT INTO models (id, collection_id, level, version, active, metadata, bytes, created_at, job_id)
            VALUES (?, ?, ?, (SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE collection_id = ? AND level = ?), ?, ?, ?, ?, ?)
            """,
            [.integer(id), .integer(collectionID), .text(level), .integer(collectionID), .text(level), SQLValue(activate),
             .text(metadata), .integer(Int64(data.count)), .integer(now), SQLValue(jobID)]))
        statements.append(SQLStatement("INSERT INTO model_data (model_id, data) VALUES (?, ?)", [.integer(id), .blob(data)]))
        _ = try await database.transaction(statements)
        guard let model = try await model(id: id) else {
            throw IPAIError(.storageFailure, "model \(id) vanished right after it was stored")
        }
        return model
    }

    public func model(id: Int64) async throws(IPAIError) -> ModelRecord? {
        try await rows("SELECT * FROM models WHERE id = ?", [.integer(id)]).first.map(Self.model)
    }

    /// The model file's bytes.
    public func modelData(id: Int64) async throws(IPAIError) -> [UInt8]? {
        try await rows("SELECT data FROM model_data WHERE model_id = ?", [.integer(id)]).first?["data"].bytes
    }

    public func activeModel(collectionID: Int64, level: String) async throws(IPAIError) -> ModelRecord? {
        try await rows(
            "SELECT * FROM models WHERE collection_id = ? AND level = ? AND active = 1", [.integer(collectionID), .text(level)]
        ).first.map(Self.model)
    }

    /// All active models, newest first (the default model for classification is the newest).
    public func activeModels() async throws(IPAIError) -> [ModelRecord] {
        var result: [ModelRecord] = []
        for row in try await rows("SELECT * FROM models WHERE active = 1 ORDER BY id DESC") { result.append(try Self.model(row)) }
        return result
    }

    public func models(collectionID: Int64? = nil, limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<ModelRecord> {
        if let collectionID {
            return try await page(
                "SELECT * FROM models WHERE collection_id = ? AND id < ? ORDER BY id DESC LIMIT ?", [.integer(collectionID)],
                limit: limit, cursor: cursor, map: Self.model)
        }
        return try await page("SELECT * FROM models WHERE id < ? ORDER BY id DESC LIMIT ?", [], limit: limit, cursor: cursor, map: Self.model)
    }

    /// Makes a model the active one for its collection and level.
    public func activateModel(id: Int64) async throws(IPAIError) -> ModelRecord? {
        guard let model = try await model(id: id) else { return nil }
        _ = try await database.transaction(collectionLock(model.collectionID) + [
            SQLStatement(
                "UPDATE models SET active = 0 WHERE collection_id = ? AND level = ? AND active = 1",
                [.integer(model.collectionID), .text(model.level)]),
            SQLStatement("UPDATE models SET active = 1 WHERE id = ?", [.integer(id)]),
        ])
        return try await self.model(id: id)
    }

    public func attachEvaluation(modelID: Int64, report: String) async throws(IPAIError) {
        try await rows("UPDATE models SET evaluation = ? WHERE id = ?", [.text(report), .integer(modelID)])
    }

    /// PostgreSQL: the first statement of a transaction that changes a collection's models, so that
    /// such transactions run one after the other (SQLite has a single writer anyway).
    func collectionLock(_ collectionID: Int64) -> [SQLStatement] {
        guard dialect == .postgres else { return [] }
        return [SQLStatement("SELECT pg_advisory_xact_lock(7341202, hashtext(?))", [.text(String(collectionID))])]
    }

    static func model(_ row: SQLRow) throws(IPAIError) -> ModelRecord {
        ModelRecord(
            id: try row.int64("id"), collectionID: try row.int64("collection_id"), level: try row.string("level"),
            version: try row.int("version"), active: try row.bool("active"), metadata: try row.string("metadata"),
            evaluation: row.optionalString("evaluation"), bytes: try row.int64("bytes"), createdAt: try row.int64("created_at"),
            jobID: row.optionalInt64("job_id"))
    }
}
