import Conversation
import Core
import Storage
import Testing
import TestSupport

@Suite("Conversation structure and registrations")
struct StructureTests {
    @Test("a conversation's sessions and panels come back as stored, in order", arguments: Backend.allCases)
    func sessionsAndPanels(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let conversations = ConversationStore(store)
            try await conversations.migrate()
            try await conversations.migrate()  // idempotent
            let conversation = try await conversations.createConversation(
                title: LocalizedText(["en": "Conversation on IP and AI", "fr": "Conversation sur la PI et l'IA"]), createdBy: nil)
            let second = try await conversations.createSession(
                conversationID: conversation.id, number: 2, title: LocalizedText(english: "Second session"), startsOn: "2020-07-07",
                endsOn: "2020-07-09", place: "Geneva", format: .virtual, languages: ["en", "fr", "ar"],
                webcastURL: "https://webcast.example.org/2")
            _ = try await conversations.createSession(
                conversationID: conversation.id, number: 1, title: LocalizedText(english: "First session"), startsOn: "2019-09-27",
                endsOn: "2019-09-27", place: "Geneva", format: .inPerson, languages: ["en"])
            #expect(try await conversations.sessions(conversationID: conversation.id).map(\.number) == [1, 2])
            let panel = try await conversations.createPanel(
                sessionID: second.id, position: 1, theme: LocalizedText(english: "Inventorship"), moderatorUserID: nil,
                panelists: [Panelist(name: "A. Expert", affiliation: "University")],
                questions: [LocalizedText(english: "Should AI be named as inventor?")],
                slots: [PanelSlot(kind: .panelDiscussion, startsAt: "10:00", endsAt: "10:45"), PanelSlot(kind: .interaction, startsAt: "10:45", endsAt: "11:15")])
            let stored = try #require(try await conversations.panel(id: panel.id))
            #expect(stored == panel)
            #expect(stored.conversationID == conversation.id)
            #expect(try await conversations.session(id: second.id)?.languages == ["en", "fr", "ar"])
            #expect(try await conversations.conversation(id: conversation.id)?.title.text(in: "fr") == "Conversation sur la PI et l'IA")
        }
    }

    @Test("bad session fields are refused naming the field and value")
    func badSessionFields() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let conversations = ConversationStore(store)
            try await conversations.migrate()
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "C"), createdBy: nil)
            func session(_ starts: String, _ ends: String, webcast: String = "") async throws {
                _ = try await conversations.createSession(
                    conversationID: conversation.id, number: 1, title: LocalizedText(english: "S"), startsOn: starts, endsOn: ends,
                    place: "", format: .hybrid, languages: [], webcastURL: webcast)
            }
            await #expect(throws: IPAIError.self) { try await session("2020-13-01", "2020-13-02") }
            await #expect(throws: IPAIError.self) { try await session("2020-07-09", "2020-07-07") }
            do {
                try await session("2020-07-07", "2020-07-07", webcast: "javascript:alert(1)")
                Issue.record("a javascript: link was accepted")
            } catch let error as IPAIError {
                #expect(error.location?.field == "webcast_url")
            }
            #expect(try await conversations.sessions(conversationID: conversation.id).isEmpty)
        }
    }
}
