import Core
import Storage

extension ConversationStore {
    /// Adds an item to a session's agenda, at `position` or (nil) after the last item.
    ///
    /// The links' issue and question ids are not checked here (they live in the Consultation
    /// module); the Server checks them before calling this.
    /// - Throws: `invalidInput` naming the field (`title`, `starts_at`, `panel_id`); `notFound` for an unknown session.
    public func createAgendaItem(
        sessionID: Int64, position: Int? = nil, title: LocalizedText, panelID: Int64? = nil, startsAt: String = "",
        links: [AgendaLink] = []
    ) async throws(IPAIError) -> AgendaItemRecord {
        guard let session = try await session(id: sessionID) else { throw Self.missing("session", sessionID) }
        let next = try await nextAgendaPosition(sessionID: sessionID)
        let position = position ?? next
        let record = AgendaItemRecord(
            id: IdentifierGenerator.next(), sessionID: sessionID, conversationID: session.conversationID, position: position,
            title: title, panelID: panelID, startsAt: startsAt, links: Self.unique(links), createdAt: Clock.milliseconds())
        try await checkAgendaItem(record)
        var statements = [SQLStatement(
            """
            INSERT INTO conv_agenda_items (id, session_id, conversation_id, position, title, panel_id, starts_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(record.id), .integer(sessionID), .integer(session.conversationID), .integer(Int64(position)),
             .text(title.json), SQLValue(panelID), .text(startsAt), .integer(record.createdAt)])]
        statements += Self.linkStatements(record)
        _ = try await database.transaction(statements)
        return record
    }

    /// A session's agenda in order, each item with its links.
    public func agenda(sessionID: Int64) async throws(IPAIError) -> [AgendaItemRecord] {
        let rows = try await store.rows(
            "SELECT * FROM conv_agenda_items WHERE session_id = ? ORDER BY position, id", [.integer(sessionID)])
        let links = try await store.rows(
            """
            SELECT l.* FROM conv_agenda_links l JOIN conv_agenda_items i ON i.id = l.agenda_item_id
            WHERE i.session_id = ? ORDER BY l.agenda_item_id, l.position
            """, [.integer(sessionID)])
        return try Self.agendaItems(rows, links: links)
    }

    public func agendaItem(id: Int64) async throws(IPAIError) -> AgendaItemRecord? {
        let rows = try await store.rows("SELECT * FROM conv_agenda_items WHERE id = ?", [.integer(id)])
        let links = try await store.rows(
            "SELECT * FROM conv_agenda_links WHERE agenda_item_id = ? ORDER BY position", [.integer(id)])
        return try Self.agendaItems(rows, links: links).first
    }

    /// Writes an item's position, title, panel, time and links (the links replace the old ones).
    @discardableResult
    public func updateAgendaItem(_ item: AgendaItemRecord) async throws(IPAIError) -> AgendaItemRecord {
        var item = item
        item.links = Self.unique(item.links)
        try await checkAgendaItem(item)
        guard try await agendaItem(id: item.id) != nil else { throw Self.missing("agenda item", item.id) }
        var statements = [
            SQLStatement(
                "UPDATE conv_agenda_items SET position = ?, title = ?, panel_id = ?, starts_at = ? WHERE id = ?",
                [.integer(Int64(item.position)), .text(item.title.json), SQLValue(item.panelID), .text(item.startsAt), .integer(item.id)]),
            SQLStatement("DELETE FROM conv_agenda_links WHERE agenda_item_id = ?", [.integer(item.id)]),
        ]
        statements += Self.linkStatements(item)
        _ = try await database.transaction(statements)
        return item
    }

    /// Deletes an agenda item with its links. - Returns: whether it existed.
    @discardableResult
    public func deleteAgendaItem(id: Int64) async throws(IPAIError) -> Bool {
        !(try await store.rows("DELETE FROM conv_agenda_items WHERE id = ? RETURNING id", [.integer(id)])).isEmpty
    }

    /// Moves an agenda item one place up (`-1`) or down (`+1`) by swapping with its neighbour; the
    /// items are renumbered 1, 2, … first so equal positions cannot block the move.
    /// - Returns: the session's agenda after the move.
    @discardableResult
    public func moveAgendaItem(id: Int64, by offset: Int) async throws(IPAIError) -> [AgendaItemRecord] {
        guard let item = try await agendaItem(id: id) else { throw Self.missing("agenda item", id) }
        var order = try await agenda(sessionID: item.sessionID).map(\.id)
        try await reorder(table: "conv_agenda_items", ids: &order, moving: id, by: offset)
        return try await agenda(sessionID: item.sessionID)
    }

    func nextAgendaPosition(sessionID: Int64) async throws(IPAIError) -> Int {
        let rows = try await store.rows("SELECT MAX(position) AS last FROM conv_agenda_items WHERE session_id = ?", [.integer(sessionID)])
        return Int(rows.first?.optionalInt64("last") ?? 0) + 1
    }

    /// Swaps `id` with its neighbour in `ids` and writes positions 1, 2, … in one transaction.
    func reorder(table: String, ids: inout [Int64], moving id: Int64, by offset: Int) async throws(IPAIError) {
        guard let index = ids.firstIndex(of: id) else { return }
        let target = index + (offset < 0 ? -1 : 1)
        guard offset != 0, ids.indices.contains(target) else { return }
        ids.swapAt(index, target)
        let statements = ids.enumerated().map { position, id in
            SQLStatement("UPDATE \(table) SET position = ? WHERE id = ?", [.integer(Int64(position + 1)), .integer(id)])
        }
        _ = try await database.transaction(statements)
    }

    func checkAgendaItem(_ item: AgendaItemRecord) async throws(IPAIError) {
        guard !item.title.isEmpty else {
            throw IPAIError(.invalidInput, "an agenda item needs a title in at least one language", at: InputLocation(field: "title"))
        }
        guard item.position >= 1 else {
            throw IPAIError(.invalidInput, "positions start at 1", at: InputLocation(field: "position", value: String(item.position)))
        }
        if !item.startsAt.isEmpty { try Self.checkTime(item.startsAt, field: "starts_at") }
        if let panelID = item.panelID {
            guard let panel = try await panel(id: panelID), panel.sessionID == item.sessionID else {
                throw IPAIError(
                    .invalidInput, "panel \(panelID) is not a panel of this session",
                    at: InputLocation(field: "panel_id", value: String(panelID)))
            }
        }
    }

    static func unique(_ links: [AgendaLink]) -> [AgendaLink] {
        var seen: Set<AgendaLink> = []
        return links.filter { seen.insert($0).inserted }
    }

    static func linkStatements(_ item: AgendaItemRecord) -> [SQLStatement] {
        item.links.enumerated().map { position, link in
            SQLStatement(
                "INSERT INTO conv_agenda_links (agenda_item_id, position, issue_id, question_id) VALUES (?, ?, ?, ?)",
                [.integer(item.id), .integer(Int64(position)), .integer(link.issueID), SQLValue(link.questionID)])
        }
    }

    static func agendaItems(_ rows: [SQLRow], links: [SQLRow]) throws(IPAIError) -> [AgendaItemRecord] {
        var linksByItem: [Int64: [AgendaLink]] = [:]
        for row in links {
            linksByItem[try row.int64("agenda_item_id"), default: []].append(
                AgendaLink(issueID: try row.int64("issue_id"), questionID: row.optionalInt64("question_id")))
        }
        var items: [AgendaItemRecord] = []
        for row in rows {
            let id = try row.int64("id")
            items.append(AgendaItemRecord(
                id: id, sessionID: try row.int64("session_id"), conversationID: try row.int64("conversation_id"),
                position: try row.int("position"), title: LocalizedText(json: try row.string("title")),
                panelID: row.optionalInt64("panel_id"), startsAt: try row.string("starts_at"), links: linksByItem[id] ?? [],
                createdAt: try row.int64("created_at")))
        }
        return items
    }
}
