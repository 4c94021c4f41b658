import Core
import Foundation
import Storage

extension ConversationStore {
    // MARK: Conversations

    public func createConversation(
        title: LocalizedText, description: LocalizedText = LocalizedText(), createdBy: Int64?
    ) async throws(IPAIError) -> ConversationRecord {
        guard !title.isEmpty else {
            throw IPAIError(.invalidInput, "a conversation needs a title in at least one language", at: InputLocation(field: "title"))
        }
        let record = ConversationRecord(
            id: IdentifierGenerator.next(), title: title, description: description, createdAt: Clock.milliseconds(),
            createdBy: createdBy)
        _ = try await store.rows(
            "INSERT INTO conv_conversations (id, title, description, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
            [.integer(record.id), .text(title.json), .text(description.json), .integer(record.createdAt), SQLValue(createdBy)])
        return record
    }

    public func conversation(id: Int64) async throws(IPAIError) -> ConversationRecord? {
        try await store.rows("SELECT * FROM conv_conversations WHERE id = ?", [.integer(id)]).first.map(Self.conversation)
    }

    /// Every conversation, newest first.
    public func conversations() async throws(IPAIError) -> [ConversationRecord] {
        var result: [ConversationRecord] = []
        for row in try await store.rows("SELECT * FROM conv_conversations ORDER BY id DESC") { result.append(try Self.conversation(row)) }
        return result
    }

    static func conversation(_ row: SQLRow) throws(IPAIError) -> ConversationRecord {
        ConversationRecord(
            id: try row.int64("id"), title: LocalizedText(json: try row.string("title")),
            description: LocalizedText(json: try row.string("description")), createdAt: try row.int64("created_at"),
            createdBy: row.optionalInt64("created_by"))
    }

    // MARK: Sessions

    /// Adds a session; its fields are checked (dates `YYYY-MM-DD`, first day not after the last,
    /// links `http(s)://`).
    public func createSession(
        conversationID: Int64, number: Int, title: LocalizedText, startsOn: String, endsOn: String, place: String,
        format: SessionFormat, languages: [String], webcastURL: String = "", archiveURL: String = ""
    ) async throws(IPAIError) -> ConversationSession {
        let record = ConversationSession(
            id: IdentifierGenerator.next(), conversationID: conversationID, number: number, title: title, startsOn: startsOn,
            endsOn: endsOn, place: place, format: format, languages: languages.isEmpty ? ["en"] : languages,
            webcastURL: webcastURL, archiveURL: archiveURL, videoStartedAt: nil, createdAt: Clock.milliseconds())
        try Self.check(record)
        do {
            _ = try await store.rows(
                """
                INSERT INTO conv_sessions (id, conversation_id, number, title, starts_on, ends_on, place, format, languages,
                  webcast_url, archive_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.integer(record.id), .integer(conversationID), .integer(Int64(number)), .text(title.json), .text(startsOn),
                 .text(endsOn), .text(place), .text(format.rawValue), .text(record.languages.joined(separator: ",")),
                 .text(webcastURL), .text(archiveURL), .integer(record.createdAt)])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "this conversation already has a session number \(number)", at: InputLocation(field: "number", value: String(number)))
        }
        return record
    }

    public func session(id: Int64) async throws(IPAIError) -> ConversationSession? {
        try await store.rows("SELECT * FROM conv_sessions WHERE id = ?", [.integer(id)]).first.map(Self.session)
    }

    /// A conversation's sessions in number order.
    public func sessions(conversationID: Int64) async throws(IPAIError) -> [ConversationSession] {
        var result: [ConversationSession] = []
        for row in try await store.rows("SELECT * FROM conv_sessions WHERE conversation_id = ? ORDER BY number", [.integer(conversationID)]) {
            result.append(try Self.session(row))
        }
        return result
    }

    static func session(_ row: SQLRow) throws(IPAIError) -> ConversationSession {
        let format = try row.string("format")
        guard let parsed = SessionFormat(rawValue: format) else {
            throw IPAIError(.storageFailure, "stored session format '\(format)' is unknown")
        }
        return ConversationSession(
            id: try row.int64("id"), conversationID: try row.int64("conversation_id"), number: try row.int("number"),
            title: LocalizedText(json: try row.string("title")), startsOn: try row.string("starts_on"),
            endsOn: try row.string("ends_on"), place: try row.string("place"), format: parsed,
            languages: try row.string("languages").split(separator: ",").map(String.init),
            webcastURL: try row.string("webcast_url"), archiveURL: try row.string("archive_url"),
            videoStartedAt: row.optionalInt64("video_started_at"), createdAt: try row.int64("created_at"))
    }

    // MARK: Panels

    public func createPanel(
        sessionID: Int64, position: Int, theme: LocalizedText, moderatorUserID: Int64?, panelists: [Panelist] = [],
        questions: [LocalizedText] = [], documents: [PanelDocument] = [], slots: [PanelSlot] = []
    ) async throws(IPAIError) -> PanelRecord {
        guard let session = try await session(id: sessionID) else {
            throw IPAIError(.notFound, "session \(sessionID) does not exist", at: InputLocation(field: "session_id", value: String(sessionID)))
        }
        let record = PanelRecord(
            id: IdentifierGenerator.next(), sessionID: sessionID, conversationID: session.conversationID, position: position,
            theme: theme, moderatorUserID: moderatorUserID, panelists: panelists, questions: questions, documents: documents,
            slots: slots, createdAt: Clock.milliseconds())
        try Self.check(record)
        _ = try await store.rows(
            """
            INSERT INTO conv_panels (id, session_id, conversation_id, position, theme, moderator_user_id, panelists, questions,
              documents, slots, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(record.id), .integer(sessionID), .integer(session.conversationID), .integer(Int64(position)),
             .text(theme.json), SQLValue(moderatorUserID), .text(JSONColumn.encode(panelists)), .text(JSONColumn.encode(questions)),
             .text(JSONColumn.encode(documents)), .text(JSONColumn.encode(slots)), .integer(record.createdAt)])
        return record
    }

    public func panel(id: Int64) async throws(IPAIError) -> PanelRecord? {
        try await store.rows("SELECT * FROM conv_panels WHERE id = ?", [.integer(id)]).first.map(Self.panel)
    }

    /// A session's panels in agenda order.
    public func panels(sessionID: Int64) async throws(IPAIError) -> [PanelRecord] {
        var result: [PanelRecord] = []
        for row in try await store.rows("SELECT * FROM conv_panels WHERE session_id = ? ORDER BY position, id", [.integer(sessionID)]) {
            result.append(try Self.panel(row))
        }
        return result
    }

    static func panel(_ row: SQLRow) throws(IPAIError) -> PanelRecord {
        PanelRecord(
            id: try row.int64("id"), sessionID: try row.int64("session_id"), conversationID: try row.int64("conversation_id"),
            position: try row.int("position"), theme: LocalizedText(json: try row.string("theme")),
            moderatorUserID: row.optionalInt64("moderator_user_id"),
            panelists: try JSONColumn.decode([Panelist].self, try row.string("panelists"), column: "panelists"),
            questions: try JSONColumn.decode([LocalizedText].self, try row.string("questions"), column: "questions"),
            documents: try JSONColumn.decode([PanelDocument].self, try row.string("documents"), column: "documents"),
            slots: try JSONColumn.decode([PanelSlot].self, try row.string("slots"), column: "slots"),
            createdAt: try row.int64("created_at"))
    }

    // MARK: Checks

    /// A session's fields: a title, dates `YYYY-MM-DD` (first day not after the last), links `http(s)://`, a number ≥ 1.
    static func check(_ session: ConversationSession) throws(IPAIError) {
        guard !session.title.isEmpty else {
            throw IPAIError(.invalidInput, "a session needs a title in at least one language", at: InputLocation(field: "title"))
        }
        guard session.number >= 1 else {
            throw IPAIError(.invalidInput, "a session number is 1 or more", at: InputLocation(field: "number", value: String(session.number)))
        }
        try checkDate(session.startsOn, field: "starts_on")
        try checkDate(session.endsOn, field: "ends_on")
        guard session.startsOn <= session.endsOn else {
            throw IPAIError(
                .invalidInput, "the session ends (\(session.endsOn)) before it starts (\(session.startsOn))",
                at: InputLocation(field: "ends_on", value: session.endsOn))
        }
        try checkLink(session.webcastURL, field: "webcast_url")
        try checkLink(session.archiveURL, field: "archive_url")
        for language in session.languages where !languageCodes.contains(language) {
            throw IPAIError(
                .invalidInput, "unknown language; use en, fr, es, ru, zh or ar", at: InputLocation(field: "languages", value: language))
        }
    }

    /// A panel's fields: a theme, named panelists, document links `http(s)://`, slots `HH:MM` to `HH:MM`.
    static func check(_ panel: PanelRecord) throws(IPAIError) {
        guard !panel.theme.isEmpty else {
            throw IPAIError(.invalidInput, "a panel needs a theme in at least one language", at: InputLocation(field: "theme"))
        }
        for (index, panelist) in panel.panelists.enumerated()
        where panelist.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw IPAIError(.invalidInput, "every panelist needs a name", at: InputLocation(field: "panelists[\(index)].name", value: panelist.name))
        }
        for (index, document) in panel.documents.enumerated() {
            guard !document.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw IPAIError(.invalidInput, "every document needs a title", at: InputLocation(field: "documents[\(index)].title"))
            }
            guard !document.url.isEmpty else {
                throw IPAIError(.invalidInput, "every document needs a link", at: InputLocation(field: "documents[\(index)].url"))
            }
            try checkLink(document.url, field: "documents[\(index)].url")
        }
        for (index, slot) in panel.slots.enumerated() {
            try checkTime(slot.startsAt, field: "slots[\(index)].starts_at")
            try checkTime(slot.endsAt, field: "slots[\(index)].ends_at")
            guard slot.startsAt <= slot.endsAt else {
                throw IPAIError(
                    .invalidInput, "the slot ends (\(slot.endsAt)) before it starts (\(slot.startsAt))",
                    at: InputLocation(field: "slots[\(index)].ends_at", value: slot.endsAt))
            }
        }
    }

    /// A local time `HH:MM` (24-hour clock).
    static func checkTime(_ text: String, field: String) throws(IPAIError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isASCII) }
            && (0...23).contains(Int(parts[0]) ?? -1) && (0...59).contains(Int(parts[1]) ?? -1)
        guard valid else {
            throw IPAIError(.invalidInput, "expected a time such as 09:30", at: InputLocation(field: field, value: text))
        }
    }

    /// The six official UN languages, in which content and interpretation are offered.
    public static let languageCodes = ["en", "fr", "es", "ru", "zh", "ar"]

    static func checkDate(_ text: String, field: String) throws(IPAIError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid = parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
            && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
        guard valid else {
            throw IPAIError(.invalidInput, "expected a date such as 2025-04-23", at: InputLocation(field: field, value: text))
        }
    }

    /// Empty, or an absolute http(s) link (no `javascript:` or relative links in published pages).
    static func checkLink(_ text: String, field: String) throws(IPAIError) {
        guard !text.isEmpty else { return }
        let lower = text.lowercased()
        guard (lower.hasPrefix("https://") || lower.hasPrefix("http://")), URL(string: text)?.host != nil else {
            throw IPAIError(.invalidInput, "expected a link starting with https://", at: InputLocation(field: field, value: text))
        }
    }
}
