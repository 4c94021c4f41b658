import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Testing

@testable import Server

@Suite("API: conversation structure, agendas and outcome lists")
struct ConversationStructureAPITests {
    /// A conversation with one session and one panel, made by the administrator; returns their ids.
    static func setUp(_ api: API, admin: String) async throws -> (conversation: String, session: String, panel: String) {
        let conversation = try await api.request(
            .post, "/api/v1/conversations", as: .token(admin),
            json: #"{"title":{"en":"Conversation on IP and AI","fr":"Conversation sur la PI et l'IA"}}"#)
        #expect(conversation.status == .created, "\(conversation.body)")
        let conversationID = try #require(conversation.string("id"))
        let session = try await api.request(
            .post, "/api/v1/conversations/\(conversationID)/sessions", as: .token(admin),
            json: #"{"title":"Third session","starts_on":"2020-11-04","ends_on":"2020-11-05","place":"Geneva","format":"hybrid","languages":["en","fr","ar"],"webcast_url":"https://webcast.example.org/3"}"#)
        #expect(session.status == .created, "\(session.body)")
        let sessionID = try #require(session.string("id"))
        #expect(session["number"] as? Int == 1)
        let panel = try await api.request(
            .post, "/api/v1/sessions/\(sessionID)/panels", as: .token(admin),
            json: #"{"theme":{"en":"Inventorship"},"moderator":"admin","panelists":[{"name":"A. Expert","affiliation":"University"}],"questions":[{"en":"Should AI be named as inventor?"}],"slots":[{"kind":"panel_discussion","starts_at":"10:00","ends_at":"10:45"},{"kind":"interaction","starts_at":"10:45","ends_at":"11:15"}]}"#)
        #expect(panel.status == .created, "\(panel.body)")
        return (conversationID, sessionID, try #require(panel.string("id")))
    }

    @Test("the public reads conversations, sessions, panels and agendas without signing in; ids are strings")
    func publicReads() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let ids = try await Self.setUp(api, admin: admin)
            let list = try await api.request(.get, "/api/v1/conversations", as: .none)
            #expect(list.status == .ok)
            #expect(list.items.first?["id"] as? String == ids.conversation)
            #expect((list.items.first?["title"] as? [String: String])?["fr"] == "Conversation sur la PI et l'IA")
            let sessions = try await api.request(.get, "/api/v1/conversations/\(ids.conversation)/sessions", as: .none)
            #expect(sessions.items.first?["format"] as? String == "hybrid")
            #expect(sessions.items.first?["languages"] as? [String] == ["en", "fr", "ar"])
            let panel = try await api.request(.get, "/api/v1/panels/\(ids.panel)", as: .none)
            #expect(panel.status == .ok)
            #expect(panel.string("moderator") == "admin")
            #expect(panel.string("session_id") == ids.session)
            #expect((panel["slots"] as? [[String: Any]])?.first?["starts_at"] as? String == "10:00")
            let missing = try await api.request(.get, "/api/v1/sessions/12345", as: .none)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
        }
    }

    @Test("a signed-in user outside the Secretariat is refused with 403, and the refusal is in the audit log")
    func refusedAndAudited() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let ids = try await Self.setUp(api, admin: admin)
            let viewer = try await api.token(forNewUser: "observer1", role: "viewer", admin: admin)
            let patch = try await api.request(.patch, "/api/v1/sessions/\(ids.session)", as: .token(viewer), json: #"{"place":"Elsewhere"}"#)
            #expect(patch.status == .forbidden)
            let create = try await api.request(.post, "/api/v1/conversations", as: .token(viewer), json: #"{"title":"Mine"}"#)
            #expect(create.status == .forbidden)
            let anonymous = try await api.request(.delete, "/api/v1/panels/\(ids.panel)", as: .none)
            #expect(anonymous.status == .unauthorized)
            #expect(try await api.request(.get, "/api/v1/sessions/\(ids.session)", as: .none).string("place") == "Geneva")
            let log = try await api.services.store.auditLog(limit: 100).items
            #expect(log.contains { $0.action == "refused session.update" && $0.username == "observer1" && $0.target == "session \(ids.session)" })
            #expect(log.contains { $0.action == "refused conversation.create" && $0.username == "observer1" })
            #expect(log.contains { $0.action == "session.create" && $0.username == "admin" })
        }
    }

    @Test("bad input is a 400 naming the field and the value")
    func badInput() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let ids = try await Self.setUp(api, admin: admin)
            let cases: [(String, String, String)] = [
                ("/api/v1/sessions/\(ids.session)", #"{"ends_on":"2020-11-01"}"#, "ends_on"),
                ("/api/v1/sessions/\(ids.session)", #"{"format":"carrier-pigeon"}"#, "carrier-pigeon"),
                ("/api/v1/sessions/\(ids.session)", #"{"webcast_url":"javascript:alert(1)"}"#, "webcast_url"),
                ("/api/v1/sessions/\(ids.session)", #"{"video_started_at":"yesterday"}"#, "video_started_at"),
                ("/api/v1/panels/\(ids.panel)", #"{"moderator":"nobody-here"}"#, "nobody-here"),
                ("/api/v1/panels/\(ids.panel)", #"{"slots":[{"kind":"coffee","starts_at":"10:00","ends_at":"10:30"}]}"#, "slots[0].kind"),
            ]
            for (path, body, named) in cases {
                let reply = try await api.request(.patch, path, as: .token(admin), json: body)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(reply.errorMessage?.contains(named) == true, "\(body): \(reply.errorMessage ?? "")")
            }
            let agenda = try await api.request(
                .post, "/api/v1/sessions/\(ids.session)/agenda", as: .token(admin), json: #"{"title":"Panel","links":[{"issue_id":"999"}]}"#)
            #expect(agenda.status == .badRequest)
            #expect(agenda.errorMessage?.contains("links[0].issue_id") == true)
            let outcome = try await api.request(
                .post, "/api/v1/conversations/\(ids.conversation)/outcomes", as: .token(admin),
                json: #"{"kind":"further_discussion","text":"x","sources":[{"kind":"intervention","id":"77"}]}"#)
            #expect(outcome.status == .badRequest)
            #expect(outcome.errorMessage?.contains("sources[0].id") == true)
            let kind = try await api.request(
                .post, "/api/v1/conversations/\(ids.conversation)/outcomes", as: .token(admin), json: #"{"kind":"recommendation","text":"x"}"#)
            #expect(kind.status == .badRequest)
            #expect(kind.errorMessage?.contains("recommendation") == true)
        }
    }

    @Test("the webcast start is recorded; agenda and outcome lists reorder and download as JSON and CSV")
    func agendaOutcomesAndExports() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let ids = try await Self.setUp(api, admin: admin)
            let video = try await api.request(
                .patch, "/api/v1/sessions/\(ids.session)", as: .token(admin), json: #"{"video_started_at":"2020-11-04T09:58:00Z"}"#)
            #expect(video.string("video_started_at") == "2020-11-04T09:58:00Z")

            var agendaIDs: [String] = []
            for (title, time) in [("Opening", "09:30"), ("=HYPERLINK(\"x\")", "10:00")] {
                let reply = try await api.request(
                    .post, "/api/v1/sessions/\(ids.session)/agenda", as: .token(admin),
                    json: try jsonText(["title": ["en": title], "starts_at": time, "panel_id": ids.panel]))
                #expect(reply.status == .created, "\(reply.body)")
                agendaIDs.append(try #require(reply.string("id")))
            }
            let moved = try await api.request(.patch, "/api/v1/agenda/\(agendaIDs[1])", as: .token(admin), json: #"{"move":"up"}"#)
            #expect(moved["position"] as? Int == 1)
            let agenda = try await api.request(.get, "/api/v1/sessions/\(ids.session)/agenda", as: .none)
            #expect(agenda.items.map { $0["id"] as? String } == [agendaIDs[1], agendaIDs[0]])

            let json = try await api.request(.get, "/api/v1/sessions/\(ids.session)/agenda/export?format=json", as: .none)
            #expect(json.status == .ok)
            #expect(json.headers[.contentDisposition]?.contains("agenda-session-1.json") == true)
            #expect((json.array.first as? [String: Any])?["panel_theme"] as? String == "Inventorship")
            let csv = try await api.request(.get, "/api/v1/sessions/\(ids.session)/agenda/export?format=csv", as: .none)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("id,session_id,session_number,position,starts_at,title_en"))
            #expect(csv.body.contains("'=HYPERLINK"), "formulas are defused")
            let bad = try await api.request(.get, "/api/v1/sessions/\(ids.session)/agenda/export?format=xlsx", as: .none)
            #expect(bad.status == .badRequest)

            var outcomeIDs: [String] = []
            for (kind, text) in [("further_discussion", "Is AI an inventor?"), ("further_discussion", "Who owns outputs?"), ("immediate_attention", "Deepfakes")] {
                let reply = try await api.request(
                    .post, "/api/v1/conversations/\(ids.conversation)/outcomes", as: .token(admin), json: try jsonText(["kind": kind, "text": text]))
                #expect(reply.status == .created, "\(reply.body)")
                outcomeIDs.append(try #require(reply.string("id")))
            }
            _ = try await api.request(.patch, "/api/v1/outcomes/\(outcomeIDs[1])", as: .token(admin), json: #"{"move":"up"}"#)
            let lists = try await api.request(.get, "/api/v1/conversations/\(ids.conversation)/outcomes", as: .none)
            #expect(lists.items.map { $0["id"] as? String } == [outcomeIDs[1], outcomeIDs[0], outcomeIDs[2]])
            let urgent = try await api.request(.get, "/api/v1/conversations/\(ids.conversation)/outcomes?kind=immediate_attention", as: .none)
            #expect(urgent.items.count == 1)
            let outcomesCSV = try await api.request(.get, "/api/v1/conversations/\(ids.conversation)/outcomes/export?format=csv", as: .none)
            let lines = outcomesCSV.body.split(separator: "\r\n")
            #expect(lines.count == 4)
            #expect(lines[1].contains("further_discussion,1,Who owns outputs?"))
            let outcomesJSON = try await api.request(.get, "/api/v1/conversations/\(ids.conversation)/outcomes/export", as: .none)
            #expect(outcomesJSON.array.count == 3)

            #expect(try await api.request(.delete, "/api/v1/outcomes/\(outcomeIDs[2])", as: .token(admin)).status == .noContent)
            #expect(try await api.request(.delete, "/api/v1/conversations/\(ids.conversation)", as: .token(admin)).status == .noContent)
            #expect(try await api.request(.get, "/api/v1/panels/\(ids.panel)", as: .none).status == .notFound)
        }
    }
}
