import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@testable import Server

/// A person who signed up and registered, with their session.
struct Registrant {
    var cookie: String
    var csrf: String
    var registrationID: String

    var credentials: Credentials { .session(cookie: cookie, csrf: csrf) }
}

enum ParticipationFixture {
    static let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

    static func conversation(_ api: API) async throws -> Int64 {
        let conversations = ConversationStore(api.services.store)
        return try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil).id
    }

    /// Signs up `name` and registers them; with `pdf`, uploads the credential.
    static func registrant(
        _ api: API, _ name: String, conversation: Int64, category: String, delegation: String, pdf: Bool = true
    ) async throws -> Registrant {
        let (cookie, csrf) = try await participationSignUp(api, name)
        let body = try jsonText(["category": category, "delegation": delegation, "display_name": name.capitalized])
        let reply = try await api.request(
            .post, "/api/v1/conversations/\(conversation)/registrations", as: .session(cookie: cookie, csrf: csrf), json: body)
        #expect(reply.status == .created, "\(reply.body)")
        let registrant = Registrant(cookie: cookie, csrf: csrf, registrationID: try #require(reply.string("id")))
        if pdf {
            let upload = try await api.request(
                .put, "/api/v1/registrations/\(registrant.registrationID)/credential?file_name=note.pdf", as: registrant.credentials,
                raw: Self.pdf, headers: [.contentType: "application/pdf"])
            #expect(upload.status == .ok, "\(upload.body)")
        }
        return registrant
    }

    static func decide(_ api: API, _ id: String, _ status: String, as credentials: Credentials) async throws -> Reply {
        try await api.request(.post, "/api/v1/registrations/\(id)/decision", as: credentials, json: try jsonText(["status": status, "note": "checked"]))
    }

    static func auditActions(_ api: API) async throws -> [AuditEntry] {
        try await api.services.store.auditLog(limit: 200).items
    }
}

@Suite("Participation API: registrations, credentials, focal points, participants")
struct ParticipationAPITests {
    @Test("a credential must be a PDF of at most 5 MiB: other files get a clear 400, larger ones 413, and nothing is stored")
    func credentialChecks() async throws {
        try await TestServer.run { api in
            let conversation = try await ParticipationFixture.conversation(api)
            let ana = try await ParticipationFixture.registrant(api, "ana", conversation: conversation, category: "member_state", delegation: "FRA", pdf: false)
            let path = "/api/v1/registrations/\(ana.registrationID)/credential"
            let html = try await api.request(.put, path, as: ana.credentials, raw: "<html><script>alert(1)</script></html>", headers: [.contentType: "application/pdf"])
            #expect(html.status == .badRequest)
            #expect(html.errorMessage?.contains("not a PDF") == true)
            let declared = try await api.request(.put, path, as: ana.credentials, raw: ParticipationFixture.pdf, headers: [.contentType: "text/html"])
            #expect(declared.status == .badRequest)
            #expect(declared.errorMessage?.contains("application/pdf") == true)
            let big = ParticipationFixture.pdf + String(repeating: " ", count: 5 << 20)
            let tooLarge = try await api.request(.put, path, as: ana.credentials, raw: big, headers: [.contentType: "application/pdf"])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "payload_too_large")
            let conversations = ConversationStore(api.services.store)
            #expect(try await conversations.credential(registrationID: Int64(ana.registrationID)!) == nil)

            let unknownState = try await api.request(
                .post, "/api/v1/conversations/\(conversation)/registrations", as: ana.credentials,
                json: #"{"category":"member_state","delegation":"Atlantis","display_name":"X"}"#)
            #expect(unknownState.status == .badRequest)
            let mine = try await api.request(.get, "/api/v1/conversations/\(conversation)/registrations/mine", as: ana.credentials)
            #expect(mine.string("delegation") == "France")
            #expect(mine.string("delegation_code") == "FRA")
            #expect(mine["credential"] is NSNull)
        }
    }

    @Test("the Secretariat approves; a focal point decides only their own delegation (403 and an audit entry otherwise); credentials download as attachments")
    func approvalsAndFocalPoints() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let conversation = try await ParticipationFixture.conversation(api)
            let ana = try await ParticipationFixture.registrant(api, "ana", conversation: conversation, category: "member_state", delegation: "FRA", pdf: false)
            let ben = try await ParticipationFixture.registrant(api, "ben", conversation: conversation, category: "member_state", delegation: "France")
            let chen = try await ParticipationFixture.registrant(api, "chen", conversation: conversation, category: "member_state", delegation: "DEU")

            // No credential yet: approval waits for it.
            let early = try await ParticipationFixture.decide(api, ana.registrationID, "approved", as: .token(admin))
            #expect(early.status == .conflict)
            #expect(early.errorMessage?.contains("credential") == true)
            _ = try await api.request(
                .put, "/api/v1/registrations/\(ana.registrationID)/credential", as: ana.credentials, raw: ParticipationFixture.pdf,
                headers: [.contentType: "application/pdf"])
            let approved = try await ParticipationFixture.decide(api, ana.registrationID, "approved", as: .token(admin))
            #expect(approved.status == .ok, "\(approved.body)")
            #expect(approved.string("status") == "approved")

            // Before being named focal point, Ana may not see or decide anything.
            let notYet = try await api.request(.get, "/api/v1/conversations/\(conversation)/registrations", as: ana.credentials)
            #expect(notYet.status == .forbidden)
            let named = try await api.request(
                .post, "/api/v1/registrations/\(ana.registrationID)/focal-point", as: .token(admin), json: #"{"focal_point":true}"#)
            #expect(named.status == .ok)
            #expect(named["focal_point"] as? Bool == true)
            // A focal point may not name focal points.
            let selfNaming = try await api.request(
                .post, "/api/v1/registrations/\(ben.registrationID)/focal-point", as: ana.credentials, json: #"{"focal_point":true}"#)
            #expect(selfNaming.status == .forbidden)

            let list = try await api.request(.get, "/api/v1/conversations/\(conversation)/registrations?status=pending&delegation=Germany", as: ana.credentials)
            #expect(list.status == .ok)
            #expect(list.items.compactMap { $0["id"] as? String } == [ben.registrationID])
            let all = try await api.request(.get, "/api/v1/conversations/\(conversation)/registrations?status=pending", as: .token(admin))
            #expect(Set(all.items.compactMap { $0["id"] as? String }) == [ben.registrationID, chen.registrationID])

            let own = try await ParticipationFixture.decide(api, ben.registrationID, "approved", as: ana.credentials)
            #expect(own.status == .ok, "\(own.body)")
            let other = try await ParticipationFixture.decide(api, chen.registrationID, "approved", as: ana.credentials)
            #expect(other.status == .forbidden)
            let chenNow = try await api.request(.get, "/api/v1/registrations/\(chen.registrationID)", as: .token(admin))
            #expect(chenNow.string("status") == "pending")
            let audit = try await ParticipationFixture.auditActions(api)
            #expect(audit.contains { $0.action == "refused registration.decide" && $0.target == "registration \(chen.registrationID)" && $0.username == "ana" })
            #expect(audit.contains { $0.action == "registration.approve" && $0.target == "registration \(ben.registrationID)" && $0.username == "ana" })

            // Credentials: the Secretariat and the delegation's focal point only, always as an attachment.
            let download = try await api.request(.get, "/api/v1/registrations/\(ben.registrationID)/credential", as: ana.credentials)
            #expect(download.status == .ok)
            #expect(download.body == ParticipationFixture.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[.contentSecurityPolicy] == "sandbox")
            let foreign = try await api.request(.get, "/api/v1/registrations/\(chen.registrationID)/credential", as: ana.credentials)
            #expect(foreign.status == .forbidden)
            let byOwner = try await api.request(.get, "/api/v1/registrations/\(chen.registrationID)/credential", as: chen.credentials)
            #expect(byOwner.status == .forbidden)
            let bySecretariat = try await api.request(.get, "/api/v1/registrations/\(chen.registrationID)/credential", as: .token(admin))
            #expect(bySecretariat.status == .ok)
            let anonymous = try await api.request(.get, "/api/v1/registrations/\(chen.registrationID)/credential", as: .none)
            #expect(anonymous.status == .unauthorized)

            // A registrant withdraws; a withdrawn registration is not decided.
            let withdrawn = try await api.request(.post, "/api/v1/registrations/\(chen.registrationID)/withdraw", as: chen.credentials)
            #expect(withdrawn.string("status") == "withdrawn")
            #expect(try await ParticipationFixture.decide(api, chen.registrationID, "approved", as: .token(admin)).status == .conflict)
        }
    }

    @Test("the participants list shows approved delegations to everyone and people's names to the Secretariat only")
    func participants() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let conversation = try await ParticipationFixture.conversation(api)
            let ana = try await ParticipationFixture.registrant(api, "ana", conversation: conversation, category: "member_state", delegation: "FRA")
            let ngo = try await ParticipationFixture.registrant(api, "olga", conversation: conversation, category: "ngo", delegation: "AIPPI <b>")
            _ = try await ParticipationFixture.registrant(api, "pete", conversation: conversation, category: "member_state", delegation: "PER")
            for id in [ana.registrationID, ngo.registrationID] {
                #expect(try await ParticipationFixture.decide(api, id, "approved", as: .token(admin)).status == .ok)
            }
            let public_ = try await api.request(.get, "/api/v1/conversations/\(conversation)/participants", as: .none)
            #expect(public_.status == .ok)
            let delegations = public_.object["delegations"] as? [[String: Any]] ?? []
            #expect(delegations.compactMap { $0["name"] as? String } == ["France", "AIPPI <b>"])
            #expect(public_.object["people"] == nil)
            #expect(!public_.body.contains("Ana"))
            let secretariat = try await api.request(.get, "/api/v1/conversations/\(conversation)/participants", as: .token(admin))
            #expect((secretariat.object["people"] as? [[String: Any]])?.count == 2)

            let page = try await api.request(.get, "/conversations/\(conversation)/participants", as: .none)
            #expect(page.status == .ok)
            #expect(page.body.contains("AIPPI &lt;b&gt;"))
            #expect(!page.body.contains("AIPPI <b>"))
            #expect(!page.body.contains("Peru"))
            #expect(!page.body.contains("Olga"))
        }
    }

    @Test("a member of the public, even approved, is refused the floor by the server, and the refusal is audited")
    func publicIsRefusedTheFloor() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let conversation = try await ParticipationFixture.conversation(api)
            let pat = try await ParticipationFixture.registrant(api, "pat", conversation: conversation, category: "public", delegation: "", pdf: false)
            let delegate = try await ParticipationFixture.registrant(api, "dan", conversation: conversation, category: "member_state", delegation: "DNK")
            #expect(try await ParticipationFixture.decide(api, pat.registrationID, "approved", as: .token(admin)).status == .ok)
            #expect(try await ParticipationFixture.decide(api, delegate.registrationID, "approved", as: .token(admin)).status == .ok)

            // A tiny route that asks for the floor through ConversationAccess, on the same services.
            let services = api.services
            let router = Router(context: AppRequestContext.self)
            router.middlewares.add(AuthenticationMiddleware(services: services))
            router.post("floor-test/{id}") { _, context -> Response in
                let id = Int64(try context.parameters.require("id"))!
                _ = try await ConversationAccess(services: services).requireFloorRight(
                    context, conversationID: id, action: "floor.request", target: "conversation \(id)")
                return Response(status: .noContent)
            }
            try await Application(router: router).test(.router) { client in
                for (who, expected) in [(pat, HTTPResponse.Status.forbidden), (delegate, .noContent)] {
                    var headers = HTTPFields()
                    headers[.cookie] = "ipai_session=\(who.cookie)"
                    headers[HTTPField.Name("X-CSRF-Token")!] = who.csrf
                    let response = try await client.executeRequest(uri: "/floor-test/\(conversation)", method: .post, headers: headers, body: nil)
                    #expect(response.status == expected)
                }
            }
            let audit = try await ParticipationFixture.auditActions(api)
            #expect(audit.contains { $0.action == "refused floor.request" && $0.username == "pat" && $0.details.contains("public") })
            #expect(!audit.contains { $0.action == "refused floor.request" && $0.username == "dan" })
        }
    }
}
