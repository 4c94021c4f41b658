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

    @Test("sessions and panels are updated and deleted; the webcast start is kept", arguments: Backend.allCases)
    func updateAndDelete(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let conversations = ConversationStore(store)
            try await conversations.migrate()
            var conversation = try await conversations.createConversation(title: LocalizedText(english: "C"), createdBy: nil)
            conversation.title["fr"] = "C (fr)"
            try await conversations.updateConversation(conversation)
            #expect(try await conversations.conversation(id: conversation.id)?.title.text(in: "fr") == "C (fr)")
            var session = try await conversations.createSession(
                conversationID: conversation.id, number: 1, title: LocalizedText(english: "S1"), startsOn: "2024-09-01",
                endsOn: "2024-09-02", place: "Geneva", format: .hybrid, languages: ["en"])
            let other = try await conversations.createSession(
                conversationID: conversation.id, number: 2, title: LocalizedText(english: "S2"), startsOn: "2024-10-01",
                endsOn: "2024-10-01", place: "", format: .virtual, languages: ["en"])
            session.videoStartedAt = 1_725_177_600_000
            session.archiveURL = "https://video.example.org/s1"
            session.languages = ["en", "ar"]
            try await conversations.updateSession(session)
            let stored = try #require(try await conversations.session(id: session.id))
            #expect(stored.videoStartedAt == 1_725_177_600_000)
            #expect(stored.archiveURL == "https://video.example.org/s1")
            #expect(stored.languages == ["en", "ar"])
            var clash = other
            clash.number = 1
            await #expect(throws: IPAIError.self) { try await conversations.updateSession(clash) }

            var panel = try await conversations.createPanel(
                sessionID: session.id, position: 1, theme: LocalizedText(english: "Data"), moderatorUserID: nil)
            panel.questions = [LocalizedText(["en": "Who owns training data?", "es": "¿De quién son los datos?"])]
            panel.slots = [PanelSlot(kind: .openFloor, startsAt: "15:00", endsAt: "15:30")]
            try await conversations.updatePanel(panel)
            #expect(try await conversations.panel(id: panel.id) == panel)
            panel.slots = [PanelSlot(kind: .openFloor, startsAt: "15:30", endsAt: "15:00")]
            do {
                try await conversations.updatePanel(panel)
                Issue.record("a slot ending before it starts was accepted")
            } catch let error as IPAIError {
                #expect(error.location?.field == "slots[0].ends_at")
            }
            #expect(try await conversations.nextPanelPosition(sessionID: session.id) == 2)
            #expect(try await conversations.deletePanel(id: panel.id))
            #expect(try await conversations.panels(sessionID: session.id).isEmpty)
            #expect(try await conversations.deleteSession(id: other.id))
            #expect(try await conversations.deleteSession(id: other.id) == false)
            #expect(try await conversations.deleteConversation(id: conversation.id))
            #expect(try await conversations.session(id: session.id) == nil, "sessions go with their conversation")
        }
    }

    @Test("an agenda keeps its order, links and panel; items move up and down", arguments: Backend.allCases)
    func agenda(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let conversations = ConversationStore(store)
            try await conversations.migrate()
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "C"), createdBy: nil)
            let session = try await conversations.createSession(
                conversationID: conversation.id, number: 1, title: LocalizedText(english: "S"), startsOn: "2024-09-01",
                endsOn: "2024-09-01", place: "", format: .inPerson, languages: ["en"])
            let panel = try await conversations.createPanel(
                sessionID: session.id, position: 1, theme: LocalizedText(english: "Inventorship"), moderatorUserID: nil)
            let opening = try await conversations.createAgendaItem(sessionID: session.id, title: LocalizedText(english: "Opening"), startsAt: "10:00")
            let discussion = try await conversations.createAgendaItem(
                sessionID: session.id, title: LocalizedText(english: "Panel 1"), panelID: panel.id, startsAt: "10:15",
                links: [AgendaLink(issueID: 7, questionID: 71), AgendaLink(issueID: 8), AgendaLink(issueID: 7, questionID: 71)])
            let closing = try await conversations.createAgendaItem(sessionID: session.id, title: LocalizedText(english: "Closing"))
            var agenda = try await conversations.agenda(sessionID: session.id)
            #expect(agenda.map(\.id) == [opening.id, discussion.id, closing.id])
            #expect(agenda.map(\.position) == [1, 2, 3])
            #expect(agenda[1].links == [AgendaLink(issueID: 7, questionID: 71), AgendaLink(issueID: 8)], "duplicates dropped")
            #expect(agenda[1].panelID == panel.id)

            agenda = try await conversations.moveAgendaItem(id: closing.id, by: -1)
            #expect(agenda.map(\.id) == [opening.id, closing.id, discussion.id])
            agenda = try await conversations.moveAgendaItem(id: opening.id, by: -1)  // already first: nothing moves
            #expect(agenda.map(\.id) == [opening.id, closing.id, discussion.id])

            var changed = try #require(try await conversations.agendaItem(id: discussion.id))
            changed.links = [AgendaLink(issueID: 9)]
            changed.title["fr"] = "Panel 1 (fr)"
            try await conversations.updateAgendaItem(changed)
            #expect(try await conversations.agendaItem(id: discussion.id)?.links == [AgendaLink(issueID: 9)])

            changed.startsAt = "25:00"
            do {
                try await conversations.updateAgendaItem(changed)
                Issue.record("25:00 was accepted")
            } catch let error as IPAIError {
                #expect(error.location?.field == "starts_at")
                #expect(error.location?.value == "25:00")
            }
            // A panel's deletion leaves its agenda item in place, without a panel.
            try await conversations.deletePanel(id: panel.id)
            #expect(try await conversations.agendaItem(id: discussion.id)?.panelID == nil)
            #expect(try await conversations.deleteAgendaItem(id: discussion.id))
            #expect(try await conversations.agenda(sessionID: session.id).count == 2)
        }
    }
}
