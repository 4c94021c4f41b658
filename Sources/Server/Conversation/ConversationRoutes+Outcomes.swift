import Conversation
import Core
import Storage
import Hummingbird

/// `/api/v1/conversations/{id}/outcomes`, `/api/v1/outcomes/{id}` and the lists' open-data export.
/// By design there is no report, recommendation or vote: only the two lists, each item traced to its sources.
extension ConversationRoutes {
    func addOutcomeRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("conversations/{id}/outcomes") { request, context -> ListDTO<OutcomeDTO> in
            let conversation = try await loadConversation(try Self.id(context))
            let kind = try request.uri.queryParameters.get("kind").map(Self.outcomeKind)
            var items: [OutcomeDTO] = []
            for item in try await conversationStore.outcomes(conversationID: conversation.id, kind: kind) {
                items.append(OutcomeDTO(item, sources: try await resolve(item.sources)))
            }
            return ListDTO(items: items)
        }
        api.post("conversations/{id}/outcomes") { request, context -> Response in
            let conversation = try await loadConversation(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: conversation.id, action: "outcome.create", target: "conversation \(conversation.id)")
            let body = try await request.decodeJSON(as: OutcomeBody.self, context: context)
            guard let kindText = body.kind else {
                throw IPAIError(.invalidInput, "name the list: further_discussion or immediate_attention", at: InputLocation(field: "kind"))
            }
            let created = try await createOutcome(
                conversationID: conversation.id, kind: try Self.outcomeKind(kindText), text: body.text ?? LocalizedText(),
                sources: try Self.sources(body.sources ?? []), user: user)
            return try Response.json(OutcomeDTO(created, sources: try await resolve(created.sources)), status: .created)
        }
        api.patch("outcomes/{id}") { request, context -> OutcomeDTO in
            var item = try await loadOutcome(try Self.id(context))
            let user = try await access.requireSecretariat(
                context, conversationID: item.conversationID, action: "outcome.update", target: "outcome \(item.id)")
            let body = try await request.decodeJSON(as: OutcomeBody.self, context: context)
            if let kind = body.kind { item.kind = try Self.outcomeKind(kind) }
            if let text = body.text { item.text = text }
            if let sources = body.sources { item.sources = try Self.sources(sources) }
            item = try await updateOutcome(item, user: user)
            if let move = body.move {
                try await conversationStore.moveOutcome(id: item.id, by: try Self.offset(move))
                item = try await loadOutcome(item.id)
            }
            return OutcomeDTO(item, sources: try await resolve(item.sources))
        }
        api.delete("outcomes/{id}") { _, context -> Response in
            let item = try await loadOutcome(try Self.id(context))
            try await deleteOutcome(item, context: context, formToken: nil)
            return Response(status: .noContent)
        }
        api.get("conversations/{id}/outcomes/export") { request, context -> Response in
            let conversation = try await loadConversation(try Self.id(context))
            return try await outcomeExport(conversation).response(format: request.uri.queryParameters.get("format"))
        }
    }

    func loadOutcome(_ id: Int64) async throws -> OutcomeRecord {
        guard let item = try await conversationStore.outcome(id: id) else { throw APIError.notFound("outcome \(id)") }
        return item
    }

    static func outcomeKind(_ text: String) throws -> OutcomeKind {
        guard let kind = OutcomeKind(rawValue: text) else {
            throw IPAIError(.invalidInput, "use further_discussion or immediate_attention", at: InputLocation(field: "kind", value: text))
        }
        return kind
    }

    static func sources(_ bodies: [OutcomeSourceBody]) throws -> [OutcomeSource] {
        try bodies.enumerated().map { index, body in
            guard let kind = OutcomeSource.Kind(rawValue: body.kind) else {
                throw IPAIError(
                    .invalidInput, "use intervention or submission", at: InputLocation(field: "sources[\(index)].kind", value: body.kind))
            }
            return OutcomeSource(kind: kind, id: body.id.value)
        }
    }

    func createOutcome(
        conversationID: Int64, kind: OutcomeKind, text: LocalizedText, sources: [OutcomeSource], user: UserRecord
    ) async throws -> OutcomeRecord {
        try await checkOutcomeSources(sources, conversationID: conversationID)
        let created = try await conversationStore.createOutcome(conversationID: conversationID, kind: kind, text: text, sources: sources)
        try await access.audit(user, action: "outcome.create", target: "outcome \(created.id)", details: "\(kind.rawValue) \(text.text(in: "en"))")
        return created
    }

    func updateOutcome(_ item: OutcomeRecord, user: UserRecord) async throws -> OutcomeRecord {
        try await checkOutcomeSources(item.sources, conversationID: item.conversationID)
        let updated = try await conversationStore.updateOutcome(item)
        try await access.audit(user, action: "outcome.update", target: "outcome \(item.id)", details: "\(item.kind.rawValue) \(item.text.text(in: "en"))")
        return updated
    }

    func moveOutcome(_ item: OutcomeRecord, offset: Int, user: UserRecord) async throws {
        try await conversationStore.moveOutcome(id: item.id, by: offset)
        try await access.audit(user, action: "outcome.move", target: "outcome \(item.id)", details: offset < 0 ? "up" : "down")
    }

    func deleteOutcome(_ item: OutcomeRecord, context: AppRequestContext, formToken: String?) async throws {
        let target = "outcome \(item.id)"
        let user = try await access.requireSecretariat(
            context, conversationID: item.conversationID, formToken: formToken, action: "outcome.delete", target: target)
        try await conversationStore.deleteOutcome(id: item.id)
        try await access.audit(user, action: "outcome.delete", target: target, details: item.text.text(in: "en"))
    }

    /// Both lists as open data: one row per item, with its sources and where they are published.
    func outcomeExport(_ conversation: ConversationRecord) async throws -> TableExport {
        var table = TableExport(
            name: "outcomes-conversation-\(conversation.id)",
            columns: ["id", "conversation_id", "list", "position", "text_en", "text", "interventions", "submissions", "source_links"])
        for item in try await conversationStore.outcomes(conversationID: conversation.id) {
            let resolved = try await resolve(item.sources)
            table.append([
                "id": .string(String(item.id)), "conversation_id": .string(String(conversation.id)), "list": .string(item.kind.rawValue),
                "position": .integer(Int64(item.position)), "text_en": .string(item.text.text(in: "en")), "text": Self.jsonValue(item.text),
                "interventions": .array(item.sources.filter { $0.kind == .intervention }.map { .string(String($0.id)) }),
                "submissions": .array(item.sources.filter { $0.kind == .submission }.map { .string(String($0.id)) }),
                "source_links": .array(resolved.compactMap { $0.href.map(JSONValue.string) }),
            ])
        }
        return table
    }
}
