import Conversation
import Core
import Storage
import Hummingbird

/// `/api/v1/sessions/{id}/agenda`, `/api/v1/agenda/{id}` and the agenda's open-data export.
extension ConversationRoutes {
    func addAgendaRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("sessions/{id}/agenda") { _, context -> ListDTO<AgendaItemDTO> in
            let session = try await loadSession(try Self.id(context))
            let items = try await conversationStore.agenda(sessionID: session.id)
            let issues = try await issueSummaries(for: items)
            return ListDTO(items: items.map { AgendaItemDTO($0, issues: issues) })
        }
        api.post("sessions/{id}/agenda") { request, context -> Response in
            let session = try await loadSession(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: session.conversationID, action: "agenda.create", target: "session \(session.id)")
            let body = try await request.decodeJSON(as: AgendaItemBody.self, context: context)
            var draft = AgendaItemRecord(
                id: 0, sessionID: session.id, conversationID: session.conversationID, position: 0, title: LocalizedText(),
                panelID: nil, startsAt: "", links: [], createdAt: 0)
            try apply(body, to: &draft)
            let created = try await createAgendaItem(draft, user: user)
            return try Response.json(AgendaItemDTO(created, issues: try await issueSummaries(for: [created])), status: .created)
        }
        api.patch("agenda/{id}") { request, context -> AgendaItemDTO in
            var item = try await loadAgendaItem(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: item.conversationID, action: "agenda.update", target: "agenda item \(item.id)")
            let body = try await request.decodeJSON(as: AgendaItemBody.self, context: context)
            try apply(body, to: &item)
            item = try await updateAgendaItem(item, user: user)
            if let move = body.move {
                try await conversationStore.moveAgendaItem(id: item.id, by: try Self.offset(move))
                item = try await loadAgendaItem(item.id)
            }
            return AgendaItemDTO(item, issues: try await issueSummaries(for: [item]))
        }
        api.delete("agenda/{id}") { _, context -> Response in
            let item = try await loadAgendaItem(try Self.id(context))
            try await deleteAgendaItem(item, context: context, formToken: nil)
            return Response(status: .noContent)
        }
        api.get("sessions/{id}/agenda/export") { request, context -> Response in
            let session = try await loadSession(try Self.id(context))
            return try await agendaExport(session).response(format: request.uri.queryParameters.get("format"))
        }
    }

    func loadAgendaItem(_ id: Int64) async throws -> AgendaItemRecord {
        guard let item = try await conversationStore.agendaItem(id: id) else { throw APIError.notFound("agenda item \(id)") }
        return item
    }

    /// Applies the fields present in an agenda body (not `move`).
    func apply(_ body: AgendaItemBody, to item: inout AgendaItemRecord) throws {
        if let position = body.position { item.position = position }
        if let title = body.title { item.title = title }
        switch body.panelID {
        case .absent: break
        case .null: item.panelID = nil
        case .value(let id): item.panelID = id.value
        }
        if let startsAt = body.startsAt { item.startsAt = startsAt }
        if let links = body.links { item.links = links.map { AgendaLink(issueID: $0.issueID.value, questionID: $0.questionID?.value) } }
    }

    /// `up` → -1, `down` → +1.
    static func offset(_ move: String) throws -> Int {
        switch move {
        case "up": return -1
        case "down": return 1
        default: throw IPAIError(.invalidInput, "use up or down", at: InputLocation(field: "move", value: move))
        }
    }

    /// Creates the item after checking its links against the issues papers of the conversation.
    func createAgendaItem(_ draft: AgendaItemRecord, user: UserRecord) async throws -> AgendaItemRecord {
        try await checkAgendaLinks(draft.links, conversationID: draft.conversationID)
        let created = try await conversationStore.createAgendaItem(
            sessionID: draft.sessionID, position: draft.position >= 1 ? draft.position : nil, title: draft.title,
            panelID: draft.panelID, startsAt: draft.startsAt, links: draft.links)
        try await access.audit(user, action: "agenda.create", target: "agenda item \(created.id)", details: "session \(created.sessionID)")
        return created
    }

    func updateAgendaItem(_ item: AgendaItemRecord, user: UserRecord) async throws -> AgendaItemRecord {
        try await checkAgendaLinks(item.links, conversationID: item.conversationID)
        let updated = try await conversationStore.updateAgendaItem(item)
        try await access.audit(user, action: "agenda.update", target: "agenda item \(item.id)", details: "session \(item.sessionID)")
        return updated
    }

    func deleteAgendaItem(_ item: AgendaItemRecord, context: AppRequestContext, formToken: String?) async throws {
        let target = "agenda item \(item.id)"
        let user = try await access.requireSecretariat(
            context, conversationID: item.conversationID, formToken: formToken, action: "agenda.delete", target: target)
        try await conversationStore.deleteAgendaItem(id: item.id)
        try await access.audit(user, action: "agenda.delete", target: target, details: "session \(item.sessionID)")
    }

    /// The agenda as open data: one row per item, with its panel's theme and the issues and questions it discusses.
    func agendaExport(_ session: ConversationSession) async throws -> TableExport {
        let items = try await conversationStore.agenda(sessionID: session.id)
        let issues = try await issueSummaries(for: items)
        let panels = Dictionary(uniqueKeysWithValues: try await conversationStore.panels(sessionID: session.id).map { ($0.id, $0) })
        var table = TableExport(
            name: "agenda-session-\(session.number)",
            columns: ["id", "session_id", "session_number", "position", "starts_at", "title_en", "title", "panel_id", "panel_theme",
                      "issues", "questions"])
        for item in items {
            var issueLabels: [JSONValue] = []
            var questionLabels: [JSONValue] = []
            for link in item.links {
                let issue = issues[link.issueID]
                let issueLabel = issue.map { "\($0.number). \($0.title.text(in: "en"))" } ?? "issue \(link.issueID)"
                if let questionID = link.questionID {
                    let question = issue?.questions.first { $0.id == questionID }
                    let label = question.map { "\(issue?.number ?? 0).\($0.number) \($0.text.text(in: "en"))" } ?? "question \(questionID)"
                    questionLabels.append(.string(label))
                }
                if !issueLabels.contains(.string(issueLabel)) { issueLabels.append(.string(issueLabel)) }
            }
            table.append([
                "id": .string(String(item.id)), "session_id": .string(String(session.id)), "session_number": .integer(Int64(session.number)),
                "position": .integer(Int64(item.position)), "starts_at": .string(item.startsAt), "title_en": .string(item.title.text(in: "en")),
                "title": Self.jsonValue(item.title), "panel_id": item.panelID.map { .string(String($0)) } ?? .null,
                "panel_theme": item.panelID.flatMap { panels[$0] }.map { .string($0.theme.text(in: "en")) } ?? .null,
                "issues": .array(issueLabels), "questions": .array(questionLabels),
            ])
        }
        return table
    }

    /// A text per language as a JSON object (`{"en": …, "fr": …}`).
    static func jsonValue(_ text: LocalizedText) -> JSONValue {
        .object(text.values.mapValues { JSONValue.string($0) })
    }
}
