import Core
import Foundation
import GRDB
import Synchronization

/// The embedded default: a SQLite file in the data directory, through GRDB, in WAL mode so that
/// readers (web pages, API calls) never wait for the writer (a training job saving its model).
/// Notifications reach every ``SQLiteDatabase`` open on the same file in this process.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    private let pool: DatabasePool
    private let broadcaster = Broadcaster()
    /// The canonical path of the file, which keys the notification peers.
    private let key: String

    private struct Peer {
        weak var broadcaster: Broadcaster?
    }

    /// Every open database of this process, by file: a notification goes to all on the same file.
    private static let peers = Mutex<[String: [Peer]]>([:])

    /// Opens (creating if needed) the database file at `path`.
    /// - Throws: `storage_failure` naming the file if it cannot be opened.
    public init(path: String) throws(IPAIError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw IPAIError(.storageFailure, "cannot open the SQLite database '\(path)'", cause: error)
        }
        key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let broadcaster = self.broadcaster
        Self.peers.withLock { peers in
            peers[key, default: []].removeAll { $0.broadcaster == nil }
            peers[key, default: []].append(Peer(broadcaster: broadcaster))
        }
    }

    public func query(_ statement: SQLStatement) async throws(IPAIError) -> [SQLRow] {
        let readOnly = Self.isReadOnly(statement.sql)
        do {
            if readOnly {
                // On the calling thread: a read takes microseconds (WAL: it never waits for the
                // writer), less than the two thread switches of an asynchronous read.
                return try readHere(statement)
            }
            return try await pool.write { db in try Self.run(statement, in: db) }
        } catch {
            throw Self.translate(error, statement)
        }
    }

    /// A synchronous read (GRDB offers only its asynchronous one to async callers).
    private func readHere(_ statement: SQLStatement) throws -> [SQLRow] {
        try pool.read { db in try Self.run(statement, in: db) }
    }

    public func transaction(_ statements: [SQLStatement]) async throws(IPAIError) -> [[SQLRow]] {
        do {
            return try await pool.write { db in try statements.map { try Self.run($0, in: db) } }
        } catch {
            throw Self.translate(error, statements.first)
        }
    }

    public func notifications() -> AsyncStream<String> { broadcaster.subscribe() }

    public func notify(_ message: String) async throws(IPAIError) {
        let listeners = Self.peers.withLock { peers in peers[key, default: []].compactMap(\.broadcaster) }
        for listener in listeners { listener.publish(message) }
    }

    public func close() async {
        let broadcaster = self.broadcaster
        Self.peers.withLock { peers in peers[key]?.removeAll { $0.broadcaster == nil || $0.broadcaster === broadcaster } }
        broadcaster.finish()
        try? pool.close()
    }

    private static func isReadOnly(_ sql: String) -> Bool {
        let head = sql.drop(while: { $0.isWhitespace }).prefix(6).uppercased()
        return head == "SELECT"
    }

    private static func run(_ statement: SQLStatement, in db: Database) throws -> [SQLRow] {
        // Prepared once per connection: parsing and authorising a statement costs more than running
        // a lookup by key (the Store's SQL is a fixed set of texts with `?` arguments).
        let prepared = try db.cachedStatement(sql: statement.sql)
        prepared.arguments = StatementArguments(statement.arguments.map(Self.databaseValue))
        let columns = prepared.columnNames
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(prepared)
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    private static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }

    private static func translate(_ error: any Error, _ statement: SQLStatement?) -> IPAIError {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
            return IPAIError(.conflict, "the change conflicts with existing data: \(error.message ?? "constraint failed")", cause: error)
        }
        if let error = error as? IPAIError { return error }
        return IPAIError(.storageFailure, "SQLite failed\(statement.map { " on: \($0.sql.prefix(80))" } ?? "")", cause: error)
    }
}
