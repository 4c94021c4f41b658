import Conversation
import Core
import Foundation
import Hummingbird
import Storage

/// The pages of the Conversation's structure and outcome lists: public to read (no sign-in), edited
/// by the Secretariat through POST forms that carry the CSRF token; every change is checked on the
/// server through ``ConversationAccess`` and audited.
extension WebRoutes {
    var structure: ConversationRoutes { ConversationRoutes(services: services) }

    func addConversationRoutes(to pages: RouterGroup<AppRequestContext>) {
        addStructureReadPages(to: pages)
        addStructureForms(to: pages)
        addOutcomeForms(to: pages)
    }

    // MARK: Reading (public)

    func addStructureReadPages(to pages: RouterGroup<AppRequestContext>) {
        pages.get("conversations") { request, context -> Response in
            let page = PageContext(request, context)
            let list = try await structure.conversationPage(limit: 50, cursor: request.cursor)
            return StructurePages.list(page, conversations: list.items, next: list.next, canCreate: page.user?.role == .administrator)
        }
        pages.get("conversations/{id}") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await structure.loadConversation(try ConversationRoutes.id(context))
            let sessions = try await structure.conversationStore.sessions(conversationID: conversation.id)
            let secretariat = try await structure.access.isSecretariat(page.user, conversationID: conversation.id)
            return StructurePages.conversation(page, conversation, sessions: sessions, secretariat: secretariat)
        }
        pages.get("sessions/{id}") { request, context -> Response in
            let page = PageContext(request, context)
            let session = try await structure.loadSession(try ConversationRoutes.id(context))
            return StructureSessionPage.render(page, try await sessionContent(session, user: page.user))
        }
        pages.get("panels/{id}") { request, context -> Response in
            let page = PageContext(request, context)
            let panel = try await structure.loadPanel(try ConversationRoutes.id(context))
            let session = try await structure.loadSession(panel.sessionID)
            let conversation = try await structure.loadConversation(panel.conversationID)
            return StructurePanelPage.render(
                page, conversation: conversation, session: session, panel: panel, moderator: try await structure.moderatorName(panel),
                secretariat: try await structure.access.isSecretariat(page.user, conversationID: panel.conversationID))
        }
        pages.get("conversations/{id}/outcomes") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await structure.loadConversation(try ConversationRoutes.id(context))
            var items: [OutcomePages.Item] = []
            for record in try await structure.conversationStore.outcomes(conversationID: conversation.id) {
                items.append(OutcomePages.Item(record: record, sources: try await structure.resolve(record.sources)))
            }
            return OutcomePages.render(
                page, conversation: conversation, items: items,
                secretariat: try await structure.access.isSecretariat(page.user, conversationID: conversation.id))
        }
    }

    func sessionContent(_ session: ConversationSession, user: UserRecord?) async throws -> StructureSessionPage.Content {
        let conversations = structure.conversationStore
        let agenda = try await conversations.agenda(sessionID: session.id)
        let panels = try await conversations.panels(sessionID: session.id)
        var moderators: [Int64: String] = [:]
        for panel in panels { moderators[panel.id] = try await structure.moderatorName(panel) }
        let secretariat = try await structure.access.isSecretariat(user, conversationID: session.conversationID)
        var linkable: [IssueSummary] = []
        if secretariat {
            // The issues of each paper's latest version of this conversation.
            for paper in try await structure.consultations.papers(conversationID: session.conversationID) {
                guard let version = try await structure.consultations.latestVersion(paperID: paper.id) else { continue }
                for issue in try await structure.consultations.issues(versionID: version.id) {
                    linkable.append(IssueSummary(id: issue.id, number: issue.number, title: issue.title, questions: issue.questions))
                }
            }
        }
        return StructureSessionPage.Content(
            conversation: try await structure.loadConversation(session.conversationID), session: session, agenda: agenda, panels: panels,
            moderators: moderators, issues: try await structure.issueSummaries(for: agenda), linkable: linkable, secretariat: secretariat)
    }

    // MARK: Secretariat forms

    /// A form whose sender must be the conversation's Secretariat (refusals and forged posts are audited).
    func secretariatForm(
        _ request: Request, _ context: AppRequestContext, conversationID: Int64, action: String, target: String
    ) async throws -> (FormData, UserRecord) {
        let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
        let user = try await structure.access.requireSecretariat(
            context, conversationID: conversationID, formToken: form.raw("_csrf"), action: action, target: target)
        return (form, user)
    }

    func addStructureForms(to pages: RouterGroup<AppRequestContext>) {
        pages.post("conversations") { request, context -> Response in
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            let user = try await structure.requireAdministrator(context, formToken: form.raw("_csrf"), action: "conversation.create")
            let created = try await structure.createConversation(
                title: StructureForms.localized(form, "title"), description: StructureForms.localized(form, "description"), user: user)
            return Response.redirect(to: "/conversations/\(created.id)")
        }
        pages.post("conversations/{id}/edit") { request, context -> Response in
            var conversation = try await structure.loadConversation(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: conversation.id, action: "conversation.update", target: "conversation \(conversation.id)")
            conversation.title = StructureForms.localized(form, "title")
            conversation.description = StructureForms.localized(form, "description")
            try await structure.conversationStore.updateConversation(conversation)
            try await structure.access.audit(user, action: "conversation.update", target: "conversation \(conversation.id)")
            return Response.redirect(to: "/conversations/\(conversation.id)")
        }
        pages.post("conversations/{id}/delete") { request, context -> Response in
            let conversation = try await structure.loadConversation(try ConversationRoutes.id(context))
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            guard form["confirm"] == "yes" else { throw APIError.badRequest("tick the box to confirm the deletion") }
            try await structure.deleteConversation(conversation, context: context, formToken: form.raw("_csrf"))
            return Response.redirect(to: "/conversations")
        }
        pages.post("conversations/{id}/sessions") { request, context -> Response in
            let conversation = try await structure.loadConversation(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: conversation.id, action: "session.create", target: "conversation \(conversation.id)")
            var draft = try await structure.newSession(conversationID: conversation.id)
            try applySession(form, to: &draft, withVideo: false)
            let created = try await structure.createSession(draft, user: user)
            return Response.redirect(to: "/sessions/\(created.id)")
        }
        pages.post("sessions/{id}/edit") { request, context -> Response in
            var session = try await structure.loadSession(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: session.conversationID, action: "session.update", target: "session \(session.id)")
            try applySession(form, to: &session, withVideo: true)
            try await structure.conversationStore.updateSession(session)
            try await structure.access.audit(user, action: "session.update", target: "session \(session.id)")
            return Response.redirect(to: "/sessions/\(session.id)")
        }
        pages.post("sessions/{id}/delete") { request, context -> Response in
            let session = try await structure.loadSession(try ConversationRoutes.id(context))
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            guard form["confirm"] == "yes" else { throw APIError.badRequest("tick the box to confirm the deletion") }
            try await structure.deleteSession(session, context: context, formToken: form.raw("_csrf"))
            return Response.redirect(to: "/conversations/\(session.conversationID)")
        }
        pages.post("sessions/{id}/panels") { request, context -> Response in
            let session = try await structure.loadSession(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: session.conversationID, action: "panel.create", target: "session \(session.id)")
            var draft = try await structure.newPanel(session: session)
            try await applyPanel(form, to: &draft)
            let created = try await structure.createPanel(draft, user: user)
            return Response.redirect(to: "/panels/\(created.id)")
        }
        pages.post("panels/{id}/edit") { request, context -> Response in
            var panel = try await structure.loadPanel(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: panel.conversationID, action: "panel.update", target: "panel \(panel.id)")
            try await applyPanel(form, to: &panel)
            try await structure.conversationStore.updatePanel(panel)
            try await structure.access.audit(user, action: "panel.update", target: "panel \(panel.id)")
            return Response.redirect(to: "/panels/\(panel.id)")
        }
        pages.post("panels/{id}/delete") { request, context -> Response in
            let panel = try await structure.loadPanel(try ConversationRoutes.id(context))
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            guard form["confirm"] == "yes" else { throw APIError.badRequest("tick the box to confirm the deletion") }
            try await structure.deletePanel(panel, context: context, formToken: form.raw("_csrf"))
            return Response.redirect(to: "/sessions/\(panel.sessionID)")
        }
        pages.post("sessions/{id}/agenda") { request, context -> Response in
            let session = try await structure.loadSession(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: session.conversationID, action: "agenda.create", target: "session \(session.id)")
            var draft = AgendaItemRecord(
                id: 0, sessionID: session.id, conversationID: session.conversationID, position: 0, title: LocalizedText(), panelID: nil,
                startsAt: "", links: [], createdAt: 0)
            try applyAgenda(form, to: &draft)
            let created = try await structure.createAgendaItem(draft, user: user)
            return Response.redirect(to: "/sessions/\(session.id)#agenda-\(created.id)")
        }
        pages.post("agenda/{id}/edit") { request, context -> Response in
            var item = try await structure.loadAgendaItem(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: item.conversationID, action: "agenda.update", target: "agenda item \(item.id)")
            try applyAgenda(form, to: &item)
            _ = try await structure.updateAgendaItem(item, user: user)
            return Response.redirect(to: "/sessions/\(item.sessionID)#agenda-\(item.id)")
        }
        pages.post("agenda/{id}/move") { request, context -> Response in
            let item = try await structure.loadAgendaItem(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: item.conversationID, action: "agenda.move", target: "agenda item \(item.id)")
            let offset = try ConversationRoutes.offset(form["direction"] ?? "")
            try await structure.conversationStore.moveAgendaItem(id: item.id, by: offset)
            try await structure.access.audit(user, action: "agenda.move", target: "agenda item \(item.id)", details: offset < 0 ? "up" : "down")
            return Response.redirect(to: "/sessions/\(item.sessionID)#agenda-\(item.id)")
        }
        pages.post("agenda/{id}/delete") { request, context -> Response in
            let item = try await structure.loadAgendaItem(try ConversationRoutes.id(context))
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            try await structure.deleteAgendaItem(item, context: context, formToken: form.raw("_csrf"))
            return Response.redirect(to: "/sessions/\(item.sessionID)#agenda")
        }
    }

    func addOutcomeForms(to pages: RouterGroup<AppRequestContext>) {
        pages.post("conversations/{id}/outcomes") { request, context -> Response in
            let conversation = try await structure.loadConversation(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: conversation.id, action: "outcome.create", target: "conversation \(conversation.id)")
            let created = try await structure.createOutcome(
                conversationID: conversation.id, kind: try ConversationRoutes.outcomeKind(form["kind"] ?? ""),
                text: StructureForms.localized(form, "text"), sources: try OutcomePages.parseSources(form.raw("sources") ?? ""), user: user)
            return Response.redirect(to: "/conversations/\(conversation.id)/outcomes#outcome-\(created.id)")
        }
        pages.post("outcomes/{id}/edit") { request, context -> Response in
            var item = try await structure.loadOutcome(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: item.conversationID, action: "outcome.update", target: "outcome \(item.id)")
            item.kind = try ConversationRoutes.outcomeKind(form["kind"] ?? item.kind.rawValue)
            item.text = StructureForms.localized(form, "text")
            item.sources = try OutcomePages.parseSources(form.raw("sources") ?? "")
            _ = try await structure.updateOutcome(item, user: user)
            return Response.redirect(to: "/conversations/\(item.conversationID)/outcomes#outcome-\(item.id)")
        }
        pages.post("outcomes/{id}/move") { request, context -> Response in
            let item = try await structure.loadOutcome(try ConversationRoutes.id(context))
            let (form, user) = try await secretariatForm(
                request, context, conversationID: item.conversationID, action: "outcome.move", target: "outcome \(item.id)")
            try await structure.moveOutcome(item, offset: try ConversationRoutes.offset(form["direction"] ?? ""), user: user)
            return Response.redirect(to: "/conversations/\(item.conversationID)/outcomes#outcome-\(item.id)")
        }
        pages.post("outcomes/{id}/delete") { request, context -> Response in
            let item = try await structure.loadOutcome(try ConversationRoutes.id(context))
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            try await structure.deleteOutcome(item, context: context, formToken: form.raw("_csrf"))
            return Response.redirect(to: "/conversations/\(item.conversationID)/outcomes")
        }
    }

    // MARK: Reading forms

    func applySession(_ form: FormData, to session: inout ConversationSession, withVideo: Bool) throws {
        session.title = StructureForms.localized(form, "title")
        if let number = form["number"] {
            guard let value = Int(number) else {
                throw IPAIError(.invalidInput, "expected a whole number", at: InputLocation(field: "number", value: number))
            }
            session.number = value
        }
        session.startsOn = form["starts_on"] ?? ""
        session.endsOn = form["ends_on"] ?? ""
        session.place = form["place"] ?? ""
        session.format = try ConversationRoutes.format(form["format"] ?? SessionFormat.inPerson.rawValue)
        session.languages = form.all("languages")
        session.webcastURL = form["webcast_url"] ?? ""
        session.archiveURL = form["archive_url"] ?? ""
        if withVideo {
            session.videoStartedAt = try form["video_started_at"].map { try StructureForms.parseDateTimeLocal($0, field: "video_started_at") }
        }
    }

    func applyPanel(_ form: FormData, to panel: inout PanelRecord) async throws {
        panel.theme = StructureForms.localized(form, "theme")
        panel.moderatorUserID = try await structure.moderatorID(form["moderator"] ?? "")
        if let position = form["position"] {
            guard let value = Int(position) else {
                throw IPAIError(.invalidInput, "expected a whole number", at: InputLocation(field: "position", value: position))
            }
            panel.position = value
        }
        panel.panelists = Self.lines(form.raw("panelists")).map { line in
            let parts = Self.split(line)
            return Panelist(name: parts.0, affiliation: parts.1)
        }
        panel.documents = Self.lines(form.raw("documents")).map { line in
            let parts = Self.split(line)
            return PanelDocument(title: parts.0, url: parts.1)
        }
        // Question i is line i of each language's box.
        var questions: [[String: String]] = []
        for language in StructureForms.languages {
            let lines = (form.raw("questions_\(language)") ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            for (index, line) in lines.enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                while questions.count <= index { questions.append([:]) }
                questions[index][language] = text
            }
        }
        panel.questions = questions.filter { !$0.isEmpty }.map { LocalizedText($0) }
        var slots: [PanelSlot] = []
        for kind in PanelSlot.Kind.allCases {
            let start = form["slot_\(kind.rawValue)_start"]
            let end = form["slot_\(kind.rawValue)_end"]
            guard start != nil || end != nil else { continue }
            slots.append(PanelSlot(kind: kind, startsAt: start ?? "", endsAt: end ?? ""))
        }
        panel.slots = slots.sorted { $0.startsAt < $1.startsAt }
    }

    func applyAgenda(_ form: FormData, to item: inout AgendaItemRecord) throws {
        item.title = StructureForms.localized(form, "title")
        item.startsAt = form["starts_at"] ?? ""
        if let panel = form["panel_id"] {
            guard let id = Int64(panel) else {
                throw IPAIError(.invalidInput, "not a panel of this session", at: InputLocation(field: "panel_id", value: panel))
            }
            item.panelID = id
        } else {
            item.panelID = nil
        }
        var links: [AgendaLink] = []
        for value in form.all("links") {
            let parts = value.split(separator: ":").map(String.init)
            if parts.count == 2, parts[0] == "issue", let issue = Int64(parts[1]) {
                links.append(AgendaLink(issueID: issue))
            } else if parts.count == 3, parts[0] == "question", let issue = Int64(parts[1]), let question = Int64(parts[2]) {
                links.append(AgendaLink(issueID: issue, questionID: question))
            } else {
                throw IPAIError(.invalidInput, "not an issue or question of this conversation", at: InputLocation(field: "links", value: value))
            }
        }
        item.links = links
    }

    /// The non-empty lines of a text box.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `left | right` (right may be empty).
    static func split(_ line: String) -> (String, String) {
        let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
}
