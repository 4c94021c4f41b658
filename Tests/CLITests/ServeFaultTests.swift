import Foundation
import Testing
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `ipai serve` as a process that dies: killed (SIGKILL) in the middle of training, and stopped
/// (SIGTERM) in the middle of a request and a job. What an office would notice afterwards: a job
/// stuck as "running" forever, a database that no longer opens, a half-trained model in use, a
/// request cut off, a job lost.
@Suite("ipai serve faults", .serialized)
struct ServeFaultTests {
    /// The USPTO corpus of the shared data (real abstracts, CPC symbols); the tests skip without it.
    static let corpusPath: String? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/patents/uspto-abstracts-cpc.train.jsonl").standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    @Test(
        "SIGKILL while training: the job ends as failed with a message, the database opens, the active model is unchanged",
        .enabled(if: corpusPath != nil, "needs ../shared/data/patents/uspto-abstracts-cpc.train.jsonl"))
    func killDuringTraining() async throws {
        let directory = try CLI.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var server = try ServeProcess(data: directory)
        let password = try #require(try await server.waitUntilReady())
        let token = try await server.createToken(password: password)
        let demo = try await server.demoCollection(token: token)
        let before = try await server.models(collection: demo, token: token)
        let active = try #require(before.first { $0["active"] as? Bool == true }?["id"] as? String, "the demo model is active")

        // The shared corpus goes into the demo collection, so a new model would replace the active one.
        try await server.importCorpus(try Self.corpus(lines: 3000, in: directory), collection: demo, token: token)
        let job = try await server.startTraining(collection: demo, token: token)
        try await server.waitForJob(job, token: token) { $0["status"] as? String == "running" && ($0["progress"] as? Double ?? 0) > 0 }
        server.kill(SIGKILL)
        #expect(server.waitForExit() == SIGKILL)

        server = try ServeProcess(data: directory)
        #expect(try await server.waitUntilReady() == nil, "the same database, no new administrator")
        let after = try await server.job(job, token: token)
        let status = after["status"] as? String
        #expect(status == "failed", "an interrupted job is failed at restart: \(after)")
        #expect(!(after["message"] as? String ?? "").isEmpty, "the job says what happened")
        let models = try await server.models(collection: demo, token: token)
        #expect(models.count == before.count, "no model from the interrupted job")
        #expect(models.first { $0["active"] as? Bool == true }?["id"] as? String == active, "the previous model is still active")
        #expect(models.filter { $0["active"] as? Bool == true }.count == 1)
        server.kill(SIGTERM)
        #expect(server.waitForExit() == 0)
    }

    @Test(
        "SIGTERM: a request in flight completes, a running job goes back to the queue, the process exits 0",
        .enabled(if: corpusPath != nil, "needs ../shared/data/patents/uspto-abstracts-cpc.train.jsonl"))
    func terminateGracefully() async throws {
        let directory = try CLI.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var server = try ServeProcess(data: directory)
        let password = try #require(try await server.waitUntilReady())
        let token = try await server.createToken(password: password)
        let demo = try await server.demoCollection(token: token)
        try await server.importCorpus(try Self.corpus(lines: 3000, in: directory), collection: demo, token: token)
        let job = try await server.startTraining(collection: demo, token: token)
        try await server.waitForJob(job, token: token) { $0["status"] as? String == "running" }

        // A slow request: 1000 long texts in one classify call.
        let texts = try Self.texts(count: 1000)
        let body = try JSONSerialization.data(withJSONObject: ["texts": texts, "count": 5])
        let port = server.port
        let request = Task { try await ServeProcess.request(port: port, "/api/v1/classify", method: "POST", token: token, body: body) }
        try await Task.sleep(for: .milliseconds(300))
        server.kill(SIGTERM)
        let (status, data) = try await request.value
        #expect(status == 200, "the request in flight completes: \(String(decoding: data.prefix(300), as: UTF8.self))")
        let results = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [Any]
        #expect(results?.count == 1000)
        #expect(server.waitForExit() == 0, "exit status 0 after SIGTERM")

        // The job waits in the queue (this server runs no jobs, so it stays there to be seen).
        server = try ServeProcess(data: directory, arguments: ["--no-jobs"])
        _ = try await server.waitUntilReady()
        let after = try await server.job(job, token: token)
        #expect(after["status"] as? String == "queued", "\(after)")
        #expect(!(after["message"] as? String ?? "").isEmpty)
        server.kill(SIGTERM)
        #expect(server.waitForExit() == 0)
    }

    // MARK: Data

    static func corpus(lines: Int, in directory: URL) throws -> URL {
        let source = try #require(corpusPath)
        let text = try String(contentsOfFile: source, encoding: .utf8)
        let path = directory.appendingPathComponent("uspto.jsonl")
        try text.split(separator: "\n").prefix(lines).joined(separator: "\n").appending("\n").write(to: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Abstracts from the end of the corpus (not among the imported lines), each made long.
    static func texts(count: Int) throws -> [String] {
        let source = try #require(corpusPath)
        let lines = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n").suffix(count)
        return lines.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let abstract = object["abstract"] as? String else { return nil }
            return String(repeating: abstract + " ", count: 4)
        }
    }
}

/// One `ipai serve --data <dir>` child process on a free port, with a few API calls.
struct ServeProcess {
    let process = Process()
    let port: Int
    let log: URL

    init(data directory: URL, arguments: [String] = []) throws {
        port = try Self.freePort()
        log = directory.appendingPathComponent("serve-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--data", directory.appendingPathComponent("data").path, "--port", String(port), "--log-level", "notice"]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "IPAI_SCHEME")
        environment.removeValue(forKey: "IPAI_DATABASE")
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for /health; returns the administrator password if this start printed one.
    func waitUntilReady() async throws -> String? {
        try await eventually("ipai serve to answer on port \(port)", seconds: 300) {
            guard process.isRunning else {
                Issue.record("ipai serve exited: \(output)")
                throw CancellationError()
            }
            return (try? await Self.request(port: port, "/health"))?.0 == 200
        }
        let lines = output.split(separator: "\n")
        guard let line = lines.first(where: { $0.contains("password:") }) else { return nil }
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func kill(_ signal: Int32) { _ = Foundation.kill(process.processIdentifier, signal) }

    /// The exit status, or the signal that ended the process.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    func createToken(password: String) async throws -> String {
        let body = Data(#"{"username": "admin", "password": "\#(password)"}"#.utf8)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/session")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200, "sign in: \(String(decoding: data, as: UTF8.self))")
        let csrf = try #require(try Self.object(data)["csrf_token"] as? String)
        let cookie = try #require(http.value(forHTTPHeaderField: "Set-Cookie")?.split(separator: ";").first.map(String.init))
        var tokenRequest = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/tokens")!)
        tokenRequest.httpMethod = "POST"
        tokenRequest.httpBody = Data(#"{"name": "fault test", "rate_per_minute": 100000}"#.utf8)
        tokenRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        tokenRequest.setValue(cookie, forHTTPHeaderField: "Cookie")
        tokenRequest.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token")
        let (tokenData, tokenResponse) = try await URLSession.shared.data(for: tokenRequest)
        #expect((tokenResponse as? HTTPURLResponse)?.statusCode == 201, "token: \(String(decoding: tokenData, as: UTF8.self))")
        return try #require(try Self.object(tokenData)["token"] as? String)
    }

    func demoCollection(token: String) async throws -> String {
        let (_, data) = try await Self.request(port: port, "/api/v1/collections", token: token)
        let items = try #require(try Self.object(data)["items"] as? [[String: Any]])
        return try #require(items.first { ($0["name"] as? String)?.hasPrefix("Demo") == true }?["id"] as? String)
    }

    func models(collection: String, token: String) async throws -> [[String: Any]] {
        let (_, data) = try await Self.request(port: port, "/api/v1/models?collection_id=\(collection)", token: token)
        return try #require(try Self.object(data)["items"] as? [[String: Any]])
    }

    func job(_ id: String, token: String) async throws -> [String: Any] {
        let (status, data) = try await Self.request(port: port, "/api/v1/jobs/\(id)", token: token)
        #expect(status == 200)
        return try Self.object(data)
    }

    func waitForJob(_ id: String, token: String, until condition: @escaping ([String: Any]) -> Bool) async throws {
        try await eventually("job \(id)", seconds: 300) {
            let job = try await self.job(id, token: token)
            if let status = job["status"] as? String, ["failed", "cancelled"].contains(status) {
                Issue.record("job \(id) \(status): \(job["message"] ?? "")")
                throw CancellationError()
            }
            return condition(job)
        }
    }

    func importCorpus(_ file: URL, collection: String, token: String) async throws {
        let (status, data) = try await Self.request(
            port: port, "/api/v1/collections/\(collection)/imports?format=jsonl", method: "POST", token: token,
            body: try Data(contentsOf: file))
        #expect(status == 202, "import: \(String(decoding: data, as: UTF8.self))")
        let job = try #require(try Self.object(data)["id"] as? String)
        try await waitForJob(job, token: token) { $0["status"] as? String == "done" }
    }

    func startTraining(collection: String, token: String) async throws -> String {
        let body = Data(#"{"level": "subclass", "label_field": "cpc", "text_fields": ["title", "abstract"], "activate": true}"#.utf8)
        let (status, data) = try await Self.request(
            port: port, "/api/v1/collections/\(collection)/train", method: "POST", token: token, body: body)
        #expect(status == 202, "train: \(String(decoding: data, as: UTF8.self))")
        return try #require(try Self.object(data)["id"] as? String)
    }

    static func request(
        port: Int, _ path: String, method: String = "GET", token: String? = nil, body: Data? = nil
    ) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 600
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data.prefix(300), as: UTF8.self))")
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
