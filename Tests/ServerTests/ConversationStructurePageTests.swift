import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Testing

@testable import Server

@Suite("Pages: conversation structure and outcomes")
struct ConversationStructurePageTests {
    @Test("public pages render for anonymous visitors, escape user text and show no edit forms")
    func publicPagesEscape() async throws {
        try await WebTestServer.run { web in
            let conversations = ConversationStore(web.services.store)
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation <b>IP</b>"), createdBy: nil)
            let session = try await conversations.createSession(
                conversationID: conversation.id, number: 1, title: LocalizedText(["en": "First", "fr": "Première"]), startsOn: "2024-09-01",
                endsOn: "2024-09-02", place: "Geneva", format: .hybrid, languages: ["en", "fr"], webcastURL: "https://webcast.example.org/1")
            let panel = try await conversations.createPanel(
                sessionID: session.id, position: 1, theme: LocalizedText(english: "<script>alert(1)</script>"), moderatorUserID: nil,
                panelists: [Panelist(name: "Dr \"Quote\" & Co")], questions: [LocalizedText(english: "Q <i>1</i>")])
            _ = try await conversations.createAgendaItem(sessionID: session.id, title: LocalizedText(english: "Item <u>x</u>"), panelID: panel.id)
            _ = try await conversations.createOutcome(
                conversationID: conversation.id, kind: .immediateAttention, text: LocalizedText(english: "Deepfakes <img src=x>"))

            for path in ["/conversations", "/conversations/\(conversation.id)", "/sessions/\(session.id)", "/panels/\(panel.id)",
                         "/conversations/\(conversation.id)/outcomes"] {
                let reply = try await web.send(.get, path)
                #expect(reply.status == .ok, "\(path)")
                #expect(!reply.body.contains("<script>alert(1)</script>"), "\(path)")
                #expect(!reply.body.contains("<b>IP</b>") && !reply.body.contains("<img src=x>") && !reply.body.contains("<u>x</u>"), "\(path)")
                #expect(!reply.body.contains("name=\"_csrf\""), "\(path): no forms for the public")
            }
            let sessionPage = try await web.send(.get, "/sessions/\(session.id)")
            #expect(sessionPage.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(sessionPage.body.contains("Item &lt;u&gt;x&lt;/u&gt;"))
            #expect(sessionPage.body.contains("href=\"/panels/\(panel.id)\""))
            #expect(sessionPage.body.contains("href=\"https://webcast.example.org/1\""))
            // French page: the French title, and English fallback marked with its language.
            let french = try await web.send(.get, "/sessions/\(session.id)?lang=fr")
            #expect(french.body.contains("Première"))
            #expect(french.body.contains("<span lang=\"en\">&lt;script&gt;"))
            let panelPage = try await web.send(.get, "/panels/\(panel.id)")
            for link in ["/panels/\(panel.id)/floor", "/panels/\(panel.id)/display", "/panels/\(panel.id)/console", "/sessions/\(session.id)/archive"] {
                #expect(panelPage.body.contains("href=\"\(link)\""), "\(link)")
            }
            #expect(panelPage.body.contains("Dr &quot;Quote&quot; &amp; Co"))
            let outcomes = try await web.send(.get, "/conversations/\(conversation.id)/outcomes")
            #expect(outcomes.body.contains("id=\"by-design\""))
            #expect(outcomes.body.contains("Deepfakes &lt;img src=x&gt;"))
            let conversationPage = try await web.send(.get, "/conversations/\(conversation.id)")
            #expect(conversationPage.body.contains("href=\"/consultations?conversation=\(conversation.id)\""))
            #expect(conversationPage.body.contains("href=\"/conversations/\(conversation.id)/register\""))
        }
    }

    @Test("the Secretariat edits through forms; a forged form and a non-Secretariat user are refused and audited")
    func formsAndRefusals() async throws {
        try await WebTestServer.run { web in
            let admin = try await web.session(role: .administrator, name: "secretary")
            let created = try await web.send(.get, "/conversations", cookies: ["ipai_session": admin])
            let token = try #require(created.formToken)
            let post = try await web.send(
                .post, "/conversations", cookies: ["ipai_session": admin],
                form: [("_csrf", token), ("title_en", "Conversation on IP and AI"), ("title_fr", "Conversation sur la PI")])
            #expect(post.status == .seeOther)
            let location = try #require(post.location)
            let conversationID = try #require(Int64(location.split(separator: "/").last ?? ""))

            let session = try await web.send(
                .post, "/conversations/\(conversationID)/sessions", cookies: ["ipai_session": admin],
                form: [("_csrf", token), ("title_en", "Session 1"), ("number", "1"), ("starts_on", "2024-09-01"), ("ends_on", "2024-09-01"),
                       ("format", "virtual"), ("languages", "en"), ("languages", "ar")])
            #expect(session.status == .seeOther, "\(session.body)")
            let sessionID = try #require(Int64(session.location?.split(separator: "/").last ?? ""))
            let edit = try await web.send(
                .post, "/sessions/\(sessionID)/edit", cookies: ["ipai_session": admin],
                form: [("_csrf", token), ("title_en", "Session 1"), ("number", "1"), ("starts_on", "2024-09-01"), ("ends_on", "2024-09-01"),
                       ("format", "virtual"), ("languages", "en"), ("video_started_at", "2024-09-01T09:58")])
            #expect(edit.status == .seeOther, "\(edit.body)")
            let stored = try #require(try await ConversationStore(web.services.store).session(id: sessionID))
            #expect(stored.videoStartedAt == 1_725_184_680_000)
            #expect(stored.format == .virtual)

            let panel = try await web.send(
                .post, "/sessions/\(sessionID)/panels", cookies: ["ipai_session": admin],
                form: [("_csrf", token), ("theme_en", "Data"), ("moderator", "secretary"), ("panelists", "A. Expert | University\nB. Judge"),
                       ("questions_en", "First?\nSecond?"), ("questions_fr", "Premier ?"), ("slot_open_floor_start", "11:00"), ("slot_open_floor_end", "11:30")])
            #expect(panel.status == .seeOther, "\(panel.body)")
            let panelID = try #require(Int64(panel.location?.split(separator: "/").last ?? ""))
            let storedPanel = try #require(try await ConversationStore(web.services.store).panel(id: panelID))
            #expect(storedPanel.panelists == [Panelist(name: "A. Expert", affiliation: "University"), Panelist(name: "B. Judge")])
            #expect(storedPanel.questions.map { $0.text(in: "fr") } == ["Premier ?", "Second?"])
            #expect(storedPanel.slots == [PanelSlot(kind: .openFloor, startsAt: "11:00", endsAt: "11:30")])
            let panelPage = try await web.send(.get, "/panels/\(panelID)", cookies: ["ipai_session": admin])
            #expect(panelPage.body.contains("id=\"edit-panel-form\""))

            let outcome = try await web.send(
                .post, "/conversations/\(conversationID)/outcomes", cookies: ["ipai_session": admin],
                form: [("_csrf", token), ("kind", "further_discussion"), ("text_en", "Is AI an inventor?"), ("sources", "")])
            #expect(outcome.status == .seeOther, "\(outcome.body)")

            // A forged post (no CSRF token) and an ordinary user are refused, and both refusals are audited.
            let forged = try await web.send(
                .post, "/sessions/\(sessionID)/edit", cookies: ["ipai_session": admin], form: [("title_en", "Hijacked"), ("starts_on", "2024-09-01")])
            #expect(forged.status == .forbidden)
            let viewer = try await web.session(role: .viewer, name: "observer")
            let viewerPage = try await web.send(.get, "/sessions/\(sessionID)", cookies: ["ipai_session": viewer])
            #expect(!viewerPage.body.contains("id=\"edit-session-form\""))
            let viewerToken = try #require(viewerPage.formToken)
            let refused = try await web.send(
                .post, "/panels/\(panelID)/delete", cookies: ["ipai_session": viewer], form: [("_csrf", viewerToken), ("confirm", "yes")])
            #expect(refused.status == .forbidden)
            #expect(try await ConversationStore(web.services.store).panel(id: panelID) != nil)
            let log = try await web.services.store.auditLog(limit: 100).items
            #expect(log.contains { $0.action == "refused session.update" && $0.username == "secretary" })
            #expect(log.contains { $0.action == "refused panel.delete" && $0.username == "observer" })
            #expect(try await ConversationStore(web.services.store).session(id: sessionID)?.title.text(in: "en") == "Session 1")
        }
    }
}
