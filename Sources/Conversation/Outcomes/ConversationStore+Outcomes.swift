import Core
import Storage

extension ConversationStore {
    /// Adds an item at the end of one of a conversation's two outcome lists.
    ///
    /// The sources are not checked here (interventions belong to the record, submissions to the
    /// Consultation module); the Server checks them before calling this.
    /// - Throws: `invalidInput` (field `text`) for an empty text; `notFound` for an unknown conversation.
    public func createOutcome(
        conversationID: Int64, kind: OutcomeKind, text: LocalizedText, sources: [OutcomeSource] = []
    ) async throws(IPAIError) -> OutcomeRecord {
        guard try await conversation(id: conversationID) != nil else { throw Self.missing("conversation", conversationID) }
        try Self.checkOutcomeText(text)
        let rows = try await store.rows(
            "SELECT MAX(position) AS last FROM conv_outcomes WHERE conversation_id = ? AND kind = ?",
            [.integer(conversationID), .text(kind.rawValue)])
        let now = Clock.milliseconds()
        let record = OutcomeRecord(
            id: IdentifierGenerator.next(), conversationID: conversationID, kind: kind,
            position: Int(rows.first?.optionalInt64("last") ?? 0) + 1, text: text, sources: Self.unique(sources), createdAt: now,
            updatedAt: now)
        var statements = [SQLStatement(
            "INSERT INTO conv_outcomes (id, conversation_id, kind, position, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.integer(record.id), .integer(conversationID), .text(kind.rawValue), .integer(Int64(record.position)),
             .text(text.json), .integer(now), .integer(now)])]
        statements += Self.sourceStatements(record)
        _ = try await database.transaction(statements)
        return record
    }

    /// Both lists of a conversation (or one `kind`), each in its order, with the items' sources.
    public func outcomes(conversationID: Int64, kind: OutcomeKind? = nil) async throws(IPAIError) -> [OutcomeRecord] {
        var sql = "SELECT * FROM conv_outcomes WHERE conversation_id = ?"
        var arguments: [SQLValue] = [.integer(conversationID)]
        if let kind {
            sql += " AND kind = ?"
            arguments.append(.text(kind.rawValue))
        }
        let rows = try await store.rows(sql + " ORDER BY kind, position, id", arguments)
        let sources = try await store.rows(
            """
            SELECT s.* FROM conv_outcome_sources s JOIN conv_outcomes o ON o.id = s.outcome_id
            WHERE o.conversation_id = ? ORDER BY s.outcome_id, s.position
            """, [.integer(conversationID)])
        let items = try Self.outcomes(rows, sources: sources)
        // Lists in the order the page shows them: further discussion, then immediate attention.
        return OutcomeKind.allCases.flatMap { kind in items.filter { $0.kind == kind } }
    }

    public func outcome(id: Int64) async throws(IPAIError) -> OutcomeRecord? {
        let rows = try await store.rows("SELECT * FROM conv_outcomes WHERE id = ?", [.integer(id)])
        let sources = try await store.rows("SELECT * FROM conv_outcome_sources WHERE outcome_id = ? ORDER BY position", [.integer(id)])
        return try Self.outcomes(rows, sources: sources).first
    }

    /// Writes an item's text and sources (the sources replace the old ones). Moving an item to the
    /// other list puts it at the end of that list.
    @discardableResult
    public func updateOutcome(_ outcome: OutcomeRecord) async throws(IPAIError) -> OutcomeRecord {
        try Self.checkOutcomeText(outcome.text)
        guard let stored = try await self.outcome(id: outcome.id) else { throw Self.missing("outcome", outcome.id) }
        var outcome = outcome
        outcome.conversationID = stored.conversationID
        outcome.sources = Self.unique(outcome.sources)
        outcome.updatedAt = Clock.milliseconds()
        if outcome.kind != stored.kind {
            let rows = try await store.rows(
                "SELECT MAX(position) AS last FROM conv_outcomes WHERE conversation_id = ? AND kind = ?",
                [.integer(stored.conversationID), .text(outcome.kind.rawValue)])
            outcome.position = Int(rows.first?.optionalInt64("last") ?? 0) + 1
        } else {
            outcome.position = stored.position
        }
        var statements = [
            SQLStatement(
                "UPDATE conv_outcomes SET kind = ?, position = ?, text = ?, updated_at = ? WHERE id = ?",
                [.text(outcome.kind.rawValue), .integer(Int64(outcome.position)), .text(outcome.text.json),
                 .integer(outcome.updatedAt), .integer(outcome.id)]),
            SQLStatement("DELETE FROM conv_outcome_sources WHERE outcome_id = ?", [.integer(outcome.id)]),
        ]
        statements += Self.sourceStatements(outcome)
        _ = try await database.transaction(statements)
        return outcome
    }

    /// Deletes an outcome item. - Returns: whether it existed.
    @discardableResult
    public func deleteOutcome(id: Int64) async throws(IPAIError) -> Bool {
        !(try await store.rows("DELETE FROM conv_outcomes WHERE id = ? RETURNING id", [.integer(id)])).isEmpty
    }

    /// Moves an item one place up (`-1`) or down (`+1`) within its list.
    /// - Returns: that list after the move, in order.
    @discardableResult
    public func moveOutcome(id: Int64, by offset: Int) async throws(IPAIError) -> [OutcomeRecord] {
        guard let item = try await outcome(id: id) else { throw Self.missing("outcome", id) }
        var order = try await outcomes(conversationID: item.conversationID, kind: item.kind).map(\.id)
        try await reorder(table: "conv_outcomes", ids: &order, moving: id, by: offset)
        return try await outcomes(conversationID: item.conversationID, kind: item.kind)
    }

    /// The outcome items that name `source` (for "this intervention informed…" links).
    public func outcomes(citing source: OutcomeSource) async throws(IPAIError) -> [OutcomeRecord] {
        let rows = try await store.rows(
            """
            SELECT o.* FROM conv_outcomes o JOIN conv_outcome_sources s ON s.outcome_id = o.id
            WHERE s.source_kind = ? AND s.source_id = ? ORDER BY o.kind, o.position
            """, [.text(source.kind.rawValue), .integer(source.id)])
        return try Self.outcomes(rows, sources: [])
    }

    static func checkOutcomeText(_ text: LocalizedText) throws(IPAIError) {
        guard !text.isEmpty else {
            throw IPAIError(.invalidInput, "an outcome item needs a text in at least one language", at: InputLocation(field: "text"))
        }
    }

    static func unique(_ sources: [OutcomeSource]) -> [OutcomeSource] {
        var seen: Set<OutcomeSource> = []
        return sources.filter { seen.insert($0).inserted }
    }

    static func sourceStatements(_ outcome: OutcomeRecord) -> [SQLStatement] {
        outcome.sources.enumerated().map { position, source in
            SQLStatement(
                "INSERT INTO conv_outcome_sources (outcome_id, position, source_kind, source_id) VALUES (?, ?, ?, ?)",
                [.integer(outcome.id), .integer(Int64(position)), .text(source.kind.rawValue), .integer(source.id)])
        }
    }

    static func outcomes(_ rows: [SQLRow], sources: [SQLRow]) throws(IPAIError) -> [OutcomeRecord] {
        var sourcesByItem: [Int64: [OutcomeSource]] = [:]
        for row in sources {
            let kind = try row.string("source_kind")
            guard let parsed = OutcomeSource.Kind(rawValue: kind) else {
                throw IPAIError(.storageFailure, "stored outcome source kind '\(kind)' is unknown")
            }
            sourcesByItem[try row.int64("outcome_id"), default: []].append(OutcomeSource(kind: parsed, id: try row.int64("source_id")))
        }
        var items: [OutcomeRecord] = []
        for row in rows {
            let id = try row.int64("id")
            let kind = try row.string("kind")
            guard let parsed = OutcomeKind(rawValue: kind) else {
                throw IPAIError(.storageFailure, "stored outcome kind '\(kind)' is unknown")
            }
            items.append(OutcomeRecord(
                id: id, conversationID: try row.int64("conversation_id"), kind: parsed, position: try row.int("position"),
                text: LocalizedText(json: try row.string("text")), sources: sourcesByItem[id] ?? [],
                createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at")))
        }
        return items
    }
}
