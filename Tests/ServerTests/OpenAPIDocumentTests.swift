import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import Server

@Suite("API: the OpenAPI document and the docs page")
struct OpenAPIDocumentTests {
    static let methods = ["get", "post", "put", "patch", "delete"]

    static var document: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: DocumentationRoutes.document)) as? [String: Any]) ?? [:]
    }

    /// "GET /api/v1/collections/{id}" for every operation in the document.
    static var documented: Set<String> {
        var result: Set<String> = []
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for method in methods where (item as? [String: Any])?[method] != nil { result.insert("\(method.uppercased()) \(path)") }
        }
        return result
    }

    @Test("every route registered under /api/v1 is in openapi.json with its method, and nothing else is")
    func routesMatchDocument() async throws {
        try await TestServer.run { api in
            // The same route sets buildApplication registers under /api/v1.
            let router = Router(context: AppRequestContext.self)
            addRoutes(to: router, services: api.services)
            var registered: Set<String> = []
            for route in router.routes where route.path.description.hasPrefix("/api/v1/") && route.method != .head {
                guard !route.path.description.hasSuffix("**") else { continue }  // the JSON 404 for unknown paths
                registered.insert("\(route.method.rawValue) \(route.path.description)")
            }
            let documented = Self.documented
            #expect(registered.count >= 30)
            #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
            #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")

            // And the running application answers each documented operation (not the router's 404).
            for operation in documented.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!
                let path = String(parts[1]).replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{document}", with: "d")
                let reply = try await api.request(method, path, as: .none)
                #expect(!(reply.status == .notFound && reply.body.isEmpty), "\(operation) is not routed")
                #expect(reply.errorMessage?.contains("there is no API route") != true, "\(operation) is not routed")
            }
        }
    }

    @Test("the document is OpenAPI 3.1 with the error schema, security schemes and responses on every operation")
    func documentShape() throws {
        let document = Self.document
        #expect(document["openapi"] as? String == "3.1.0")
        let components = try #require(document["components"] as? [String: Any])
        let schemes = try #require(components["securitySchemes"] as? [String: Any])
        #expect(Set(schemes.keys) == ["bearerAuth", "sessionCookie", "csrfToken"])
        let schemas = try #require(components["schemas"] as? [String: Any])
        for name in ["Error", "Collection", "Job", "Model", "ClassifyResponse", "IPCCATResult", "DocumentPage"] {
            #expect(schemas[name] != nil, "\(name)")
        }
        let serialized = String(decoding: DocumentationRoutes.document, as: UTF8.self)
        // Every local reference resolves.
        let pattern = try NSRegularExpression(pattern: "\"\\$ref\" *: *\"#/components/([a-zA-Z]+)/([A-Za-z0-9_]+)\"")
        let range = NSRange(serialized.startIndex..., in: serialized)
        var references = 0
        for match in pattern.matches(in: serialized, range: range) {
            let kind = String(serialized[Range(match.range(at: 1), in: serialized)!])
            let name = String(serialized[Range(match.range(at: 2), in: serialized)!])
            #expect((components[kind] as? [String: Any])?[name] != nil, "#/components/\(kind)/\(name)")
            references += 1
        }
        #expect(references > 50)
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, value) in item as? [String: Any] ?? [:] {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path)")
                #expect(responses["401"] != nil, "\(method) \(path): an unknown token gets 401 on every route")
                #expect(operation["operationId"] is String)
                #expect((operation["tags"] as? [String])?.count == 1)
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let declared = parameters.count
                let placeholders = path.filter { $0 == "{" }.count
                #expect(declared >= placeholders, "\(method) \(path) declares its path parameters")
            }
        }
    }

    @Test(
        "openapi.json passes openapi-spec-validator",
        .enabled(if: OpenAPIDocumentTests.validatorAvailable, "pip install openapi-spec-validator to run"))
    func validator() throws {
        let script = Self.repository.appendingPathComponent("scripts/validate-openapi")
        let (status, output) = try Self.run(["/bin/sh", script.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("valid OpenAPI 3.1.0"))
    }

    @Test("GET /api/v1/openapi.json and /api/docs need no sign-in; the page lists every operation with a curl example")
    func servedDocumentation() async throws {
        try await TestServer.run { api in
            let json = try await api.request(.get, "/api/v1/openapi.json", as: .none)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(json.body == String(decoding: DocumentationRoutes.document, as: UTF8.self))

            let page = try await api.request(.get, "/api/docs", as: .none)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = page.body
            for operation in Self.documented {
                let parts = operation.split(separator: " ", maxSplits: 1)
                #expect(html.contains(">\(parts[0])</span> <code>\(parts[1])</code>"), "\(operation) is on the page")
            }
            #expect(html.components(separatedBy: "<pre class=\"curl\">").count - 1 == Self.documented.count)
            #expect(html.contains("curl -X POST &quot;$IPAI/api/v1/classify&quot;"))
            for tag in ["Classification", "Collections", "Documents", "Models", "Jobs", "Account", "Administration"] {
                #expect(html.contains("id=\"tag-\(tag)\""), "\(tag)")
            }
            // Self-contained: nothing loaded from elsewhere.
            #expect(!html.contains("src=\"http"))
            #expect(!html.contains("<link"))
            #expect(!html.contains("src="), "no external scripts or images")
        }
    }

    // MARK: Helpers

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let validatorAvailable: Bool = {
        (try? run(["/usr/bin/env", "python3", "-c", "import openapi_spec_validator"]).status) == 0
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
