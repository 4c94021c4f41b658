import Core
import Storage

extension ConversationStore {
    public func intervention(id: Int64) async throws(IPAIError) -> InterventionRecord? {
        try await store.rows("SELECT * FROM conv_interventions WHERE id = ?", [.integer(id)]).first.map(Self.intervention)
    }

    /// A panel's interventions in the order they were made.
    public func interventions(panelID: Int64) async throws(IPAIError) -> [InterventionRecord] {
        try await interventions("SELECT * FROM conv_interventions WHERE panel_id = ? ORDER BY started_at, id", panelID)
    }

    /// A session's interventions (every panel) in the order they were made.
    public func interventions(sessionID: Int64) async throws(IPAIError) -> [InterventionRecord] {
        try await interventions("SELECT * FROM conv_interventions WHERE session_id = ? ORDER BY started_at, id", sessionID)
    }

    /// Saves the written statement of an intervention (empty text removes it). A statement is
    /// published when saved, unless `published` says otherwise (the Secretariat may withhold one).
    /// - Throws: `notFound` for an unknown intervention; `invalidInput` for a statement over 50,000 characters.
    @discardableResult
    public func saveStatement(
        interventionID: Int64, text: String, by userID: Int64?, published: Bool = true
    ) async throws(IPAIError) -> InterventionRecord {
        let statement = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard statement.count <= 50_000 else {
            throw IPAIError(.invalidInput, "a statement may have at most 50,000 characters (this one has \(statement.count))", at: InputLocation(field: "statement"))
        }
        let changed = try await store.rows(
            """
            UPDATE conv_interventions SET statement = ?, statement_published = ?, statement_by = ?, statement_at = ?
            WHERE id = ? RETURNING id
            """,
            [.text(statement), SQLValue(published && !statement.isEmpty), SQLValue(userID), .integer(Clock.milliseconds()),
             .integer(interventionID)])
        guard !changed.isEmpty, let record = try await intervention(id: interventionID) else {
            throw IPAIError(.notFound, "intervention \(interventionID) does not exist", at: InputLocation(field: "id", value: String(interventionID)))
        }
        return record
    }

    private func interventions(_ sql: String, _ id: Int64) async throws(IPAIError) -> [InterventionRecord] {
        var result: [InterventionRecord] = []
        for row in try await store.rows(sql, [.integer(id)]) { result.append(try Self.intervention(row)) }
        return result
    }

    static func intervention(_ row: SQLRow) throws(IPAIError) -> InterventionRecord {
        let category = try row.string("category")
        let kind = try row.string("kind")
        guard let parsedCategory = ParticipantCategory(rawValue: category), let parsedKind = SpeakerRequestKind(rawValue: kind) else {
            throw IPAIError(.storageFailure, "stored intervention has an unknown category '\(category)' or kind '\(kind)'")
        }
        return InterventionRecord(
            id: try row.int64("id"), panelID: try row.int64("panel_id"), sessionID: try row.int64("session_id"),
            conversationID: try row.int64("conversation_id"), requestID: try row.int64("request_id"), userID: row.optionalInt64("user_id"),
            speakerName: try row.string("speaker_name"), delegation: try row.string("delegation"), category: parsedCategory,
            kind: parsedKind, startedAt: try row.int64("started_at"), endedAt: try row.int64("ended_at"),
            videoSeconds: row.optionalInt64("video_seconds"), statement: try row.string("statement"),
            statementPublished: try row.bool("statement_published"), statementBy: row.optionalInt64("statement_by"),
            statementAt: row.optionalInt64("statement_at"))
    }
}
