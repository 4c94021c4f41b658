import Core
import Foundation

extension PostgresDatabase {
    /// Creates an empty database on the server `url` points to and returns its URL: every test
    /// (or benchmark run) gets its own, so runs never see each other's rows.
    /// - Parameters:
    ///   - url: a `postgres://` URL whose user may `CREATE DATABASE`.
    ///   - prefix: the start of the new database's name (a random suffix follows).
    /// - Throws: `storage_failure` if the server refuses.
    package static func createScratchDatabase(from url: String, prefix: String = "ipai_test") async throws(IPAIError) -> String {
        let name = "\(prefix)_\(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF)"
        let database = try PostgresDatabase(url: url)
        defer { Task { await database.close() } }
        _ = try await database.query(SQLStatement("CREATE DATABASE \(name)"))
        guard var components = URLComponents(string: url) else {
            throw IPAIError(.invalidArgument, "'\(url)' is not a PostgreSQL URL")
        }
        components.path = "/" + name
        guard let scratch = components.string else { throw IPAIError(.invalidArgument, "'\(url)' is not a PostgreSQL URL") }
        return scratch
    }

    /// Drops a database made by ``createScratchDatabase(from:prefix:)``, closing its connections.
    package static func dropScratchDatabase(_ scratchURL: String, using url: String) async {
        guard let name = URLComponents(string: scratchURL)?.path.dropFirst(), !name.isEmpty,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
              let database = try? PostgresDatabase(url: url)
        else { return }
        _ = try? await database.query(SQLStatement("DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        await database.close()
    }
}
