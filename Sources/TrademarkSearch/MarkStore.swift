import Core
import Storage

/// The register of marks, kept in IPAI's store: each mark's data, its image and its signature.
public struct MarkStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    /// Creates or updates the marks tables.
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "marks", MarkSchema.migrations(store.dialect))
    }
}

/// The marks tables.
enum MarkSchema {
    static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        []
    }
}
