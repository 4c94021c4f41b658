import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@testable import Server

/// A server in a temporary data directory for one web test, with a signed-in session helper.
struct WebTestServer {
    static func run(demo: Bool = false, _ body: @escaping @Sendable (WebClient) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = ServerConfiguration(
            dataDirectory: directory, installDemo: demo, passwordIterations: 1000, jobPollInterval: .milliseconds(100),
            runsJobs: false)
        let built = try await buildApplication(configuration)
        let password = try #require(built.administratorPassword)
        let services = built.services
        try await built.application.test(.router) { client in
            try await body(WebClient(client: client, adminPassword: password, services: services))
        }
    }
}

struct WebReply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    var location: String? { headers[.location] }
    /// The value of a cookie this reply sets.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .setCookie] {
            guard let range = header.range(of: "\(name)=") , header.hasPrefix(name + "=") else { continue }
            return String(header[range.upperBound...].prefix { $0 != ";" })
        }
        return nil
    }
    /// The `_csrf` value of the first form on the page.
    var formToken: String? {
        guard let range = body.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }
}

struct WebClient: Sendable {
    let client: any TestClientProtocol
    let adminPassword: String
    let services: ServerServices

    func send(
        _ method: HTTPRequest.Method, _ path: String, cookies: [String: String] = [:], form: [(String, String)]? = nil,
        body: ByteBuffer? = nil, contentType: String? = nil
    ) async throws -> WebReply {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var payload = body
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            payload = ByteBuffer(string: form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        } else if let contentType {
            headers[.contentType] = contentType
        }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: payload)
        return WebReply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A user who need not change their password, signed in through the API: the session cookie.
    func session(role: Role, name: String = "alice") async throws -> String {
        _ = try await services.store.createUser(
            username: name, passwordHash: services.hasher.hash("a long password 1"), role: role, mustChangePassword: false)
        let reply = try await send(
            .post, "/api/v1/session", body: ByteBuffer(string: #"{"username":"\#(name)","password":"a long password 1"}"#),
            contentType: "application/json")
        return try #require(reply.cookie("ipai_session"))
    }
}

@Suite("Web pages")
struct WebTests {
    @Test("A page without a session redirects to the sign-in page, remembering where it was")
    func webLoginRedirect() async throws {
        try await WebTestServer.run { web in
            let reply = try await web.send(.get, "/collections?cursor=5")
            #expect(reply.status == .seeOther)
            #expect(reply.location == "/login?next=%2Fcollections%3Fcursor%3D5")
            let login = try await web.send(.get, "/login?next=%2Fcollections")
            #expect(login.status == .ok)
            #expect(login.body.contains("<label for=\"username\">"))
            #expect(login.cookie(LoginCSRF.cookieName) != nil)
        }
    }

    @Test("The sign-in form needs its CSRF cookie and token; the first administrator must change the password")
    func webLoginCSRFAndForcedPasswordChange() async throws {
        try await WebTestServer.run { web in
            let form = [("username", "admin"), ("password", web.adminPassword), ("next", "/jobs")]
            let forged = try await web.send(.post, "/login", form: form + [("_csrf", "guessed-token-guessed-token")])
            #expect(forged.status == .forbidden)
            #expect(forged.cookie("ipai_session") == nil)

            let page = try await web.send(.get, "/login")
            let csrfCookie = try #require(page.cookie(LoginCSRF.cookieName))
            let token = try #require(page.formToken)
            let wrong = try await web.send(
                .post, "/login", cookies: [LoginCSRF.cookieName: csrfCookie],
                form: [("username", "admin"), ("password", "wrong password"), ("_csrf", token)])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("Unknown user name or wrong password"))

            let signedIn = try await web.send(.post, "/login", cookies: [LoginCSRF.cookieName: csrfCookie], form: form + [("_csrf", token)])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/password?next=%2Fjobs")
            let session = try #require(signedIn.cookie("ipai_session"))
            // Every page sends the administrator to the password form until it is changed.
            let jobs = try await web.send(.get, "/jobs", cookies: ["ipai_session": session])
            #expect(jobs.location?.hasPrefix("/password") == true)
            let passwordPage = try await web.send(.get, "/password", cookies: ["ipai_session": session])
            let csrf = try #require(passwordPage.formToken)
            let changed = try await web.send(
                .post, "/password", cookies: ["ipai_session": session],
                form: [("_csrf", csrf), ("current", web.adminPassword), ("new", "a new long password"), ("confirm", "a new long password"), ("next", "/jobs")])
            #expect(changed.status == .seeOther)
            #expect(changed.location == "/jobs")
            let after = try await web.send(.get, "/jobs", cookies: ["ipai_session": session])
            #expect(after.status == .ok)
        }
    }

    @Test("A form sent without the session's CSRF token is rejected with a 403 page")
    func webFormWithoutTokenRejected() async throws {
        try await WebTestServer.run { web in
            let session = try await web.session(role: .examiner)
            let cookies = ["ipai_session": session]
            let rejected = try await web.send(.post, "/collections", cookies: cookies, form: [("name", "Forged")])
            #expect(rejected.status == .forbidden)
            #expect(rejected.body.contains("<html"))
            #expect(try await web.services.store.collection(named: "Forged") == nil)

            let page = try await web.send(.get, "/collections", cookies: cookies)
            let token = try #require(page.formToken)
            let created = try await web.send(.post, "/collections", cookies: cookies, form: [("_csrf", token), ("name", "Mine")])
            #expect(created.status == .seeOther)
            let collection = try #require(try await web.services.store.collection(named: "Mine"))
            #expect(created.location == "/collections/\(collection.id)")
        }
    }

    @Test("An administrator deletes a collection only with the confirmation ticked")
    func webDeleteCollection() async throws {
        try await WebTestServer.run { web in
            let session = try await web.session(role: .administrator)
            let cookies = ["ipai_session": session]
            let collection = try await web.services.store.createCollection(name: "Old", description: "", createdBy: nil)
            let page = try await web.send(.get, "/collections/\(collection.id)", cookies: cookies)
            #expect(page.body.contains("id=\"delete-form\""))
            let token = try #require(page.formToken)
            let unconfirmed = try await web.send(.post, "/collections/\(collection.id)/delete", cookies: cookies, form: [("_csrf", token)])
            #expect(unconfirmed.status == .badRequest)
            #expect(try await web.services.store.collection(id: collection.id) != nil)
            let deleted = try await web.send(
                .post, "/collections/\(collection.id)/delete", cookies: cookies, form: [("_csrf", token), ("confirm", "yes")])
            #expect(deleted.location == "/collections")
            #expect(try await web.services.store.collection(id: collection.id) == nil)
        }
    }

    @Test("A viewer sees no change forms and gets a 403 page on administration pages")
    func webViewerRestrictions() async throws {
        try await WebTestServer.run { web in
            let session = try await web.session(role: .viewer, name: "victor")
            let collection = try await web.services.store.createCollection(name: "Read only", description: "", createdBy: nil)
            let page = try await web.send(.get, "/collections/\(collection.id)", cookies: ["ipai_session": session])
            #expect(page.status == .ok)
            #expect(!page.body.contains("id=\"train-form\""))
            #expect(!page.body.contains("id=\"import-form\""))
            #expect(!page.body.contains("id=\"delete-form\""))
            let admin = try await web.send(.get, "/admin/users", cookies: ["ipai_session": session])
            #expect(admin.status == .forbidden)
            #expect(admin.body.contains("Not allowed"))
        }
    }

    @Test("Pages render in Chinese with ?lang=zh, which is remembered in a cookie")
    func webChinese() async throws {
        try await WebTestServer.run { web in
            let session = try await web.session(role: .viewer)
            let page = try await web.send(.get, "/?lang=zh", cookies: ["ipai_session": session])
            #expect(page.status == .ok)
            #expect(page.body.contains("<html lang=\"zh\" dir=\"ltr\">"))
            #expect(page.body.contains("获取分类建议"))
            #expect(page.cookie("ipai_lang") == "zh")
            let again = try await web.send(.get, "/jobs", cookies: ["ipai_session": session, "ipai_lang": "zh"])
            #expect(again.body.contains("<h1>任务</h1>"))
        }
    }

    @Test("The classify page shows suggestions with titles, bars, parent chains and highlighted decisive terms")
    func webClassifyHighlights() async throws {
        try await WebTestServer.run(demo: true) { web in
            let session = try await web.session(role: .viewer)
            let cookies = ["ipai_session": session]
            let token = try #require(try await web.send(.get, "/", cookies: cookies).formToken)
            let boundary = "web-test-boundary"
            var body = ""
            for (name, value) in [("_csrf", token), ("text", "A lithium battery cell with a silicon anode"), ("count", "3")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
            body += "--\(boundary)--\r\n"
            let reply = try await web.send(
                .post, "/", cookies: cookies, body: ByteBuffer(string: body), contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(reply.status == .ok)
            #expect(reply.body.contains("data-symbol=\"H01M\""))
            #expect(reply.body.contains("<span class=\"title\">"))
            #expect(reply.body.contains("<ol class=\"chain\""))
            #expect(reply.body.contains("<span style=\"width: "))
            #expect(reply.body.contains("<mark class=\"term\" data-s=\"0"))
            #expect(reply.body.contains(">lithium</mark>"))
        }
    }

    @Test("Highlighting marks UTF-8 byte ranges, merging overlaps, escaping the rest")
    func webHighlight() {
        let text = "锂电池 <b> & silicon anode"
        let lithium = 0..<9  // 锂电池: three characters of three bytes
        let silicon = Array("锂电池 <b> & ".utf8).count..<Array("锂电池 <b> & silicon".utf8).count
        let pair = silicon.lowerBound..<text.utf8.count
        let html = Highlight.render(text, marks: [
            .init(range: lithium, suggestion: 1, term: "锂电"), .init(range: silicon, suggestion: 0, term: "silicon"),
            .init(range: pair, suggestion: 2, term: "silicon anod"), .init(range: 500..<600, suggestion: 0, term: "out of range"),
        ])
        #expect(html == "<mark class=\"term\" data-s=\"1\" title=\"锂电\">锂电池</mark> &lt;b&gt; &amp; "
            + "<mark class=\"term\" data-s=\"0 2\" title=\"silicon, silicon anod\">silicon anode</mark>")
    }

    @Test("Right-to-left languages get dir=rtl; every page links to every language")
    func webDirection() {
        let arabic = Layout.document("t", PageContext(language: "ar"), bodyClass: "", content: "")
        #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
        let english = Layout.document("t", PageContext(language: "en", path: "/jobs"), bodyClass: "", content: "")
        #expect(english.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(english.contains("href=\"/jobs?lang=zh\""))
    }

    @Test("Multipart form bodies yield fields and files")
    func webMultipart() throws {
        let body = "--XY\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nline one\r\nline two\r\n"
            + "--XY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n电池\r\n--XY--\r\n"
        let form = try Multipart.parse(Array(body.utf8), boundary: "XY")
        #expect(form.raw("text") == "line one\r\nline two")
        #expect(form.files["file"]?.fileName == "a.txt")
        #expect(form.files["file"].map { String(decoding: $0.bytes, as: UTF8.self) } == "电池")
    }

    @Test("Every message key the pages use is in the English catalogue")
    func webCatalogues() throws {
        let english = try #require(Localization.catalogues["en"])
        let chinese = try #require(Localization.catalogues["zh"])
        // Every language has every English key: LanguageTests. Here: every key the pages use exists.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Server")
        guard let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return }
        // Every quoted `area.name` string in the pages is a message key (`t("…")` and the column lists);
        // file names (`floor.js`) and `label("prefix", value)` prefixes are not.
        let pattern = try NSRegularExpression(pattern: #"(?<!label\()"([a-z]+\.[a-zA-Z0-9]+(?:\.[a-zA-Z]+)*)""#)
        let fileExtensions: Set<String> = ["js", "css", "json", "csv", "pdf", "html", "tsv", "jsonl", "sqlite", "txt", "svg"]
        var used = Set<String>()
        for case let file as URL in enumerator where file.pathExtension == "swift" {
            let path = file.path
            guard path.contains("/Web/") || path.contains("/Pages/") || path.hasSuffix("Pages.swift") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let key = String(text[range])
                if let last = key.split(separator: ".").last, fileExtensions.contains(String(last)) { continue }
                used.insert(key)
            }
        }
        #expect(used.count > 100)
        for key in used.sorted() {
            #expect(english[key] != nil, "missing English message \(key)")
        }
        for status in JobStatus.allCases { #expect(chinese["status.\(status.rawValue)"] != nil) }
        for role in Role.allCases { #expect(chinese["role.\(role.rawValue)"] != nil) }
    }
}
