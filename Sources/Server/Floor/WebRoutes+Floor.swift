import Conversation
import Core
import Foundation
import Hummingbird
import Storage

extension WebRoutes {
    /// The pages of the list of speakers, the moderator console, the public display and the record:
    /// `/panels/{id}/console`, `/panels/{id}/display`, `/panels/{id}/floor`, `/sessions/{id}/archive`,
    /// `/interventions/{id}/statement`.
    func addFloorRoutes(to pages: RouterGroup<AppRequestContext>) {
        let floor = FloorRoutes(services: services)
        let access = floor.access
        let conversations = floor.conversations

        // MARK: Console (moderator or Secretariat)
        pages.get("panels/{id}/console") { request, context -> Response in
            let panel = try await floor.panel(context)
            try await requireConsole(context, panel: panel, access: access)
            return FloorPages.console(PageContext(request, context), panel: panel, snapshot: try await conversations.floorSnapshot(panelID: panel.id), message: nil)
        }
        pages.post("panels/{id}/console/give") { request, context -> Response in
            try await consoleAction(request, context, floor: floor, action: "floor.give") { form, panel, user in
                let requestID = form["request_id"].flatMap(Int64.init)
                _ = try await floor.give(panel: panel, requestID: requestID, user: user)
            }
        }
        pages.post("panels/{id}/console/end") { request, context -> Response in
            try await consoleAction(request, context, floor: floor, action: "floor.end") { _, panel, user in
                _ = try await floor.end(panel: panel, user: user)
            }
        }
        pages.post("panels/{id}/console/skip") { request, context -> Response in
            try await consoleAction(request, context, floor: floor, action: "floor.skip") { form, panel, user in
                guard let id = form["request_id"].flatMap(Int64.init), let found = try await conversations.speakerRequest(id: id), found.panelID == panel.id else {
                    throw IPAIError(.notFound, "that request is not on this panel's list")
                }
                _ = try await floor.skip(found, panel: panel, user: user)
            }
        }
        pages.post("panels/{id}/console/settings") { request, context -> Response in
            try await consoleAction(request, context, floor: floor, action: "floor.settings") { form, panel, user in
                let settings = try await conversations.updateFloorSettings(
                    panelID: panel.id, policy: form["policy"].flatMap(FloorPolicy.init(rawValue:)),
                    delegationCap: try Self.number(form, "delegation_cap"), speakingSeconds: try Self.number(form, "speaking_seconds"),
                    warningSeconds: try Self.number(form, "warning_seconds"), floorOpen: form.isChecked("floor_open"))
                try await access.audit(user, action: "floor.settings", target: "panel \(panel.id)", details: FloorRoutes.describe(settings))
            }
        }

        // MARK: Public display
        pages.get("panels/{id}/display") { request, context -> Response in
            let panel = try await floor.panel(context)
            return FloorPages.display(PageContext(request, context), panel: panel, snapshot: try await conversations.floorSnapshot(panelID: panel.id))
        }

        // MARK: Delegates
        pages.get("panels/{id}/floor") { request, context -> Response in
            let panel = try await floor.panel(context)
            let page = PageContext(request, context)
            let delegate = try await delegateState(page, panel: panel, conversations: conversations)
            let success = request.uri.queryParameters.get("done").map { page.t("floor.ask.done.\($0)") }
            return FloorPages.delegate(
                page, panel: panel, snapshot: try await conversations.floorSnapshot(panelID: panel.id), delegate: delegate, message: nil,
                success: success?.hasPrefix("floor.ask.done.") == true ? nil : success)
        }
        pages.post("panels/{id}/floor/request") { request, context -> Response in
            let panel = try await floor.panel(context)
            let form = try await FormData.read(request, limit: 64 * 1024)
            let (_, registration) = try await access.requireFloorRight(
                context, conversationID: panel.conversationID, formToken: form.raw("_csrf"), action: "floor.request", target: "panel \(panel.id)")
            let kind = form["kind"].flatMap(SpeakerRequestKind.init(rawValue:)) ?? .floor
            do {
                _ = try await conversations.requestFloor(panel: panel, registration: registration, kind: kind)
            } catch let error as IPAIError where error.code == .conflict {
                return try await delegatePage(request, context, panel: panel, conversations: conversations, message: error.message)
            }
            return Response.redirect(to: "/panels/\(panel.id)/floor?done=\(kind.rawValue)")
        }
        pages.post("panels/{id}/floor/withdraw") { request, context -> Response in
            let panel = try await floor.panel(context)
            let form = try await FormData.read(request, limit: 64 * 1024)
            let user = try await access.requireChange(context, formToken: form.raw("_csrf"), action: "floor.withdraw", target: "panel \(panel.id)")
            guard let id = form["request_id"].flatMap(Int64.init) else { throw APIError.badRequest("the form names no request") }
            do {
                try await conversations.withdrawRequest(id: id, userID: user.id)
            } catch let error as IPAIError where error.code == .conflict {
                return try await delegatePage(request, context, panel: panel, conversations: conversations, message: error.message)
            }
            return Response.redirect(to: "/panels/\(panel.id)/floor?done=withdrawn")
        }

        // MARK: The record
        pages.get("sessions/{id}/archive") { request, context -> Response in
            let session = try await floor.session(context)
            let page = PageContext(request, context)
            let secretariat = try await access.isSecretariat(page.user, conversationID: session.conversationID)
            let userID = page.user?.id
            return FloorPages.archive(
                page, session: session, panels: try await conversations.panels(sessionID: session.id),
                interventions: try await conversations.interventions(sessionID: session.id),
                canEdit: { secretariat || ($0.userID != nil && $0.userID == userID) })
        }
        pages.get("interventions/{id}/statement") { request, context -> Response in
            let intervention = try await intervention(context, conversations: conversations)
            let user = try access.requireUser(context)
            let secretariat = try await access.isSecretariat(user, conversationID: intervention.conversationID)
            guard secretariat || intervention.userID == user.id else {
                throw await access.refuse(user, action: "floor.statement", target: "intervention \(intervention.id)", reason: "only the speaker or the Secretariat may write this statement")
            }
            return FloorPages.statementForm(PageContext(request, context), intervention: intervention, secretariat: secretariat, message: nil)
        }
        pages.post("interventions/{id}/statement") { request, context -> Response in
            let intervention = try await intervention(context, conversations: conversations)
            let form = try await FormData.read(request, limit: 512 * 1024)
            do {
                let saved = try await floor.saveStatement(
                    intervention, text: form.raw("statement") ?? "", published: form.isChecked("published"), context: context,
                    formToken: form.raw("_csrf"))
                return Response.redirect(to: "/sessions/\(saved.sessionID)/archive#intervention-\(saved.id)")
            } catch let error as IPAIError where error.code == .invalidInput {
                let user = try access.requireUser(context)
                let secretariat = try await access.isSecretariat(user, conversationID: intervention.conversationID)
                return FloorPages.statementForm(PageContext(request, context), intervention: intervention, secretariat: secretariat, message: error.message)
            }
        }
    }

    // MARK: Helpers

    /// The console's reader must be the panel's moderator or the Secretariat (a refusal is audited).
    private func requireConsole(_ context: AppRequestContext, panel: PanelRecord, access: ConversationAccess) async throws {
        let user = try access.requireUser(context)
        if panel.moderatorUserID == user.id { return }
        guard try await access.isSecretariat(user, conversationID: panel.conversationID) else {
            throw await access.refuse(user, action: "floor.console", target: "panel \(panel.id)", reason: "only the panel's moderator or the Secretariat may open its console")
        }
    }

    /// A console form: CSRF and moderator checked (refusals audited), the action run, back to the
    /// console — or the console with the reason when the action could not be done (e.g. someone
    /// else gave the floor a moment before).
    private func consoleAction(
        _ request: Request, _ context: AppRequestContext, floor: FloorRoutes, action: String,
        _ body: (FormData, PanelRecord, UserRecord) async throws -> Void
    ) async throws -> Response {
        let panel = try await floor.panel(context)
        let form = try await FormData.read(request, limit: 64 * 1024)
        let user = try await floor.access.requireModerator(context, panel: panel, formToken: form.raw("_csrf"), action: action)
        do {
            try await body(form, panel, user)
        } catch let error as IPAIError where error.code == .conflict || error.code == .invalidInput || error.code == .notFound {
            var page = PageContext(request, context)
            page.path = "/panels/\(panel.id)/console"
            return FloorPages.console(page, panel: panel, snapshot: try await floor.conversations.floorSnapshot(panelID: panel.id), message: error.message)
        }
        return Response.redirect(to: "/panels/\(panel.id)/console")
    }

    private func delegateState(_ page: PageContext, panel: PanelRecord, conversations: ConversationStore) async throws -> FloorPages.Delegate {
        guard let user = page.user else { return FloorPages.Delegate(registration: nil, refusal: page.t("floor.ask.public")) }
        guard let registration = try await conversations.approvedRegistration(conversationID: panel.conversationID, userID: user.id) else {
            return FloorPages.Delegate(registration: nil, refusal: page.t("floor.ask.unregistered"))
        }
        guard registration.category.mayRequestFloor else {
            return FloorPages.Delegate(registration: registration, refusal: page.t("floor.ask.category", page.t("floor.category.\(registration.category.rawValue)")))
        }
        return FloorPages.Delegate(registration: registration, refusal: nil)
    }

    private func delegatePage(
        _ request: Request, _ context: AppRequestContext, panel: PanelRecord, conversations: ConversationStore, message: String
    ) async throws -> Response {
        var page = PageContext(request, context)
        page.path = "/panels/\(panel.id)/floor"
        let delegate = try await delegateState(page, panel: panel, conversations: conversations)
        var response = FloorPages.delegate(
            page, panel: panel, snapshot: try await conversations.floorSnapshot(panelID: panel.id), delegate: delegate, message: message, success: nil)
        response.status = .conflict
        return response
    }

    private func intervention(_ context: AppRequestContext, conversations: ConversationStore) async throws -> InterventionRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let found = try await conversations.intervention(id: id) else { throw APIError.notFound("intervention \(raw)") }
        return found
    }

    /// A whole number from the form, nil when empty.
    static func number(_ form: FormData, _ name: String) throws -> Int? {
        guard let raw = form[name] else { return nil }
        guard let value = Int(raw) else { throw IPAIError(.invalidInput, "expected a whole number", at: InputLocation(field: name, value: raw)) }
        return value
    }
}
