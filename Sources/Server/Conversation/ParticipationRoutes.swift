import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// The `/api/v1` routes of participation: sign-up, registrations, credentials, focal points and
/// the list of participants. Every route checks the caller's rights on the server; refusals are
/// audited through ``ConversationAccess``.
struct ParticipationRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
        api.post("accounts") { request, context -> Response in
            let body = try await request.decodeJSON(as: NewAccountRequest.self, context: context)
            let (cookie, user, session) = try await SignUp(services: services).create(
                username: body.username, password: body.password, client: SignUpLimiter.client(of: context))
            var response = try Response.json(
                AccountDTO(id: String(user.id), username: user.username, role: user.role.rawValue, csrfToken: session.csrfToken),
                status: .created)
            response.setCookie(cookie)
            return response
        }

        api.post("conversations/{id}/registrations") { request, context -> Response in
            let conversation = try await Self.conversation(context, conversations)
            let user = try await access.requireChange(context, action: "registration.create", target: "conversation \(conversation.id)")
            let body = try await request.decodeJSON(as: NewRegistrationRequest.self, context: context)
            let record = try await register(
                conversationID: conversation.id, user: user, category: body.category, delegation: body.delegation ?? "",
                displayName: body.displayName, credential: nil, requireCredential: false)
            return try Response.json(try await dto(record), status: .created)
        }
        api.get("conversations/{id}/registrations") { request, context -> PageDTO<RegistrationDTO> in
            let conversation = try await Self.conversation(context, conversations)
            let user = try access.requireUser(context)
            var status: RegistrationStatus? = nil
            if let raw = request.uri.queryParameters.get("status"), !raw.isEmpty {
                guard let parsed = RegistrationStatus(rawValue: raw) else {
                    throw APIError.badRequest("status '\(raw)': use pending, approved, rejected or withdrawn")
                }
                status = parsed
            }
            var delegation = request.uri.queryParameters.get("delegation").flatMap { $0.isEmpty ? nil : $0 }
            var focalPoint: RegistrationRecord? = nil
            if try await !access.isSecretariat(user, conversationID: conversation.id) {
                guard let own = try await access.focalPoint(user, conversationID: conversation.id) else {
                    throw await access.refuse(
                        user, action: "registration.list", target: "conversation \(conversation.id)",
                        reason: "only the Secretariat and delegations' focal points may see registrations")
                }
                // A focal point sees their own delegation's registrations only, whatever was asked.
                delegation = own.delegation
                focalPoint = own
            }
            let page = try await conversations.registrations(
                conversationID: conversation.id, status: status, delegation: delegation, limit: try request.pageLimit,
                cursor: try request.pageCursor)
            let credentials = try await conversations.credentials(conversationID: conversation.id)
            var result = PageDTO(page) { RegistrationDTO($0, credential: credentials[$0.id]) }
            if let focalPoint {
                let visible = Set(page.items.filter { focalPoint.sameDelegation(as: $0) }.map { String($0.id) })
                result.items = result.items.filter { visible.contains($0.id) }
            }
            return result
        }
        api.get("conversations/{id}/registrations/mine") { _, context -> RegistrationDTO in
            let conversation = try await Self.conversation(context, conversations)
            let user = try access.requireUser(context)
            guard let own = try await conversations.registration(conversationID: conversation.id, userID: user.id) else {
                throw APIError(.notFound, code: "not_found", "you have not registered for conversation \(conversation.id)")
            }
            return try await dto(own)
        }
        api.get("conversations/{id}/participants") { _, context -> ParticipantsDTO in
            let conversation = try await Self.conversation(context, conversations)
            let delegations = try await conversations.participatingDelegations(conversationID: conversation.id)
            var result = ParticipantsDTO(conversationID: String(conversation.id), delegations: delegations.map(DelegationDTO.init), people: nil)
            if try await access.isSecretariat(context.identity?.user, conversationID: conversation.id) {
                result.people = try await conversations.participants(conversationID: conversation.id).map(ParticipantDTO.init)
            }
            return result
        }

        api.get("registrations/{id}") { _, context -> RegistrationDTO in
            let registration = try await Self.registration(context, conversations)
            let user = try access.requireUser(context)
            if registration.userID != user.id {
                _ = try await access.requireManager(context, of: registration, change: false, action: "registration.read")
            }
            return try await dto(registration)
        }
        api.post("registrations/{id}/decision") { request, context -> RegistrationDTO in
            let registration = try await Self.registration(context, conversations)
            let (user, manager) = try await access.requireManager(context, of: registration, change: true, action: "registration.decide")
            let body = try await request.decodeJSON(as: RegistrationDecisionRequest.self, context: context)
            return try await dto(try await decide(registration, status: body.status, note: body.note ?? "", by: user, as: manager))
        }
        api.post("registrations/{id}/focal-point") { request, context -> RegistrationDTO in
            let registration = try await Self.registration(context, conversations)
            let user = try await access.requireSecretariat(
                context, conversationID: registration.conversationID, action: "registration.focal_point", target: "registration \(registration.id)")
            let body = try await request.decodeJSON(as: FocalPointRequest.self, context: context)
            return try await dto(try await setFocalPoint(registration, body.focalPoint, by: user))
        }
        api.post("registrations/{id}/withdraw") { _, context -> RegistrationDTO in
            let registration = try await Self.registration(context, conversations)
            let user = try await access.requireChange(context, action: "registration.withdraw", target: "registration \(registration.id)")
            return try await dto(try await withdraw(registration, by: user))
        }
        api.put("registrations/{id}/credential") { request, context -> RegistrationDTO in
            let registration = try await Self.registration(context, conversations)
            let user = try await access.requireChange(context, action: "registration.credential", target: "registration \(registration.id)")
            let bytes = try await Self.body(request, limit: Credential.maximumBytes, what: "credential")
            let name = request.uri.queryParameters.get("file_name") ?? "credential.pdf"
            _ = try await uploadCredential(
                registration, CredentialUpload(fileName: name, declaredType: request.headers[.contentType], bytes: bytes), by: user)
            return try await dto(registration)
        }
        api.get("registrations/{id}/credential") { _, context -> Response in
            let registration = try await Self.registration(context, conversations)
            _ = try await access.requireManager(context, of: registration, change: false, action: "registration.credential.download")
            guard let (record, bytes) = try await conversations.credentialFile(registrationID: registration.id) else {
                throw APIError(.notFound, code: "not_found", "registration \(registration.id) has no credential on file")
            }
            return Self.credentialResponse(record, bytes)
        }
    }

    /// A credential as a download that no browser shows inline or runs: `attachment`, `nosniff`,
    /// and a sandboxing content security policy.
    static func credentialResponse(_ record: CredentialRecord, _ bytes: [UInt8]) -> Response {
        let ascii = String(record.fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = record.fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? "credential.pdf"
        var headers: HTTPFields = [
            .contentType: "application/pdf",
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .contentSecurityPolicy: "sandbox",
            .cacheControl: "private, no-store",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
