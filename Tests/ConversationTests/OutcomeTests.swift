import Conversation
import Core
import Storage
import Testing
import TestSupport

@Suite("Conversation outcome lists")
struct OutcomeTests {
    @Test("two lists per conversation, each in its own order, with their sources; items move and change lists", arguments: Backend.allCases)
    func lists(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let conversations = ConversationStore(store)
            try await conversations.migrate()
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "C"), createdBy: nil)
            let first = try await conversations.createOutcome(
                conversationID: conversation.id, kind: .furtherDiscussion, text: LocalizedText(english: "Is AI an inventor?"),
                sources: [OutcomeSource(kind: .intervention, id: 11), OutcomeSource(kind: .submission, id: 21)])
            let second = try await conversations.createOutcome(
                conversationID: conversation.id, kind: .furtherDiscussion, text: LocalizedText(english: "Who owns outputs?"))
            let urgent = try await conversations.createOutcome(
                conversationID: conversation.id, kind: .immediateAttention, text: LocalizedText(english: "Deepfakes"))
            #expect(urgent.position == 1, "each list is numbered on its own")
            var lists = try await conversations.outcomes(conversationID: conversation.id)
            #expect(lists.map(\.id) == [first.id, second.id, urgent.id])
            #expect(lists[0].sources == [OutcomeSource(kind: .intervention, id: 11), OutcomeSource(kind: .submission, id: 21)])

            lists = try await conversations.moveOutcome(id: second.id, by: -1)
            #expect(lists.map(\.id) == [second.id, first.id])
            #expect(try await conversations.outcomes(conversationID: conversation.id, kind: .immediateAttention).map(\.id) == [urgent.id])

            var moved = try #require(try await conversations.outcome(id: second.id))
            moved.kind = .immediateAttention
            moved.sources = [OutcomeSource(kind: .submission, id: 22)]
            try await conversations.updateOutcome(moved)
            let urgentList = try await conversations.outcomes(conversationID: conversation.id, kind: .immediateAttention)
            #expect(urgentList.map(\.id) == [urgent.id, second.id], "a changed list puts the item at its end")
            #expect(urgentList[1].sources == [OutcomeSource(kind: .submission, id: 22)])
            #expect(try await conversations.outcomes(citing: OutcomeSource(kind: .intervention, id: 11)).map(\.id) == [first.id])

            #expect(try await conversations.deleteOutcome(id: first.id))
            #expect(try await conversations.outcome(id: first.id) == nil)
            #expect(try await conversations.outcomes(citing: OutcomeSource(kind: .intervention, id: 11)).isEmpty)
        }
    }

    @Test("an empty text is refused naming the field; an unknown conversation is not found")
    func refusals() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let conversations = ConversationStore(store)
            try await conversations.migrate()
            let conversation = try await conversations.createConversation(title: LocalizedText(english: "C"), createdBy: nil)
            do {
                _ = try await conversations.createOutcome(conversationID: conversation.id, kind: .furtherDiscussion, text: LocalizedText(["en": "  "]))
                Issue.record("an empty text was accepted")
            } catch let error as IPAIError {
                #expect(error.code == .invalidInput)
                #expect(error.location?.field == "text")
            }
            do {
                _ = try await conversations.createOutcome(conversationID: 42, kind: .furtherDiscussion, text: LocalizedText(english: "x"))
                Issue.record("an unknown conversation was accepted")
            } catch let error as IPAIError {
                #expect(error.code == .notFound)
            }
        }
    }
}
