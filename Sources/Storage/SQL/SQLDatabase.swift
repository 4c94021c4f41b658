import Core

/// Which SQL engine is behind a ``SQLDatabase`` (for the few statements that differ).
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// The seam between IPAI's storage logic and a SQL engine: embedded SQLite (GRDB) or PostgreSQL
/// (PostgresNIO). Everything above it — the ``Store`` — is written once, in portable SQL.
///
/// Statements use `?` placeholders. A transaction is a list of statements run atomically, which
/// keeps both engines simple (GRDB's write closures are synchronous) and round trips few.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }

    /// Runs one statement (in its own transaction) and returns its rows.
    func query(_ statement: SQLStatement) async throws(IPAIError) -> [SQLRow]

    /// Runs the statements in one transaction: all take effect or none. Returns each one's rows.
    func transaction(_ statements: [SQLStatement]) async throws(IPAIError) -> [[SQLRow]]

    /// Messages published with ``notify(_:)`` by this or any other server on the same database.
    func notifications() -> AsyncStream<String>

    /// Publishes a short message to every listener (PostgreSQL: NOTIFY; SQLite: this process).
    func notify(_ message: String) async throws(IPAIError)

    /// Closes connections; pending calls fail.
    func close() async
}

extension SQLDatabase {
    @discardableResult
    public func query(_ sql: String, _ arguments: SQLValue...) async throws(IPAIError) -> [SQLRow] {
        try await query(SQLStatement(sql, arguments))
    }
}
