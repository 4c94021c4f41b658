import Conversation
import Core
import Foundation
import Hummingbird
import Storage

extension WebRoutes {
    /// The pages of participation: sign-up, registration, approvals, focal points, participants.
    func addParticipationRoutes(to pages: RouterGroup<AppRequestContext>) {
        addSignUpRoutes(to: pages)
        let participation = ParticipationRoutes(services: services)
        let conversations = participation.conversations
        let access = participation.access

        pages.get("conversations/{id}/register") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await ParticipationRoutes.conversation(context, conversations)
            // Only the known outcomes: the address must not put arbitrary text on the page.
            let done = request.uri.queryParameters.get("done").flatMap { ["registered", "credential", "withdrawn"].contains($0) ? $0 : nil }
            return try await registerPage(page, conversation, notice: done.map { page.t("participation.register.done.\($0)") })
        }
        pages.post("conversations/{id}/register") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await ParticipationRoutes.conversation(context, conversations)
            // The credential plus the form's fields; a larger body is refused (413) before anything is read into the store.
            let form = try await ParticipationRoutes.form(request, limit: Credential.maximumBytes + 64 * 1024, what: "registration form")
            let user = try await access.requireChange(
                context, formToken: form.raw("_csrf"), action: "registration.create", target: "conversation \(conversation.id)")
            let category = form["category"] ?? ""
            let fields = ParticipationPages.RegistrationForm(
                category: category, memberState: form["member_state"] ?? "", organisation: form["organisation"] ?? "",
                displayName: form["display_name"] ?? "")
            let delegation = category == ParticipantCategory.memberState.rawValue ? fields.memberState : fields.organisation
            let upload = form.files["credential"].flatMap { file in
                file.bytes.isEmpty && file.fileName.isEmpty
                    ? nil : CredentialUpload(fileName: file.fileName, declaredType: file.contentType, bytes: file.bytes)
            }
            if let (problem, status) = Self.registrationProblem(fields, upload: upload, page) {
                return try await registerPage(page, conversation, form: fields, error: problem, status: status)
            }
            if let refusal = try await attempt({
                _ = try await participation.register(
                    conversationID: conversation.id, user: user, category: category, delegation: delegation, displayName: fields.displayName,
                    credential: upload, requireCredential: true)
            }) {
                let message = refusal.status == .conflict ? page.t("participation.register.error.already") : refusal.message
                return try await registerPage(page, conversation, form: fields, error: message, status: refusal.status)
            }
            return Response.redirect(to: "/conversations/\(conversation.id)/register?done=registered")
        }
        pages.post("conversations/{id}/register/credential") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await ParticipationRoutes.conversation(context, conversations)
            let form = try await ParticipationRoutes.form(request, limit: Credential.maximumBytes + 64 * 1024, what: "credential")
            let user = try await access.requireChange(
                context, formToken: form.raw("_csrf"), action: "registration.credential", target: "conversation \(conversation.id)")
            guard let own = try await conversations.registration(conversationID: conversation.id, userID: user.id) else {
                throw APIError(.notFound, code: "not_found", "you have not registered for this conversation")
            }
            let file = form.files["credential"]
            let upload = CredentialUpload(fileName: file?.fileName ?? "", declaredType: file?.contentType, bytes: file?.bytes ?? [])
            if let (problem, status) = Self.credentialProblem(upload, page) {
                return try await registerPage(page, conversation, error: problem, status: status)
            }
            if let refusal = try await attempt({ _ = try await participation.uploadCredential(own, upload, by: user) }) {
                return try await registerPage(page, conversation, error: refusal.message, status: refusal.status)
            }
            return Response.redirect(to: "/conversations/\(conversation.id)/register?done=credential")
        }
        pages.post("conversations/{id}/register/withdraw") { request, context -> Response in
            let conversation = try await ParticipationRoutes.conversation(context, conversations)
            let form = try await ParticipationRoutes.form(request, limit: 64 * 1024, what: "form")
            let user = try await access.requireChange(
                context, formToken: form.raw("_csrf"), action: "registration.withdraw", target: "conversation \(conversation.id)")
            guard let own = try await conversations.registration(conversationID: conversation.id, userID: user.id) else {
                throw APIError(.notFound, code: "not_found", "you have not registered for this conversation")
            }
            _ = try await participation.withdraw(own, by: user)
            return Response.redirect(to: "/conversations/\(conversation.id)/register?done=withdrawn")
        }

        pages.get("conversations/{id}/registrations") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await ParticipationRoutes.conversation(context, conversations)
            let user = try access.requireUser(context)
            let secretariat = try await access.isSecretariat(user, conversationID: conversation.id)
            var focalPoint: RegistrationRecord? = nil
            if !secretariat {
                focalPoint = try await access.focalPoint(user, conversationID: conversation.id)
                if focalPoint == nil {
                    throw await access.refuse(
                        user, action: "registration.list", target: "conversation \(conversation.id)",
                        reason: "only the Secretariat and delegations' focal points may see registrations")
                }
            }
            let raw = request.uri.queryParameters.get("status") ?? "pending"
            let status = raw == "all" ? nil : (RegistrationStatus(rawValue: raw) ?? .pending)
            let found = try await conversations.registrations(
                conversationID: conversation.id, status: status, delegation: focalPoint?.delegation, limit: request.limit, cursor: request.cursor)
            let items = focalPoint.map { own in found.items.filter { own.sameDelegation(as: $0) } } ?? found.items
            return ParticipationPages.registrations(
                page, conversation: conversation, items: items, credentials: try await conversations.credentials(conversationID: conversation.id),
                status: status, next: found.next, secretariat: secretariat, focalPointOf: focalPoint?.delegation)
        }
        pages.post("registrations/{id}/decision") { request, context -> Response in
            let registration = try await ParticipationRoutes.registration(context, conversations)
            let form = try await ParticipationRoutes.form(request, limit: 64 * 1024, what: "form")
            let (user, manager) = try await access.requireManager(
                context, of: registration, change: true, formToken: form.raw("_csrf"), action: "registration.decide")
            _ = try await participation.decide(registration, status: form["status"] ?? "", note: form.raw("note") ?? "", by: user, as: manager)
            return Response.redirect(to: Self.safeTarget(form["next"], fallback: "/conversations/\(registration.conversationID)/registrations"))
        }
        pages.post("registrations/{id}/focal-point") { request, context -> Response in
            let registration = try await ParticipationRoutes.registration(context, conversations)
            let form = try await ParticipationRoutes.form(request, limit: 64 * 1024, what: "form")
            let user = try await access.requireSecretariat(
                context, conversationID: registration.conversationID, formToken: form.raw("_csrf"), action: "registration.focal_point",
                target: "registration \(registration.id)")
            _ = try await participation.setFocalPoint(registration, form["focal_point"] == "1", by: user)
            return Response.redirect(to: Self.safeTarget(form["next"], fallback: "/conversations/\(registration.conversationID)/registrations"))
        }

        pages.get("conversations/{id}/participants") { request, context -> Response in
            let page = PageContext(request, context)
            let conversation = try await ParticipationRoutes.conversation(context, conversations)
            let user = context.identity?.user
            let secretariat = try await access.isSecretariat(user, conversationID: conversation.id)
            let focalPoint = try await access.focalPoint(user, conversationID: conversation.id)
            let manages = secretariat || focalPoint != nil
            return ParticipationPages.participants(
                page, conversation: conversation, delegations: try await conversations.participatingDelegations(conversationID: conversation.id),
                people: secretariat ? try await conversations.participants(conversationID: conversation.id) : nil, manages: manages)
        }
    }

    /// What is wrong with the register form, in the page's language (the store checks again).
    static func registrationProblem(
        _ form: ParticipationPages.RegistrationForm, upload: CredentialUpload?, _ page: PageContext
    ) -> (String, HTTPResponse.Status)? {
        guard let category = ParticipantCategory(rawValue: form.category) else {
            return (page.t("participation.register.error.category"), .badRequest)
        }
        if category == .memberState, MemberStates.find(form.memberState) == nil {
            return (page.t("participation.register.error.memberState"), .badRequest)
        }
        if category.isObserver, form.organisation.count < 2 {
            return (page.t("participation.register.error.organisation"), .badRequest)
        }
        if form.displayName.isEmpty || form.displayName.count > 200 {
            return (page.t("participation.register.error.displayName"), .badRequest)
        }
        if category.isDelegation, upload == nil {
            return (page.t("participation.register.error.credentialMissing"), .badRequest)
        }
        return upload.flatMap { credentialProblem($0, page) }
    }

    /// What is wrong with an uploaded credential, in the page's language.
    static func credentialProblem(_ upload: CredentialUpload, _ page: PageContext) -> (String, HTTPResponse.Status)? {
        do {
            try Credential.check(upload.bytes, declaredType: upload.declaredType, fileName: upload.fileName)
            return nil
        } catch let error where error.code == .credentialTooLarge {
            return (page.t("participation.register.error.tooLarge"), .contentTooLarge)
        } catch {
            return (page.t(upload.bytes.isEmpty ? "participation.register.error.credentialMissing" : "participation.register.error.notPDF"), .badRequest)
        }
    }

    /// The register page for the page's user (their registration, or the form).
    private func registerPage(
        _ page: PageContext, _ conversation: ConversationRecord, form: ParticipationPages.RegistrationForm = .init(),
        notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let access = ConversationAccess(services: services)
        let conversations = access.conversations
        var own: RegistrationRecord? = nil
        var credential: CredentialRecord? = nil
        var manages = false
        if let user = page.user {
            own = try await conversations.registration(conversationID: conversation.id, userID: user.id)
            if let own { credential = try await conversations.credential(registrationID: own.id) }
            let secretariat = try await access.isSecretariat(user, conversationID: conversation.id)
            let focalPoint = try await access.focalPoint(user, conversationID: conversation.id)
            manages = secretariat || focalPoint != nil
        }
        return ParticipationPages.register(
            page, conversation: conversation, own: own, credential: credential, manages: manages, form: form, notice: notice, error: error,
            status: status)
    }

    /// Runs a change; nil when it succeeded, else the refusal to show on the form. Refusals of
    /// rights (401, 403) and unexpected failures go on to the middleware's error page.
    private func attempt(_ change: () async throws -> Void) async throws -> APIError? {
        do {
            try await change()
            return nil
        } catch let error as APIError {
            if error.status == .forbidden || error.status == .unauthorized { throw error }
            return error
        } catch let error as IPAIError {
            let converted = APIError(error)
            if converted.status == .forbidden { throw error }
            return APIError(converted.status, code: converted.code, error.message)
        }
    }
}
