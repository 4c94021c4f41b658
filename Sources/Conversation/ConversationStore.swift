import Core
import Storage

/// The Conversation on IP and AI, kept in IPAI's store: conversations, sessions, panels and their
/// agenda (`Structure`), who takes part (`Participation`), the list of speakers (`Floor`), the
/// record of interventions (`Record`) and the two outcome lists (`Outcomes`).
///
/// ```swift
/// let conversations = ConversationStore(store)
/// try await conversations.migrate()
/// let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
/// ```
public struct ConversationStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    var database: any SQLDatabase { store.database }

    /// Creates or updates the conversation tables (after the core schema; safe from several servers).
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "conversation", ConversationSchema.structure(store.dialect))
        try await store.migrate(module: "conversation-participation", ConversationSchema.participation(store.dialect))
        try await store.migrate(module: "conversation-floor", ConversationSchema.floor(store.dialect))
    }
}

/// The conversation tables, one migration list per part (each part's file owns its list).
public enum ConversationSchema {}
