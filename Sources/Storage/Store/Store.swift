import Core
import Foundation

/// Everything IPAI keeps: people, sessions, tokens, the audit log, collections and documents,
/// uploads, jobs and models — written once, in portable SQL, over a ``SQLDatabase``.
///
/// ```swift
/// let store = try await Store.open("sqlite:data/ipai.sqlite")        // or "postgres://…"
/// let collection = try await store.createCollection(name: "EP 2024", description: "", createdBy: nil)
/// ```
public struct Store: Sendable {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// Opens a database by URL (`postgres://…`) or SQLite file path, and migrates its schema.
    /// - Throws: `invalid_argument` for an unusable location, `storage_failure` if the database fails.
    public static func open(_ location: String) async throws(IPAIError) -> Store {
        let database: any SQLDatabase
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            database = try PostgresDatabase(url: location)
        } else {
            let path = location.hasPrefix("sqlite:") ? String(location.dropFirst("sqlite:".count)) : location
            database = try SQLiteDatabase(path: path)
        }
        let store = Store(database: database)
        try await store.migrate()
        return store
    }

    /// Creates or updates the schema (safe to run from several servers at once).
    public func migrate() async throws(IPAIError) {
        try await Migrations.run(on: database)
    }

    /// Creates or updates the tables of a service module (conversation, consultation, …), whose
    /// versions are counted apart from the core schema's. Safe to run from several servers at once.
    /// - Parameters:
    ///   - module: the module's stable name, e.g. `"conversation"`.
    ///   - migrations: numbered lists of idempotent statements, oldest first.
    public func migrate(module: String, _ migrations: [(version: Int, statements: [String])]) async throws(IPAIError) {
        try await Migrations.run(module: module, migrations, on: database)
    }

    public var dialect: SQLDialect { database.dialect }

    package func rows(_ sql: String, _ arguments: [SQLValue] = []) async throws(IPAIError) -> [SQLRow] {
        try await database.query(SQLStatement(sql, arguments))
    }

    /// A keyset page: rows with id below `cursor` (newest first), one more than `limit` to know if
    /// another page follows.
    package func page<Item>(
        _ sql: String, _ arguments: [SQLValue], limit: Int, cursor: Int64?, map: (SQLRow) throws(IPAIError) -> Item
    ) async throws(IPAIError) -> Page<Item> {
        let limit = max(1, min(limit, 1000))
        let found = try await rows(sql, arguments + [.integer(cursor ?? Int64.max), .integer(Int64(limit + 1))])
        var items: [Item] = []
        for row in found.prefix(limit) { items.append(try map(row)) }
        let next = found.count > limit ? try found[limit - 1].int64("id") : nil
        return Page(items: items, next: next)
    }
}
