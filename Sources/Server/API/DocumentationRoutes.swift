import Foundation
import HTTPTypes
import Hummingbird

/// The API's OpenAPI 3.1 document (committed in `Resources/openapi.json` and `openapi-<part>.json`), a browsable page of it at
/// `/api/docs`, and the JSON 404 for unknown `/api/v1` paths.
struct DocumentationRoutes {
    let services: ServerServices

    /// `openapi.json`, with the paths, schemas and tags of each part's `openapi-<part>.json` merged in.
    static let document: Data = {
        guard let url = Bundle.module.url(forResource: "Resources/openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url)
        else { return Data("{}".utf8) }
        let directory = url.deletingLastPathComponent()
        let parts = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("openapi-") && $0.hasSuffix(".json") }.sorted()
        guard !parts.isEmpty, var merged = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return data }
        for part in parts {
            guard let partData = try? Data(contentsOf: directory.appendingPathComponent(part)),
                  let fragment = (try? JSONSerialization.jsonObject(with: partData)) as? [String: Any]
            else { continue }
            merged["paths"] = ((merged["paths"] as? [String: Any]) ?? [:]).merging((fragment["paths"] as? [String: Any]) ?? [:]) { a, _ in a }
            var components = (merged["components"] as? [String: Any]) ?? [:]
            for (kind, values) in (fragment["components"] as? [String: Any]) ?? [:] {
                components[kind] = ((components[kind] as? [String: Any]) ?? [:]).merging((values as? [String: Any]) ?? [:]) { a, _ in a }
            }
            merged["components"] = components
            merged["tags"] = ((merged["tags"] as? [Any]) ?? []) + ((fragment["tags"] as? [Any]) ?? [])
        }
        return (try? JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? data
    }()

    /// The page, rendered once from the document (which never changes while the server runs).
    static let page: String = APIDocumentationPage.render(document)

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        api.get("openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.document)))
        }
        router.get("api/docs") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Self.page)))
        }
        // Anything else under /api/v1 gets the documented error shape rather than an empty 404.
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            api.on("**", method: method) { request, _ -> Response in
                throw APIError(
                    .notFound, code: "not_found",
                    "there is no API route \(request.method.rawValue) \(request.uri.path); see /api/docs for the routes")
            }
        }
    }
}

/// Renders an OpenAPI document as one self-contained HTML page: operations grouped by tag with
/// their parameters, bodies, responses and a curl example, then the schemas. It needs no script
/// (a small inline one adds a filter box) and no file from elsewhere.
enum APIDocumentationPage {
    typealias Object = [String: Any]

    static func render(_ data: Data) -> String {
        guard let document = (try? JSONSerialization.jsonObject(with: data)) as? Object else {
            return "<!doctype html><title>IPAI API</title><p>The API description could not be read.</p>"
        }
        return Renderer(document: document).page()
    }

    struct Renderer {
        let document: Object
        let methods = ["get", "post", "put", "patch", "delete"]

        struct Operation {
            var method: String
            var path: String
            var object: Object
            var id: String { object["operationId"] as? String ?? "\(method)-\(path)" }
        }

        var operations: [Operation] {
            let paths = document["paths"] as? Object ?? [:]
            var result: [Operation] = []
            for path in paths.keys.sorted() {
                guard let item = paths[path] as? Object else { continue }
                for method in methods {
                    if let object = item[method] as? Object { result.append(Operation(method: method, path: path, object: object)) }
                }
            }
            return result
        }

        var tags: [(name: String, description: String)] {
            var result: [(name: String, description: String)] = []
            for case let tag as Object in document["tags"] as? [Any] ?? [] {
                if let name = tag["name"] as? String { result.append((name, tag["description"] as? String ?? "")) }
            }
            for operation in operations {
                for case let name as String in operation.object["tags"] as? [Any] ?? [] where !result.contains(where: { $0.name == name }) {
                    result.append((name, ""))
                }
            }
            return result
        }

        func page() -> String {
            let info = document["info"] as? Object ?? [:]
            let title = info["title"] as? String ?? "API"
            let version = info["version"] as? String ?? ""
            let all = operations
            var html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            html += "<title>\(escape(title)) \(escape(version))</title><style>\(Self.style)</style></head><body>"
            html += "<header><h1>\(escape(title)) <small>\(escape(version))</small></h1>"
            html += "<p class=\"links\"><a href=\"/api/v1/openapi.json\">openapi.json</a> · <a href=\"/\">IPAI</a></p></header>"
            html += "<nav aria-label=\"Operations\"><label for=\"filter\" class=\"js-only\" hidden>Filter</label>"
            html += "<input id=\"filter\" class=\"js-only\" type=\"search\" placeholder=\"Filter operations\" hidden>"
            for tag in tags {
                let members = all.filter { ($0.object["tags"] as? [String])?.first == tag.name }
                guard !members.isEmpty else { continue }
                html += "<h2><a href=\"#tag-\(anchor(tag.name))\">\(escape(tag.name))</a></h2><ul>"
                for operation in members {
                    html += "<li data-op=\"\(escape(operation.method + " " + operation.path))\"><a href=\"#\(anchor(operation.id))\">"
                    html += "<span class=\"method \(operation.method)\">\(operation.method.uppercased())</span> \(escape(operation.path))</a></li>"
                }
                html += "</ul>"
            }
            html += "<h2><a href=\"#schemas\">Schemas</a></h2></nav><main>"
            html += "<section class=\"intro\">\(markdown(info["description"] as? String ?? ""))"
            html += "<p>The examples use <code>IPAI=http://host:port</code> and <code>IPAI_TOKEN</code> from POST /api/v1/tokens.</p></section>"
            for tag in tags {
                let members = all.filter { ($0.object["tags"] as? [String])?.first == tag.name }
                guard !members.isEmpty else { continue }
                html += "<section id=\"tag-\(anchor(tag.name))\"><h2>\(escape(tag.name))</h2>"
                if !tag.description.isEmpty { html += "<p>\(escape(tag.description))</p>" }
                for operation in members { html += render(operation) }
                html += "</section>"
            }
            html += schemasSection()
            html += "</main><script>\(Self.script)</script></body></html>\n"
            return html
        }

        // MARK: Operations

        func render(_ operation: Operation) -> String {
            let object = operation.object
            var html = "<article class=\"operation\" id=\"\(anchor(operation.id))\" data-op=\"\(escape(operation.method + " " + operation.path))\">"
            html += "<h3><span class=\"method \(operation.method)\">\(operation.method.uppercased())</span> <code>\(escape(operation.path))</code>"
            html += " <span class=\"summary\">\(escape(object["summary"] as? String ?? ""))</span></h3>"
            html += markdown(object["description"] as? String ?? "")
            html += "<p class=\"auth\"><strong>Authentication:</strong> \(escape(authentication(object)))</p>"

            let parameters = (object["parameters"] as? [Any] ?? []).compactMap { resolve($0) }
            if !parameters.isEmpty {
                html += "<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>"
                for parameter in parameters {
                    let required = parameter["required"] as? Bool ?? false
                    html += "<tr><td><code>\(escape(parameter["name"] as? String ?? ""))</code>\(required ? " <em>required</em>" : "")</td>"
                    html += "<td>\(escape(parameter["in"] as? String ?? ""))</td><td>\(typeHTML(parameter["schema"]))</td>"
                    html += "<td>\(inline(parameter["description"] as? String ?? ""))</td></tr>"
                }
                html += "</tbody></table>"
            }

            if let body = resolve(object["requestBody"] as Any) {
                html += "<h4>Request body\((body["required"] as? Bool ?? false) ? "" : " (optional)")</h4>"
                if let description = body["description"] as? String { html += "<p>\(inline(description))</p>" }
                let content = body["content"] as? Object ?? [:]
                html += "<ul>"
                for type in content.keys.sorted() {
                    let media = content[type] as? Object ?? [:]
                    html += "<li><code>\(escape(type))</code>: \(typeHTML(media["schema"]))</li>"
                }
                html += "</ul>"
                if let example = exampleBody(object) {
                    html += "<details><summary>Example body</summary><pre>\(escape(example.text))</pre></details>"
                }
            }

            html += "<h4>Responses</h4><table><thead><tr><th>Status</th><th>Description</th><th>Body</th></tr></thead><tbody>"
            let responses = object["responses"] as? Object ?? [:]
            for code in responses.keys.sorted() {
                guard let response = resolve(responses[code] as Any) else { continue }
                var body = ""
                for (type, value) in (response["content"] as? Object ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let media = value as? Object ?? [:]
                    body += "<code>\(escape(type))</code> \(typeHTML(media["schema"]))<br>"
                }
                html += "<tr><td class=\"status s\(code.prefix(1))\">\(escape(code))</td>"
                html += "<td>\(inline(response["description"] as? String ?? ""))</td><td>\(body.isEmpty ? "—" : body)</td></tr>"
            }
            html += "</tbody></table>"
            html += "<h4>Example</h4><pre class=\"curl\">\(escape(curl(operation)))</pre></article>"
            return html
        }

        func authentication(_ object: Object) -> String {
            let requirements = (object["security"] as? [Any]) ?? (document["security"] as? [Any]) ?? []
            var role = ""
            if let needed = object["x-required-role"] as? String { role = "; role \(needed) or above" }
            guard !requirements.isEmpty else { return "none" }
            var ways: [String] = []
            for case let requirement as Object in requirements {
                let names = requirement.keys.sorted()
                if names == ["bearerAuth"] { ways.append("API token (Authorization: Bearer)") }
                else if names == ["sessionCookie"] { ways.append("session cookie") }
                else if names.contains("csrfToken") { ways.append("session cookie with X-CSRF-Token header") }
                else { ways.append(names.joined(separator: " + ")) }
            }
            return ways.joined(separator: " or ") + role
        }

        /// A curl command for the operation, with placeholders in capitals.
        func curl(_ operation: Operation) -> String {
            let object = operation.object
            var path = operation.path
            let segments = operation.path.split(separator: "/")
            if let index = segments.firstIndex(of: "{id}"), index > 0 {
                let noun = segments[index - 1].hasSuffix("s") ? String(segments[index - 1].dropLast()) : String(segments[index - 1])
                path = path.replacingOccurrences(of: "{id}", with: "$\(noun.uppercased())_ID")
            }
            path = path.replacingOccurrences(of: "{document}", with: "$DOCUMENT_ID")
            var lines: [String] = []
            var first = "curl"
            if operation.method != "get" { first += " -X \(operation.method.uppercased())" }
            var query: [String] = []
            var getData: [String] = []
            for parameter in (object["parameters"] as? [Any] ?? []).compactMap({ resolve($0) }) {
                guard parameter["in"] as? String == "query", let name = parameter["name"] as? String else { continue }
                if parameter["required"] as? Bool == true {
                    getData.append("--data-urlencode '\(name)=lithium-ion cell with a silicon anode'")
                } else if operation.path.hasSuffix("/imports") && name == "file_name" {
                    query.append("file_name=corpus.jsonl")
                } else if operation.path.hasSuffix("/export") && name == "format" {
                    query.append("format=jsonl")
                }
            }
            if !getData.isEmpty { first += " --get" }
            if operation.path.hasSuffix("/events") { first += " -N" }
            let url = "\"$IPAI\(path)\(query.isEmpty ? "" : "?" + query.joined(separator: "&"))\""
            lines.append("\(first) \(url)")
            let security = (object["security"] as? [Any]) ?? [1]
            if operation.path.hasSuffix("/session") {
                lines.append(operation.method == "post" ? "-c cookies.txt" : "-b cookies.txt")
            } else if !security.isEmpty {
                lines.append("-H \"Authorization: Bearer $IPAI_TOKEN\"")
            }
            lines += getData
            if operation.path.hasSuffix("/imports") {
                lines.append("-H 'Content-Type: application/x-ndjson' --data-binary @corpus.jsonl")
            } else if let example = exampleBody(object) {
                lines.append("-H 'Content-Type: application/json'")
                lines.append("-d '\(example.compact.replacingOccurrences(of: "'", with: "'\\''"))'")
            }
            if operation.path.hasSuffix("/export") { lines.append("-o corpus.jsonl") }
            if operation.path.hasSuffix("/download") { lines.append("-o model.ipaimodel") }
            return lines.joined(separator: " \\\n  ")
        }

        /// The example JSON body of an operation (from the media type or its schema), pretty and compact.
        func exampleBody(_ object: Object) -> (text: String, compact: String)? {
            guard let body = resolve(object["requestBody"] as Any),
                  let media = (body["content"] as? Object)?["application/json"] as? Object
            else { return nil }
            var example = media["example"]
            if example == nil, let schema = resolve(media["schema"] as Any) { example = schema["example"] }
            guard let example, JSONSerialization.isValidJSONObject(example),
                  let pretty = try? JSONSerialization.data(withJSONObject: example, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
                  let compact = try? JSONSerialization.data(withJSONObject: example, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return nil }
            return (String(decoding: pretty, as: UTF8.self), String(decoding: compact, as: UTF8.self))
        }

        // MARK: Schemas

        func schemasSection() -> String {
            let schemas = (document["components"] as? Object)?["schemas"] as? Object ?? [:]
            var html = "<section id=\"schemas\"><h2>Schemas</h2>"
            for name in schemas.keys.sorted() {
                guard let schema = schemas[name] as? Object else { continue }
                html += "<article class=\"schema\" id=\"schema-\(anchor(name))\"><h3>\(escape(name))</h3>"
                if let description = schema["description"] as? String { html += markdown(description) }
                let properties = schema["properties"] as? Object ?? [:]
                let required = Set(schema["required"] as? [String] ?? [])
                if !properties.isEmpty {
                    html += "<table><thead><tr><th>Field</th><th>Type</th><th>Description</th></tr></thead><tbody>"
                    for field in properties.keys.sorted(by: { fieldOrder($0, $1, required) }) {
                        let property = properties[field] as? Object ?? [:]
                        html += "<tr><td><code>\(escape(field))</code>\(required.contains(field) ? " <em>required</em>" : "")</td>"
                        html += "<td>\(typeHTML(property))</td><td>\(inline(property["description"] as? String ?? ""))</td></tr>"
                    }
                    html += "</tbody></table>"
                }
                if let extra = schema["additionalProperties"] as? Object {
                    html += "<p>Other fields: \(typeHTML(extra)).</p>"
                }
                html += "</article>"
            }
            return html + "</section>"
        }

        private func fieldOrder(_ a: String, _ b: String, _ required: Set<String>) -> Bool {
            let x = required.contains(a) ? 0 : 1
            let y = required.contains(b) ? 0 : 1
            return x != y ? x < y : a < b
        }

        /// A schema's type as HTML: a link for references, `array of …`, enums, formats, bounds.
        func typeHTML(_ value: Any?) -> String {
            guard let schema = value as? Object else { return "any" }
            if let reference = schema["$ref"] as? String {
                let name = reference.split(separator: "/").last.map(String.init) ?? reference
                return "<a href=\"#schema-\(anchor(name))\">\(escape(name))</a>"
            }
            if let choices = schema["oneOf"] as? [Any] {
                return choices.map { typeHTML($0) }.joined(separator: " or ")
            }
            let type = schema["type"] as? String ?? "object"
            var text: String
            if type == "array" {
                text = "array of " + typeHTML(schema["items"])
            } else {
                text = escape(type)
                if let format = schema["format"] as? String { text += " (\(escape(format)))" }
            }
            if let values = schema["enum"] as? [Any] {
                text += ": " + values.map { "<code>\(escape("\($0)"))</code>" }.joined(separator: ", ")
            }
            var bounds: [String] = []
            if let minimum = schema["minimum"] { bounds.append("≥ \(minimum)") }
            if let maximum = schema["maximum"] { bounds.append("≤ \(maximum)") }
            if let defaultValue = schema["default"] { bounds.append("default \(defaultValue is Bool ? ((defaultValue as? Bool ?? false) ? "true" : "false") : "\(defaultValue)")") }
            if !bounds.isEmpty { text += " <small>\(escape(bounds.joined(separator: ", ")))</small>" }
            return text
        }

        /// Follows a local `$ref` (parameters, responses, bodies, schemas).
        func resolve(_ value: Any) -> Object? {
            guard let object = value as? Object else { return nil }
            guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
            var current: Any = document
            for part in reference.dropFirst(2).split(separator: "/") {
                guard let next = (current as? Object)?[String(part)] else { return nil }
                current = next
            }
            return current as? Object
        }

        // MARK: Text

        func escape(_ text: String) -> String { HTML.escape(text) }

        func anchor(_ text: String) -> String {
            String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        }

        /// The little Markdown the document uses: `code`, **bold**, paragraphs.
        func markdown(_ text: String) -> String {
            guard !text.isEmpty else { return "" }
            return text.components(separatedBy: "\n\n").map { "<p>\(inline($0))</p>" }.joined()
        }

        func inline(_ text: String) -> String {
            var html = ""
            var code = false
            var bold = false
            let escaped = escape(text)
            var index = escaped.startIndex
            while index < escaped.endIndex {
                let character = escaped[index]
                let next = escaped.index(after: index)
                if character == "`" {
                    html += code ? "</code>" : "<code>"
                    code.toggle()
                } else if character == "*", !code, next < escaped.endIndex, escaped[next] == "*" {
                    html += bold ? "</strong>" : "<strong>"
                    bold.toggle()
                    index = escaped.index(after: next)
                    continue
                } else {
                    html.append(character)
                }
                index = next
            }
            if code { html += "</code>" }
            if bold { html += "</strong>" }
            return html
        }

        static let style = """
            :root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--code:#f6f8fa;--link:#0550ae}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b3;--line:#30363d;--code:#161b22;--link:#79c0ff}}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);display:grid;grid-template-columns:19rem 1fr;grid-template-rows:auto 1fr}
            header{grid-column:1/3;padding:.6rem 1.2rem;border-bottom:1px solid var(--line)}header h1{margin:0;font-size:1.4rem}
            .links{margin:.2rem 0 0}a{color:var(--link)}
            nav{padding:0 1rem 2rem;border-right:1px solid var(--line);font-size:.9rem;position:sticky;top:0;max-height:100vh;overflow:auto}
            nav h2{font-size:1rem;margin:1rem 0 .3rem}nav ul{list-style:none;margin:0;padding:0}nav li{margin:.15rem 0}nav a{text-decoration:none}
            #filter{width:100%;margin-top:1rem;padding:.3rem;box-sizing:border-box}
            main{padding:0 1.5rem 4rem;max-width:62rem;min-width:0}
            .operation,.schema{border:1px solid var(--line);border-radius:6px;padding:.2rem 1rem .8rem;margin:1rem 0}
            h3{font-size:1.05rem}.summary{font-weight:normal;color:var(--muted)}
            .method{display:inline-block;min-width:3.6rem;text-align:center;font:600 .75rem/1.6 ui-monospace,monospace;border-radius:4px;color:#fff;background:#57606a}
            .method.get{background:#0969da}.method.post{background:#1a7f37}.method.patch{background:#9a6700}.method.delete{background:#cf222e}.method.put{background:#8250df}
            table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0}th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:start;vertical-align:top}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em}pre{background:var(--code);padding:.6rem;overflow:auto;border-radius:4px}
            td.status{font-weight:600}td.s2{color:#1a7f37}td.s4{color:#cf222e}em{color:var(--muted);font-size:.8em}
            @media (max-width:50rem){body{display:block}nav{position:static;max-height:none;border:0}}
            """

        /// Progressive enhancement only: a filter box over the operations.
        static let script = """
            (function(){var f=document.getElementById('filter');if(!f)return;
            document.querySelectorAll('.js-only').forEach(function(e){e.hidden=false});
            f.addEventListener('input',function(){var q=f.value.toLowerCase();
            document.querySelectorAll('[data-op]').forEach(function(e){var t=(e.getAttribute('data-op')+' '+e.textContent).toLowerCase();e.style.display=t.indexOf(q)<0?'none':''});});})();
            """
    }
}
