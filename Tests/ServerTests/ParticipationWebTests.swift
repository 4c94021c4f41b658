import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import Testing

@testable import Server

/// A `multipart/form-data` body with fields and one file.
func participationMultipart(
    boundary: String, fields: [(String, String)], file: (name: String, fileName: String, type: String, bytes: [UInt8])?
) -> ByteBuffer {
    var body: [UInt8] = []
    for (name, value) in fields {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    if let file {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
        body += file.bytes + Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n".utf8)
    return ByteBuffer(bytes: body)
}

@Suite("Participation pages: register, approvals, refusals")
struct ParticipationWebTests {
    static let boundary = "----ipai-test-boundary"
    static let pdf = Array("%PDF-1.7\n%%EOF\n".utf8)

    @Test("the register form stores a PDF credential; a non-PDF gets the form back with a clear message, a file over 5 MB a 413, and nothing is stored")
    func registerPage() async throws {
        try await WebTestServer.run { web in
            let conversations = ConversationStore(web.services.store)
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
            let path = "/conversations/\(conversation.id)/register"
            let anonymous = try await web.send(.get, path)
            #expect(anonymous.status == .ok)
            #expect(anonymous.body.contains("href=\"/signup?next="))

            let session = try await web.session(role: .viewer, name: "ana")
            let cookies = ["ipai_session": session]
            let form = try await web.send(.get, path, cookies: cookies)
            #expect(form.body.contains("id=\"register-form\""))
            #expect(form.body.contains("value=\"FRA\""))
            let csrf = try #require(form.formToken)
            let fields = [("_csrf", csrf), ("category", "member_state"), ("member_state", "FRA"), ("display_name", "Ana <Silva>")]
            func post(_ file: (name: String, fileName: String, type: String, bytes: [UInt8])?, fields: [(String, String)]) async throws -> WebReply {
                try await web.send(
                    .post, path, cookies: cookies, body: participationMultipart(boundary: Self.boundary, fields: fields, file: file),
                    contentType: "multipart/form-data; boundary=\(Self.boundary)")
            }
            let user = try #require(try await web.services.store.user(named: "ana"))

            let html = try await post(("credential", "note.pdf", "application/pdf", Array("<html>hi</html>".utf8)), fields: fields)
            #expect(html.status == .badRequest)
            #expect(html.body.contains("not a PDF"))
            #expect(html.body.contains("Ana &lt;Silva&gt;"))  // the form comes back filled in, escaped
            let missing = try await post(nil, fields: fields)
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("Attach the note verbale or nomination letter as a PDF"))
            let big = try await post(("credential", "big.pdf", "application/pdf", Self.pdf + [UInt8](repeating: 32, count: 5 << 20)), fields: fields)
            #expect(big.status == .contentTooLarge)
            #expect(big.body.contains("larger than 5 MB"))
            #expect(try await conversations.registration(conversationID: conversation.id, userID: user.id) == nil)

            let forged = try await post(("credential", "note.pdf", "application/pdf", Self.pdf), fields: Array(fields.dropFirst()))
            #expect(forged.status == .forbidden)
            #expect(try await conversations.registration(conversationID: conversation.id, userID: user.id) == nil)

            let stored = try await post(("credential", "note.pdf", "application/pdf", Self.pdf), fields: fields)
            #expect(stored.status == .seeOther)
            let registration = try #require(try await conversations.registration(conversationID: conversation.id, userID: user.id))
            #expect(registration.delegation == "France")
            #expect(try await conversations.credential(registrationID: registration.id)?.fileName == "note.pdf")
            let status = try await web.send(.get, path + "?done=registered", cookies: cookies)
            #expect(status.body.contains("data-status=\"pending\""))
            #expect(status.body.contains("Your registration was received"))

            let withdraw = try await web.send(.post, path + "/withdraw", cookies: cookies, form: [("_csrf", csrf)])
            #expect(withdraw.status == .seeOther)
            #expect(try await conversations.registration(id: registration.id)?.status == .withdrawn)
        }
    }

    @Test("the Secretariat approves from its page; others get 403; a decision posted without the CSRF token is refused and logged")
    func approvalsPage() async throws {
        try await WebTestServer.run { web in
            let store = web.services.store
            let conversations = ConversationStore(store)
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
            let bob = try await store.createUser(username: "bob", passwordHash: "x", role: .viewer, mustChangePassword: false)
            let registration = try await conversations.register(
                conversationID: conversation.id, userID: bob.id, category: .igo, delegation: "EPO", displayName: "Bob",
                credential: CredentialUpload(fileName: "letter.pdf", declaredType: "application/pdf", bytes: Self.pdf))
            let path = "/conversations/\(conversation.id)/registrations"

            let viewer = try await web.session(role: .viewer, name: "vic")
            let refused = try await web.send(.get, path, cookies: ["ipai_session": viewer])
            #expect(refused.status == .forbidden)

            let secretariat = try await web.session(role: .administrator, name: "sec")
            let page = try await web.send(.get, path, cookies: ["ipai_session": secretariat])
            #expect(page.status == .ok)
            #expect(page.body.contains("data-registration=\"\(registration.id)\""))
            #expect(page.body.contains("/api/v1/registrations/\(registration.id)/credential"))
            let csrf = try #require(page.formToken)

            let forged = try await web.send(
                .post, "/registrations/\(registration.id)/decision", cookies: ["ipai_session": secretariat], form: [("status", "approved")])
            #expect(forged.status == .forbidden)
            #expect(try await conversations.registration(id: registration.id)?.status == .pending)
            let audit = try await store.auditLog(limit: 50).items
            #expect(audit.contains { $0.action == "refused registration.decide" && $0.details.contains("CSRF") && $0.username == "sec" })

            let approved = try await web.send(
                .post, "/registrations/\(registration.id)/decision", cookies: ["ipai_session": secretariat],
                form: [("_csrf", csrf), ("status", "approved"), ("note", "credential checked"), ("next", path)])
            #expect(approved.status == .seeOther)
            #expect(approved.location == path)
            #expect(try await conversations.registration(id: registration.id)?.status == .approved)
            let focal = try await web.send(
                .post, "/registrations/\(registration.id)/focal-point", cookies: ["ipai_session": secretariat],
                form: [("_csrf", csrf), ("focal_point", "1")])
            #expect(focal.status == .seeOther)
            #expect(try await conversations.registration(id: registration.id)?.focalPoint == true)
            let log = try await store.auditLog(limit: 50).items
            #expect(log.contains { $0.action == "registration.approve" && $0.details.contains("credential checked") })
            #expect(log.contains { $0.action == "registration.focal_point" })

            let participants = try await web.send(.get, "/conversations/\(conversation.id)/participants")
            #expect(participants.status == .ok)
            #expect(participants.body.contains("EPO"))
            #expect(!participants.body.contains("Bob"))
        }
    }
}
