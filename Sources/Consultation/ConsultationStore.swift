import Core
import Storage

/// Public consultations on an issues paper, kept in IPAI's store: papers in versions, numbered
/// issues with their questions, calls for comments, submissions and their moderation, and which
/// submissions informed which issue of a revised version.
///
/// ```swift
/// let consultations = ConsultationStore(store)
/// try await consultations.migrate()
/// let paper = try await consultations.createPaper(conversationID: conversation.id, title: LocalizedText(english: "Issues paper"), createdBy: nil)
/// ```
public struct ConsultationStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    var database: any SQLDatabase { store.database }

    /// Creates or updates the consultation tables (after the conversation tables).
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "consultation", ConsultationSchema.migrations(store.dialect))
    }
}
