import ArgumentParser
import Core
import Foundation
import Storage
import TrademarkSearch

/// Where the register is: the SQLite database in a data directory, or a PostgreSQL URL.
struct MarkDatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("Data directory of the embedded SQLite database (as `ipai serve --data`).", valueName: "dir"))
    var dataDirectory = "data"

    @Option(help: ArgumentHelp("PostgreSQL URL (postgres://user:password@host/database); default: SQLite in --data. Also $IPAI_DATABASE.", valueName: "url"))
    var database: String?

    /// The store, migrated.
    func open() async throws(IPAIError) -> Store {
        if let url = database ?? ProcessInfo.processInfo.environment["IPAI_DATABASE"] { return try await Store.open(url) }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot create the data directory", at: InputLocation(file: dataDirectory), cause: error)
        }
        return try await Store.open(URL(fileURLWithPath: dataDirectory).appendingPathComponent("ipai.sqlite").path)
    }

    /// The marks store, migrated.
    func marks() async throws(IPAIError) -> MarkStore {
        let marks = MarkStore(try await open())
        try await marks.migrate()
        return marks
    }
}
