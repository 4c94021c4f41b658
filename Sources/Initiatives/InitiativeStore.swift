import Core
import Storage

/// The index of AI initiatives in IP offices, kept in IPAI's store: offices (approved before they
/// publish), their AI applications, and survey rounds with their questionnaires and answers.
public struct InitiativeStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    var database: any SQLDatabase { store.database }

    /// Creates or updates the initiatives tables.
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "initiatives", InitiativeSchema.migrations(store.dialect))
    }
}

/// The initiatives tables.
enum InitiativeSchema {
    static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        []
    }
}
