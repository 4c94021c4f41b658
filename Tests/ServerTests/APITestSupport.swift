import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Server

/// A server in a temporary data directory, for one test.
struct TestServer {
    /// Builds the application (demo model only when asked: it trains for about a second) and runs
    /// `body` against its router, with the job runner running.
    static func run<Value: Sendable>(
        demo: Bool = false, configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (API) async throws -> Value
    ) async throws -> Value {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-api-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = ServerConfiguration(
            dataDirectory: directory, installDemo: demo, passwordIterations: 1000, jobPollInterval: .milliseconds(100))
        configure(&configuration)
        let built = try await buildApplication(configuration)
        let password = try #require(built.administratorPassword)
        let services = built.services
        return try await built.application.test(.router) { client in
            try await body(API(client: client, adminPassword: password, services: services))
        }
    }
}

/// A parsed response.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:] }
    var array: [Any] { ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [Any]) ?? [] }
    subscript(key: String) -> Any? { object[key] }
    func string(_ key: String) -> String? { object[key] as? String }
    /// `error.code` of an error reply.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }
    /// `items` of a page.
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
}

/// Credentials to send.
enum Credentials: Sendable {
    case none
    case token(String)
    /// A session cookie, with the CSRF token or without (nil).
    case session(cookie: String, csrf: String?)
}

/// The API of a test server, with JSON conveniences.
struct API: Sendable {
    let client: any TestClientProtocol
    let adminPassword: String
    let services: ServerServices

    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ path: String, as credentials: Credentials, json: String? = nil, raw: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        switch credentials {
        case .none: break
        case .token(let token): headers[.authorization] = "Bearer \(token)"
        case .session(let cookie, let csrf):
            headers[.cookie] = "ipai_session=\(cookie)"
            if let csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        }
        var body: ByteBuffer? = nil
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let raw {
            body = ByteBuffer(string: raw)
        }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Signs in; returns the reply, the session cookie and the CSRF token.
    func signIn(_ username: String, _ password: String) async throws -> (reply: Reply, cookie: String?, csrf: String?) {
        let body = try jsonText(["username": username, "password": password])
        let reply = try await request(.post, "/api/v1/session", as: .none, json: body)
        var cookie: String? = nil
        if let header = reply.headers[.setCookie], let range = header.range(of: "ipai_session=") {
            cookie = String(header[range.upperBound...].prefix { $0 != ";" })
        }
        return (reply, cookie, reply.string("csrf_token"))
    }

    /// An administrator's API token (signing in as admin with the one-time password).
    func adminToken(ratePerMinute: Int? = nil) async throws -> String {
        let session = try await signIn("admin", adminPassword)
        let cookie = try #require(session.cookie)
        var body: [String: Any] = ["name": "tests"]
        if let ratePerMinute { body["rate_per_minute"] = ratePerMinute }
        let reply = try await request(.post, "/api/v1/tokens", as: .session(cookie: cookie, csrf: session.csrf), json: try jsonText(body))
        #expect(reply.status == .created, "\(reply.body)")
        return try #require(reply.string("token"))
    }

    /// A new user with `role` and an API token for them.
    func token(forNewUser name: String, role: String, admin: String) async throws -> String {
        let created = try await request(
            .post, "/api/v1/users", as: .token(admin), json: try jsonText(["username": name, "role": role, "password": "a long password 1"]))
        #expect(created.status == .created, "\(created.body)")
        let session = try await signIn(name, "a long password 1")
        let cookie = try #require(session.cookie)
        let reply = try await request(.post, "/api/v1/tokens", as: .session(cookie: cookie, csrf: session.csrf), json: #"{"name":"t"}"#)
        return try #require(reply.string("token"))
    }

    /// Creates a collection; returns its id.
    func createCollection(_ name: String, token: String) async throws -> String {
        let reply = try await request(.post, "/api/v1/collections", as: .token(token), json: try jsonText(["name": name]))
        #expect(reply.status == .created, "\(reply.body)")
        return try #require(reply.string("id"))
    }

    /// Uploads a file to a collection and waits for the import job; returns the finished job.
    func importFile(
        _ text: String, collection: String, token: String, query: String = "", contentType: String? = nil
    ) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        let reply = try await request(
            .post, "/api/v1/collections/\(collection)/imports\(query)", as: .token(token), raw: text, headers: headers)
        #expect(reply.status == .accepted, "\(reply.body)")
        return try await waitForJob(try #require(reply.string("id")), token: token)
    }

    /// Polls a job until it ends (at most `seconds`).
    func waitForJob(_ id: String, token: String, seconds: Double = 60) async throws -> Reply {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            let reply = try await request(.get, "/api/v1/jobs/\(id)", as: .token(token))
            let status = reply.string("status") ?? ""
            if ["done", "failed", "cancelled"].contains(status) { return reply }
            if ContinuousClock.now > deadline {
                Issue.record("job \(id) still \(status) after \(seconds) s")
                return reply
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Every item of a paged list, following `next_cursor` with `limit`.
    func allPages(_ path: String, limit: Int, token: String) async throws -> (items: [[String: Any]], pages: Int) {
        var items: [[String: Any]] = []
        var cursor: String? = nil
        var pages = 0
        repeat {
            let separator = path.contains("?") ? "&" : "?"
            let reply = try await request(
                .get, "\(path)\(separator)limit=\(limit)\(cursor.map { "&cursor=\($0)" } ?? "")", as: .token(token))
            #expect(reply.status == .ok, "\(reply.body)")
            items += reply.items
            cursor = reply.string("next_cursor")
            pages += 1
        } while cursor != nil && pages < 1000
        return (items, pages)
    }
}

func jsonText(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

/// The demo corpus shipped with the server (52 documents with `ipc` lists), as JSON lines.
enum DemoCorpus {
    static let lines: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Server/Resources/Demo/patents.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }()

    static var text: String { lines.joined(separator: "\n") + "\n" }
}
