import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Server
import Storage
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Two `ipai serve` instances on one PostgreSQL database, both running jobs: each job runs exactly
/// once, and what one server does is seen through the other (its API and its event stream).
@Suite("Two servers on one PostgreSQL database")
struct MultiInstanceTests {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["IPAI_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    @Test(
        "train jobs queued through both servers each run once, and both servers show every job's progress",
        .enabled(if: postgresURL != nil, "needs PostgreSQL: set IPAI_TEST_POSTGRES_URL=postgres://user@127.0.0.1:5432/db"))
    func twoServersShareJobs() async throws {
        let baseURL = try #require(Self.postgresURL)
        let url = try await PostgresDatabase.createScratchDatabase(from: baseURL, prefix: "ipai_multi_test")
        defer { Task { await PostgresDatabase.dropScratchDatabase(url, using: baseURL) } }

        var logger = Logger(label: "ipai-test")
        logger.logLevel = .warning
        func configuration(_ instance: String) -> ServerConfiguration {
            ServerConfiguration(
                port: 0, databaseURL: url, installDemo: false, instance: instance, passwordIterations: 1000,
                jobPollInterval: .milliseconds(100))
        }
        // Started one after the other would hide a migration race: build both at once.
        async let builtA = buildApplication(configuration("a"), logger: logger)
        async let builtB = buildApplication(configuration("b"), logger: logger)
        let a = try await builtA
        let b = try await builtB
        let password = try #require(a.administratorPassword ?? b.administratorPassword, "one of them creates the administrator")
        #expect(a.administratorPassword == nil || b.administratorPassword == nil, "only one administrator is created")

        // The demo corpus (52 documents with IPC symbols), written straight into the store.
        let store = a.services.store
        let collection = try await store.createCollection(name: "Demo", description: "", createdBy: nil)
        try await store.upsertDocuments(try Self.demoDocuments(), collectionID: collection.id)

        try await a.application.test(.live) { clientA in
            try await b.application.test(.live) { clientB in
                let token = try await Self.token(client: clientA, password: password)
                let portA = try #require(clientA.port)
                let portB = try #require(clientB.port)
                let eventsA = try EventStreamClient(port: portA, path: "/api/v1/events", headers: ["Authorization": "Bearer \(token)"])
                let eventsB = try EventStreamClient(port: portB, path: "/api/v1/events", headers: ["Authorization": "Bearer \(token)"])
                defer {
                    eventsA.close()
                    eventsB.close()
                }
                try await eventsA.waitUntilConnected()
                try await eventsB.waitUntilConnected()

                // Six train jobs, queued alternately through each server.
                var jobIDs: [Int64] = []
                for index in 0..<6 {
                    let client = index.isMultiple(of: 2) ? clientA : clientB
                    let body = #"{"level": "subclass", "label_field": "ipc", "activate": true}"#
                    let job = try await Self.json(client, "/api/v1/collections/\(collection.id)/train", method: .post, token: token, body: body)
                    let id = try #require(job["id"] as? String)
                    jobIDs.append(try #require(Int64(id)))
                }

                // Both servers' APIs report every job's end, the same way.
                for id in jobIDs {
                    try await eventually("job \(id) to end", seconds: 120) {
                        let status = try await Self.json(clientA, "/api/v1/jobs/\(id)", token: token)["status"] as? String
                        return status == "done" || status == "failed"
                    }
                    let throughA = try await Self.json(clientA, "/api/v1/jobs/\(id)", token: token)
                    let throughB = try await Self.json(clientB, "/api/v1/jobs/\(id)", token: token)
                    #expect(throughA["status"] as? String == "done", "job \(id): \(throughA["message"] ?? "")")
                    #expect(throughB["status"] as? String == "done")
                    #expect(throughA["progress"] as? Double == 1 && throughB["progress"] as? Double == 1)
                    #expect(throughA["message"] as? String == throughB["message"] as? String)
                    #expect(throughA["model_id"] as? String == throughB["model_id"] as? String)
                }

                // Exactly once: each job claimed by one server, and made exactly one model version.
                let models = try await store.models(collectionID: collection.id, limit: 100).items
                #expect(models.map(\.version).sorted() == Array(1...6), "one version per job, none twice")
                #expect(models.filter(\.active).count == 1, "exactly one active model")
                var runners: [Int64: String] = [:]
                for id in jobIDs {
                    let job = try #require(try await store.job(id: id))
                    let claimer = try #require(job.claimedBy)
                    #expect(["a", "b"].contains(claimer))
                    runners[id] = claimer
                    #expect(models.filter { $0.jobID == id }.count == 1, "job \(id) saved exactly one model")
                    #expect(job.modelID == models.first { $0.jobID == id }?.id)
                }

                // Each job's events reached the server that did not run it (and the one that did).
                for id in jobIDs {
                    let other = runners[id] == "a" ? eventsB : eventsA
                    let runner = runners[id] == "a" ? eventsA : eventsB
                    try await eventually("job \(id)'s end on the other server's event stream", seconds: 120) {
                        other.events(job: id).contains { $0.status == "done" }
                    }
                    let seen = other.events(job: id)
                    #expect(seen.first?.status == "queued", "job \(id): \(seen.map(\.status))")
                    #expect(seen.contains { $0.status == "running" })
                    #expect(seen.last?.status == "done" && seen.last?.progress == 1)
                    #expect(seen.map(\.status) == runner.events(job: id).map(\.status), "both streams tell the same story")
                }
            }
        }
        await a.services.store.database.close()
        await b.services.store.database.close()
        await PostgresDatabase.dropScratchDatabase(url, using: baseURL)
    }

    // MARK: Helpers

    static func demoDocuments() throws -> [PatentDocument] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Server/Resources/Demo/patents.jsonl").standardized.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map { try PatentDocument(jsonLine: String($0)) }
    }

    /// Signs in as the administrator and creates an API token.
    static func token(client: any TestClientProtocol, password: String) async throws -> String {
        let signIn = try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username": "admin", "password": "\#(password)"}"#))
        #expect(signIn.status == .ok, "sign in: \(String(buffer: signIn.body))")
        let session = try object(signIn.body)
        let csrf = try #require(session["csrf_token"] as? String)
        let cookie = try #require(signIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let created = try await client.execute(
            uri: "/api/v1/tokens", method: .post,
            headers: [.contentType: "application/json", .cookie: cookie, HTTPField.Name("X-CSRF-Token")!: csrf],
            body: ByteBuffer(string: #"{"name": "multi-instance test", "rate_per_minute": 100000}"#))
        #expect(created.status == .created, "token: \(String(buffer: created.body))")
        return try #require(try object(created.body)["token"] as? String)
    }

    static func json(
        _ client: any TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, token: String, body: String? = nil
    ) async throws -> [String: Any] {
        let response = try await client.execute(
            uri: uri, method: method,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: body.map { ByteBuffer(string: $0) })
        #expect(response.status.code < 300, "\(method) \(uri): \(response.status) \(String(buffer: response.body))")
        return try object(response.body)
    }

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }
}

/// The job events of `/api/v1/events`.
extension EventStreamClient {
    struct Event: Sendable {
        var id: String
        var status: String
        var progress: Double?
    }

    /// The events of one job received so far, in order.
    func events(job id: Int64) -> [Event] {
        dataObjects().compactMap { object in
            guard object["id"] as? String == String(id), let status = object["status"] as? String else { return nil }
            return Event(id: String(id), status: status, progress: object["progress"] as? Double)
        }
    }
}
