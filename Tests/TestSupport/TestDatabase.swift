import Core
import Foundation
import Storage
import Synchronization
import Testing

/// The two engines behind ``Store``; every storage test runs on both.
public enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    /// `IPAI_TEST_POSTGRES_URL`, e.g. `postgres://postgres@127.0.0.1:5432/postgres` (its user must be allowed to create databases).
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["IPAI_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }
}

/// A fresh, empty database for one test: an SQLite file in a new temporary directory, or a new
/// PostgreSQL database on the server of `IPAI_TEST_POSTGRES_URL` (dropped afterwards). Any number
/// of ``Store``s can be opened on it, as several servers would.
public final class TestDatabase: Sendable {
    public let backend: Backend
    /// What ``Store/open(_:)`` takes.
    public let location: String
    private let directory: URL?
    private let stores = Mutex<[Store]>([])

    private init(backend: Backend, location: String, directory: URL?) {
        self.backend = backend
        self.location = location
        self.directory = directory
    }

    /// Runs `body` with a fresh database of `backend`; PostgreSQL cases are skipped (cancelled,
    /// with the reason) when `IPAI_TEST_POSTGRES_URL` is not set.
    public static func with(_ backend: Backend, _ body: (TestDatabase) async throws -> Void) async throws {
        let database = try await make(backend)
        do {
            try await body(database)
        } catch {
            await database.tearDown()
            throw error
        }
        await database.tearDown()
    }

    /// Runs `body` with a store on a fresh database of `backend`.
    public static func withStore(_ backend: Backend, _ body: (Store) async throws -> Void) async throws {
        try await with(backend) { database in try await body(try await database.open()) }
    }

    private static func make(_ backend: Backend) async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-storage-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return TestDatabase(backend: backend, location: directory.appendingPathComponent("ipai.sqlite").path, directory: directory)
        case .postgres:
            guard let url = Backend.postgresURL else {
                skipNotice.withLock { shown in
                    guard !shown else { return }
                    shown = true
                    print("Tests: PostgreSQL cases skipped: set IPAI_TEST_POSTGRES_URL=postgres://user@127.0.0.1:5432/db to run them")
                }
                try Test.cancel("PostgreSQL case skipped: IPAI_TEST_POSTGRES_URL is not set")
            }
            let scratch = try await PostgresDatabase.createScratchDatabase(from: url, prefix: "ipai_storage_test")
            return TestDatabase(backend: backend, location: scratch, directory: nil)
        }
    }

    private static let skipNotice = Mutex(false)

    /// Opens (and migrates) another store on this database.
    public func open() async throws -> Store {
        let store = try await Store.open(location)
        stores.withLock { $0.append(store) }
        return store
    }

    private func tearDown() async {
        for store in stores.withLock({ $0 }) { await store.database.close() }
        switch backend {
        case .sqlite:
            if let directory { try? FileManager.default.removeItem(at: directory) }
        case .postgres:
            if let url = Backend.postgresURL { await PostgresDatabase.dropScratchDatabase(location, using: url) }
        }
    }
}

/// Waits for a condition that another task or server makes true; fails the test after `seconds`.
public func eventually(
    _ what: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}

public func document(_ id: String, title: String = "A lithium cell", symbols: [String] = ["H01M 10/0525"]) -> PatentDocument {
    PatentDocument(id: id, title: title, abstract: "An anode of silicon and graphite.", symbols: ["ipc": symbols])
}
