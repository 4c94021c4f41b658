import Core
import Storage

extension ConversationStore {
    // MARK: Conversations

    /// Conversations newest first, a keyset page (`cursor`: the previous page's `next`).
    public func conversations(limit: Int, cursor: Int64?) async throws(IPAIError) -> Page<ConversationRecord> {
        try await store.page(
            "SELECT * FROM conv_conversations WHERE id < ? ORDER BY id DESC LIMIT ?", [], limit: limit, cursor: cursor,
            map: Self.conversation)
    }

    /// Writes a conversation's title and description.
    /// - Throws: `invalidInput` (field `title`) for an empty title; `notFound` when it was deleted.
    @discardableResult
    public func updateConversation(_ conversation: ConversationRecord) async throws(IPAIError) -> ConversationRecord {
        guard !conversation.title.isEmpty else {
            throw IPAIError(.invalidInput, "a conversation needs a title in at least one language", at: InputLocation(field: "title"))
        }
        let changed = try await store.rows(
            "UPDATE conv_conversations SET title = ?, description = ? WHERE id = ? RETURNING id",
            [.text(conversation.title.json), .text(conversation.description.json), .integer(conversation.id)])
        guard !changed.isEmpty else { throw Self.missing("conversation", conversation.id) }
        return conversation
    }

    /// Deletes a conversation with its sessions, panels, agenda, registrations and outcome lists.
    /// - Returns: whether it existed.
    @discardableResult
    public func deleteConversation(id: Int64) async throws(IPAIError) -> Bool {
        !(try await store.rows("DELETE FROM conv_conversations WHERE id = ? RETURNING id", [.integer(id)])).isEmpty
    }

    // MARK: Sessions

    /// Writes every field of a session (checked as ``createSession(conversationID:number:title:startsOn:endsOn:place:format:languages:webcastURL:archiveURL:)`` does),
    /// including `videoStartedAt`, when the webcast's video began.
    /// - Throws: `invalidInput` naming the field; `conflict` (field `number`) when another session has the number.
    @discardableResult
    public func updateSession(_ session: ConversationSession) async throws(IPAIError) -> ConversationSession {
        var session = session
        if session.languages.isEmpty { session.languages = ["en"] }
        try Self.check(session)
        let changed: [SQLRow]
        do {
            changed = try await store.rows(
                """
                UPDATE conv_sessions SET number = ?, title = ?, starts_on = ?, ends_on = ?, place = ?, format = ?, languages = ?,
                  webcast_url = ?, archive_url = ?, video_started_at = ? WHERE id = ? RETURNING id
                """,
                [.integer(Int64(session.number)), .text(session.title.json), .text(session.startsOn), .text(session.endsOn),
                 .text(session.place), .text(session.format.rawValue), .text(session.languages.joined(separator: ",")),
                 .text(session.webcastURL), .text(session.archiveURL), SQLValue(session.videoStartedAt), .integer(session.id)])
        } catch let error where error.code == .conflict {
            throw IPAIError(
                .conflict, "this conversation already has a session number \(session.number)",
                at: InputLocation(field: "number", value: String(session.number)))
        }
        guard !changed.isEmpty else { throw Self.missing("session", session.id) }
        return session
    }

    /// Deletes a session with its panels and agenda. - Returns: whether it existed.
    @discardableResult
    public func deleteSession(id: Int64) async throws(IPAIError) -> Bool {
        !(try await store.rows("DELETE FROM conv_sessions WHERE id = ? RETURNING id", [.integer(id)])).isEmpty
    }

    // MARK: Panels

    /// Writes every field of a panel (theme, moderator, panelists, questions, documents, slots, position).
    /// - Throws: `invalidInput` naming the field.
    @discardableResult
    public func updatePanel(_ panel: PanelRecord) async throws(IPAIError) -> PanelRecord {
        try Self.check(panel)
        let changed = try await store.rows(
            """
            UPDATE conv_panels SET position = ?, theme = ?, moderator_user_id = ?, panelists = ?, questions = ?, documents = ?,
              slots = ? WHERE id = ? RETURNING id
            """,
            [.integer(Int64(panel.position)), .text(panel.theme.json), SQLValue(panel.moderatorUserID),
             .text(JSONColumn.encode(panel.panelists)), .text(JSONColumn.encode(panel.questions)),
             .text(JSONColumn.encode(panel.documents)), .text(JSONColumn.encode(panel.slots)), .integer(panel.id)])
        guard !changed.isEmpty else { throw Self.missing("panel", panel.id) }
        return panel
    }

    /// Deletes a panel (agenda items that named it keep their place, without a panel). - Returns: whether it existed.
    @discardableResult
    public func deletePanel(id: Int64) async throws(IPAIError) -> Bool {
        !(try await store.rows("DELETE FROM conv_panels WHERE id = ? RETURNING id", [.integer(id)])).isEmpty
    }

    /// The position after the last panel of a session (1 for the first).
    public func nextPanelPosition(sessionID: Int64) async throws(IPAIError) -> Int {
        let rows = try await store.rows("SELECT MAX(position) AS last FROM conv_panels WHERE session_id = ?", [.integer(sessionID)])
        return Int(rows.first?.optionalInt64("last") ?? 0) + 1
    }

    static func missing(_ what: String, _ id: Int64) -> IPAIError {
        IPAIError(.notFound, "\(what) \(id) does not exist", at: InputLocation(field: "id", value: String(id)))
    }
}
