import Core
import Storage

/// The register of marks, kept in IPAI's store: each mark's data, its image and its signature.
///
/// ```swift
/// let marks = MarkStore(store)
/// try await marks.migrate()
/// let mark = try await marks.add(try MarkDetails(externalID: "018000001", name: "SETA"), image: nil)
/// ```
public struct MarkStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    var database: any SQLDatabase { store.database }

    /// Creates or updates the marks tables.
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "marks", MarkSchema.migrations(store.dialect))
    }
}
