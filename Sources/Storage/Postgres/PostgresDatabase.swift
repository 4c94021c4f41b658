import Core
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// PostgreSQL for larger offices: several stateless `ipai serve` instances share one database.
/// Notifications travel with LISTEN/NOTIFY on the channel `ipai_events`, so a job's progress
/// written by one instance reaches the pages served by every other.
public final class PostgresDatabase: SQLDatabase {
    public let dialect = SQLDialect.postgres
    static let channel = "ipai_events"
    private let client: PostgresClient
    private let settings: Settings
    private let logger: Logger
    private let runner: Task<Void, Never>
    private let listener: Task<Void, Never>
    private let broadcaster = Broadcaster()

    /// Connects to `postgres://user:password@host:port/database` (`?sslmode=disable|prefer|require`).
    /// - Throws: `invalid_argument` for a malformed URL; connection problems surface on first use.
    public init(url: String, logger: Logger = Logger(label: "ipai.postgres")) throws(IPAIError) {
        settings = try Settings(url: url)
        self.logger = logger
        let client = PostgresClient(configuration: try settings.clientConfiguration(), backgroundLogger: logger)
        self.client = client
        // Started at once, so that the first query finds the client running (not a warning and a wait).
        runner = Task.immediate { await client.run() }
        let broadcaster = self.broadcaster
        let connectionConfiguration = try settings.connectionConfiguration()
        listener = Task {
            // A dedicated connection LISTENs; it reconnects after a failure, backing off.
            var delay: Duration = .milliseconds(100)
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: connectionConfiguration, id: 1, logger: logger)
                    delay = .milliseconds(100)
                    defer { Task { try? await connection.close() } }
                    for try await notification in try await connection.listen(Self.channel) {
                        broadcaster.publish(notification.payload)
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("LISTEN connection lost, retrying", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(5))
                }
            }
        }
    }

    public func query(_ statement: SQLStatement) async throws(IPAIError) -> [SQLRow] {
        do {
            let rows = try await client.query(Self.query(statement), logger: logger)
            return try await Self.collect(rows)
        } catch {
            throw Self.translate(error, statement)
        }
    }

    public func transaction(_ statements: [SQLStatement]) async throws(IPAIError) -> [[SQLRow]] {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                var results: [[SQLRow]] = []
                for statement in statements {
                    let rows = try await connection.query(Self.query(statement), logger: logger)
                    results.append(try await Self.collect(rows))
                }
                return results
            }
        } catch {
            throw Self.translate(error, statements.first)
        }
    }

    public func notifications() -> AsyncStream<String> { broadcaster.subscribe() }

    public func notify(_ message: String) async throws(IPAIError) {
        try await query(SQLStatement("SELECT pg_notify(?, ?)", [.text(Self.channel), .text(message)]))
    }

    public func close() async {
        listener.cancel()
        runner.cancel()
        broadcaster.finish()
    }

    // MARK: Conversions

    private static func query(_ statement: SQLStatement) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: statement.arguments.count)
        for argument in statement.arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: statement.numberedPlaceholders, binds: bindings)
    }

    private static func collect(_ rows: PostgresRowSequence) async throws -> [SQLRow] {
        var result: [SQLRow] = []
        for try await row in rows {
            var columns: [String] = []
            var values: [SQLValue] = []
            for cell in row {
                columns.append(cell.columnName)
                values.append(try value(of: cell))
            }
            result.append(SQLRow(columns: columns, values: values))
        }
        return result
    }

    private static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric: return .real(Double(try cell.decode(String.self)) ?? 0)
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .void: return .null
        default:
            if let text = try? cell.decode(String.self) { return .text(text) }
            // A type without a text decoding (e.g. uuid, json in binary): its raw bytes.
            var buffer = cell.bytes ?? ByteBuffer()
            return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
    }

    private static func translate(_ error: any Error, _ statement: SQLStatement?) -> IPAIError {
        if let error = error as? IPAIError { return error }
        if let error = error as? PSQLError {
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            if state.hasPrefix("23") {
                return IPAIError(.conflict, "the change conflicts with existing data: \(message)")
            }
            return IPAIError(.storageFailure, "PostgreSQL failed: \(message)")
        }
        return IPAIError(.storageFailure, "PostgreSQL failed\(statement.map { " on: \($0.sql.prefix(80))" } ?? "")", cause: error)
    }

    // MARK: Configuration

    /// Connection settings parsed from a `postgres://` URL.
    struct Settings: Sendable {
        enum TLSMode: String, Sendable { case disable, prefer, require }
        var host: String
        var port: Int
        var username: String
        var password: String?
        var database: String?
        var tls: TLSMode

        init(url: String) throws(IPAIError) {
            guard let components = URLComponents(string: url),
                  components.scheme == "postgres" || components.scheme == "postgresql",
                  let host = components.host, !host.isEmpty
            else {
                throw IPAIError(
                    .invalidArgument, "'\(url)' is not a PostgreSQL URL such as postgres://user:password@localhost:5432/ipai")
            }
            let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
            let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
            guard let tls = TLSMode(rawValue: mode) else {
                throw IPAIError(.invalidArgument, "sslmode '\(mode)' in '\(url)': use disable, prefer or require")
            }
            self.host = host
            port = components.port ?? 5432
            username = components.user ?? "postgres"
            password = components.password
            database = path.isEmpty ? nil : path
            self.tls = tls
        }

        func clientConfiguration() throws(IPAIError) -> PostgresClient.Configuration {
            let tls: PostgresClient.Configuration.TLS
            switch self.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(.makeClientConfiguration())
            case .require: tls = .require(.makeClientConfiguration())
            }
            return PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        }

        func connectionConfiguration() throws(IPAIError) -> PostgresConnection.Configuration {
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch self.tls {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw IPAIError(.invalidArgument, "cannot set up TLS for PostgreSQL", cause: error)
            }
            return PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
    }
}
