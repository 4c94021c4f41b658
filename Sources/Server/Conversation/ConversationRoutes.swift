import Conversation
import Core
import Foundation
import Hummingbird
import Storage

/// The `/api/v1` routes of the Conversation's structure — conversations, sessions, panels, session
/// agendas — and of its two outcome lists, with their open-data exports. Reads are public (the
/// public follows online); every change needs the conversation's Secretariat (creating a
/// conversation: an administrator) and is audited.
struct ConversationRoutes {
    let services: ServerServices
    var conversationStore: ConversationStore { ConversationStore(services.store) }
    var access: ConversationAccess { ConversationAccess(services: services) }

    func add(to api: RouterGroup<AppRequestContext>) {
        addConversationRoutes(to: api)
        addSessionRoutes(to: api)
        addPanelRoutes(to: api)
        addAgendaRoutes(to: api)
        addOutcomeRoutes(to: api)
    }

    // MARK: Conversations

    func addConversationRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("conversations") { request, _ -> PageDTO<ConversationDTO> in
            let page = try await conversationPage(limit: try request.pageLimit, cursor: try request.pageCursor)
            return PageDTO(page) { ConversationDTO($0) }
        }
        api.post("conversations") { request, context -> Response in
            let user = try await requireAdministrator(context, action: "conversation.create")
            let body = try await request.decodeJSON(as: ConversationBody.self, context: context)
            let created = try await createConversation(
                title: body.title ?? LocalizedText(), description: body.description ?? LocalizedText(), user: user)
            return try Response.json(ConversationDTO(created), status: .created)
        }
        api.get("conversations/{id}") { _, context -> ConversationDTO in
            ConversationDTO(try await loadConversation(try Self.id(context)))
        }
        api.patch("conversations/{id}") { request, context -> ConversationDTO in
            var conversation = try await loadConversation(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: conversation.id, action: "conversation.update", target: "conversation \(conversation.id)")
            let body = try await request.decodeJSON(as: ConversationBody.self, context: context)
            if let title = body.title { conversation.title = title }
            if let description = body.description { conversation.description = description }
            try await conversationStore.updateConversation(conversation)
            try await access.audit(user, action: "conversation.update", target: "conversation \(conversation.id)")
            return ConversationDTO(conversation)
        }
        api.delete("conversations/{id}") { _, context -> Response in
            let conversation = try await loadConversation(try Self.id(context))
            try await deleteConversation(conversation, context: context, formToken: nil)
            return Response(status: .noContent)
        }
    }

    // MARK: Sessions

    func addSessionRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("conversations/{id}/sessions") { _, context -> ListDTO<SessionDTO> in
            let conversation = try await loadConversation(try Self.id(context))
            return ListDTO(items: try await conversationStore.sessions(conversationID: conversation.id).map(SessionDTO.init))
        }
        api.post("conversations/{id}/sessions") { request, context -> Response in
            let conversation = try await loadConversation(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: conversation.id, action: "session.create", target: "conversation \(conversation.id)")
            let body = try await request.decodeJSON(as: SessionBody.self, context: context)
            var draft = try await newSession(conversationID: conversation.id)
            try apply(body, to: &draft)
            let created = try await createSession(draft, user: user)
            return try Response.json(SessionDTO(created), status: .created)
        }
        api.get("sessions/{id}") { _, context -> SessionDTO in
            SessionDTO(try await loadSession(try Self.id(context)))
        }
        api.patch("sessions/{id}") { request, context -> SessionDTO in
            var session = try await loadSession(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: session.conversationID, action: "session.update", target: "session \(session.id)")
            let body = try await request.decodeJSON(as: SessionBody.self, context: context)
            try apply(body, to: &session)
            session = try await conversationStore.updateSession(session)
            try await access.audit(user, action: "session.update", target: "session \(session.id)")
            return SessionDTO(session)
        }
        api.delete("sessions/{id}") { _, context -> Response in
            let session = try await loadSession(try Self.id(context))
            try await deleteSession(session, context: context, formToken: nil)
            return Response(status: .noContent)
        }
    }

    // MARK: Panels

    func addPanelRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("sessions/{id}/panels") { _, context -> ListDTO<PanelDTO> in
            let session = try await loadSession(try Self.id(context))
            var items: [PanelDTO] = []
            for panel in try await conversationStore.panels(sessionID: session.id) { items.append(try await panelDTO(panel)) }
            return ListDTO(items: items)
        }
        api.post("sessions/{id}/panels") { request, context -> Response in
            let session = try await loadSession(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: session.conversationID, action: "panel.create", target: "session \(session.id)")
            let body = try await request.decodeJSON(as: PanelBody.self, context: context)
            var draft = try await newPanel(session: session)
            try await apply(body, to: &draft)
            let created = try await createPanel(draft, user: user)
            return try Response.json(try await panelDTO(created), status: .created)
        }
        api.get("panels/{id}") { _, context -> PanelDTO in
            try await panelDTO(try await loadPanel(try Self.id(context)))
        }
        api.patch("panels/{id}") { request, context -> PanelDTO in
            var panel = try await loadPanel(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: panel.conversationID, action: "panel.update", target: "panel \(panel.id)")
            let body = try await request.decodeJSON(as: PanelBody.self, context: context)
            try await apply(body, to: &panel)
            try await conversationStore.updatePanel(panel)
            try await access.audit(user, action: "panel.update", target: "panel \(panel.id)")
            return try await panelDTO(panel)
        }
        api.delete("panels/{id}") { _, context -> Response in
            let panel = try await loadPanel(try Self.id(context))
            try await deletePanel(panel, context: context, formToken: nil)
            return Response(status: .noContent)
        }
    }

    // MARK: Shared with the pages

    /// The `{id}` path parameter; an id that is not a number names nothing (404).
    static func id(_ context: AppRequestContext) throws -> Int64 {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw) else { throw APIError.notFound("'\(raw)'") }
        return id
    }

    func loadConversation(_ id: Int64) async throws -> ConversationRecord {
        guard let conversation = try await conversationStore.conversation(id: id) else { throw APIError.notFound("conversation \(id)") }
        return conversation
    }

    func loadSession(_ id: Int64) async throws -> ConversationSession {
        guard let session = try await conversationStore.session(id: id) else { throw APIError.notFound("session \(id)") }
        return session
    }

    func loadPanel(_ id: Int64) async throws -> PanelRecord {
        guard let panel = try await conversationStore.panel(id: id) else { throw APIError.notFound("panel \(id)") }
        return panel
    }

    /// Conversations newest first, a keyset page.
    func conversationPage(limit: Int, cursor: Int64?) async throws -> Page<ConversationRecord> {
        try await conversationStore.conversations(limit: limit, cursor: cursor)
    }

    /// The caller, who must be an administrator (refusals are audited).
    func requireAdministrator(_ context: AppRequestContext, formToken: String? = nil, action: String) async throws -> UserRecord {
        let user = try await access.requireChange(context, formToken: formToken, action: action)
        guard user.role == .administrator else {
            throw await access.refuse(user, action: action, target: "", reason: "only an administrator may create a conversation")
        }
        return user
    }

    func createConversation(title: LocalizedText, description: LocalizedText, user: UserRecord) async throws -> ConversationRecord {
        let created = try await conversationStore.createConversation(title: title, description: description, createdBy: user.id)
        try await access.audit(user, action: "conversation.create", target: "conversation \(created.id)", details: title.text(in: "en"))
        return created
    }

    func deleteConversation(_ conversation: ConversationRecord, context: AppRequestContext, formToken: String?) async throws {
        let target = "conversation \(conversation.id)"
        let user = try await access.requireSecretariat(
            context, conversationID: conversation.id, formToken: formToken, action: "conversation.delete", target: target)
        try await conversationStore.deleteConversation(id: conversation.id)
        try await access.audit(user, action: "conversation.delete", target: target, details: conversation.title.text(in: "en"))
    }

    /// A new session's defaults: the next number, in person, in English.
    func newSession(conversationID: Int64) async throws -> ConversationSession {
        let number = (try await conversationStore.sessions(conversationID: conversationID).map(\.number).max() ?? 0) + 1
        return ConversationSession(
            id: 0, conversationID: conversationID, number: number, title: LocalizedText(), startsOn: "", endsOn: "", place: "",
            format: .inPerson, languages: ["en"], webcastURL: "", archiveURL: "", videoStartedAt: nil, createdAt: 0)
    }

    func createSession(_ draft: ConversationSession, user: UserRecord) async throws -> ConversationSession {
        var created = try await conversationStore.createSession(
            conversationID: draft.conversationID, number: draft.number, title: draft.title, startsOn: draft.startsOn,
            endsOn: draft.endsOn, place: draft.place, format: draft.format, languages: draft.languages,
            webcastURL: draft.webcastURL, archiveURL: draft.archiveURL)
        if draft.videoStartedAt != nil {
            created.videoStartedAt = draft.videoStartedAt
            created = try await conversationStore.updateSession(created)
        }
        try await access.audit(user, action: "session.create", target: "session \(created.id)", details: "conversation \(created.conversationID)")
        return created
    }

    func deleteSession(_ session: ConversationSession, context: AppRequestContext, formToken: String?) async throws {
        let target = "session \(session.id)"
        let user = try await access.requireSecretariat(
            context, conversationID: session.conversationID, formToken: formToken, action: "session.delete", target: target)
        try await conversationStore.deleteSession(id: session.id)
        try await access.audit(user, action: "session.delete", target: target, details: "conversation \(session.conversationID)")
    }

    func newPanel(session: ConversationSession) async throws -> PanelRecord {
        PanelRecord(
            id: 0, sessionID: session.id, conversationID: session.conversationID,
            position: try await conversationStore.nextPanelPosition(sessionID: session.id), theme: LocalizedText(),
            moderatorUserID: nil, panelists: [], questions: [], documents: [], slots: [], createdAt: 0)
    }

    func createPanel(_ draft: PanelRecord, user: UserRecord) async throws -> PanelRecord {
        let created = try await conversationStore.createPanel(
            sessionID: draft.sessionID, position: draft.position, theme: draft.theme, moderatorUserID: draft.moderatorUserID,
            panelists: draft.panelists, questions: draft.questions, documents: draft.documents, slots: draft.slots)
        try await access.audit(user, action: "panel.create", target: "panel \(created.id)", details: "session \(created.sessionID)")
        return created
    }

    func deletePanel(_ panel: PanelRecord, context: AppRequestContext, formToken: String?) async throws {
        let target = "panel \(panel.id)"
        let user = try await access.requireSecretariat(
            context, conversationID: panel.conversationID, formToken: formToken, action: "panel.delete", target: target)
        try await conversationStore.deletePanel(id: panel.id)
        try await access.audit(user, action: "panel.delete", target: target, details: "session \(panel.sessionID)")
    }

    func panelDTO(_ panel: PanelRecord) async throws -> PanelDTO {
        PanelDTO(panel, moderator: try await moderatorName(panel))
    }

    func moderatorName(_ panel: PanelRecord) async throws -> String? {
        guard let id = panel.moderatorUserID else { return nil }
        return try await services.store.user(id: id)?.username
    }

    /// Applies the fields present in a session body.
    /// - Throws: 400 naming `format` or `video_started_at` and the value (the store checks the rest).
    func apply(_ body: SessionBody, to session: inout ConversationSession) throws {
        if let number = body.number { session.number = number }
        if let title = body.title { session.title = title }
        if let startsOn = body.startsOn { session.startsOn = startsOn }
        if let endsOn = body.endsOn { session.endsOn = endsOn }
        if let place = body.place { session.place = place }
        if let format = body.format { session.format = try Self.format(format) }
        if let languages = body.languages { session.languages = languages }
        if let webcastURL = body.webcastURL { session.webcastURL = webcastURL }
        if let archiveURL = body.archiveURL { session.archiveURL = archiveURL }
        switch body.videoStartedAt {
        case .absent: break
        case .null: session.videoStartedAt = nil
        case .value(let text): session.videoStartedAt = try Self.dateTime(text, field: "video_started_at")
        }
    }

    static func format(_ text: String) throws -> SessionFormat {
        guard let format = SessionFormat(rawValue: text) else {
            throw IPAIError(.invalidInput, "use in_person, virtual or hybrid", at: InputLocation(field: "format", value: text))
        }
        return format
    }

    /// An ISO 8601 date-time (`2024-09-01T10:00:00Z`, with or without fractions of a second) in ms since 1970.
    static func dateTime(_ text: String, field: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        throw IPAIError(.invalidInput, "expected a date and time such as 2024-09-01T10:00:00Z", at: InputLocation(field: field, value: text))
    }

    /// Applies the fields present in a panel body; the moderator is named by user id or user name.
    /// - Throws: 400 naming `moderator`, `moderator_user_id` or `slots[i].kind` and the value.
    func apply(_ body: PanelBody, to panel: inout PanelRecord) async throws {
        if let position = body.position { panel.position = position }
        if let theme = body.theme { panel.theme = theme }
        switch body.moderatorUserID {
        case .absent: break
        case .null: panel.moderatorUserID = nil
        case .value(let id):
            guard try await services.store.user(id: id.value) != nil else {
                throw IPAIError(.invalidInput, "no user has this id", at: InputLocation(field: "moderator_user_id", value: String(id.value)))
            }
            panel.moderatorUserID = id.value
        }
        switch body.moderator {
        case .absent: break
        case .null: panel.moderatorUserID = nil
        case .value(let name):
            panel.moderatorUserID = try await moderatorID(name)
        }
        if let panelists = body.panelists { panel.panelists = panelists }
        if let questions = body.questions { panel.questions = questions }
        if let documents = body.documents { panel.documents = documents }
        if let slots = body.slots {
            panel.slots = try slots.enumerated().map { index, slot in
                guard let kind = PanelSlot.Kind(rawValue: slot.kind) else {
                    throw IPAIError(
                        .invalidInput, "use panel_discussion, interaction or open_floor",
                        at: InputLocation(field: "slots[\(index)].kind", value: slot.kind))
                }
                return PanelSlot(kind: kind, startsAt: slot.startsAt, endsAt: slot.endsAt)
            }
        }
    }

    /// The user named `name` ("" names no one).
    func moderatorID(_ name: String) async throws -> Int64? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard let user = try await services.store.user(named: trimmed) else {
            throw IPAIError(.invalidInput, "no user has this user name", at: InputLocation(field: "moderator", value: trimmed))
        }
        return user.id
    }
}
