import Core
import Storage
import Synchronization

/// Landscape datasets, their records and search index, and report runs, kept in IPAI's store
/// (SQLite or PostgreSQL).
///
/// ```swift
/// let landscapes = LandscapeStore(store)
/// let dataset = try await landscapes.createDataset(name: "CSET AI", source: .csv, fileName: "patents.csv", createdBy: nil)
/// try await landscapes.saveRecords(records, flagNames: corpus.flagNames, datasetID: dataset.id)
/// ```
///
/// The tables are created on first use (``migrate()``), once per database per process.
public struct LandscapeStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    var database: any SQLDatabase { store.database }

    /// Creates or updates the landscape tables.
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "landscape", LandscapeSchema.migrations(store.dialect))
        Self.migrated.withLock { list in
            list.removeAll { $0.object == nil }
            list.append(WeakDatabase(object: store.database as AnyObject))
        }
    }

    /// Migrates unless this process already did for this database object.
    func ready() async throws(IPAIError) {
        let object = store.database as AnyObject
        let done = Self.migrated.withLock { list in list.contains { $0.object === object } }
        if !done { try await migrate() }
    }

    /// Databases migrated by this process (weakly held, so a new database at a reused address migrates again).
    private static let migrated = Mutex<[WeakDatabase]>([])

    private final class WeakDatabase: @unchecked Sendable {
        weak var object: AnyObject?
        init(object: AnyObject) { self.object = object }
    }
}
