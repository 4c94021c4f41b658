import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

/// The message catalogues as files in the source tree, read at test time: `en.json` and `<part>.en.json`
/// are the reference, every other language has one file beside each of them.
struct CatalogueFiles {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Server/Resources/Localization")

    /// The six UN languages, in the order of the language menu.
    static let languages = ["en", "zh", "fr", "es", "ru", "ar"]

    /// The English catalogues present now: "" for the core file, else the part's name (`floor`, `consultation`, …).
    static func englishParts() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return names.filter { $0 == "en.json" || $0.hasSuffix(".en.json") }.sorted()
            .map { $0 == "en.json" ? "" : String($0.dropLast(".en.json".count)) }
    }

    static func fileName(part: String, language: String) -> String {
        part.isEmpty ? "\(language).json" : "\(part).\(language).json"
    }

    /// A catalogue file as key → text; throws if it is not a flat JSON object of strings.
    static func load(part: String, language: String) throws -> [String: String]? {
        let url = directory.appendingPathComponent(fileName(part: part, language: language))
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require(object as? [String: String], "\(url.lastPathComponent) must be a flat object of strings")
    }

    /// `{0}`, `{1}`, … of a message, sorted (a message may use one twice).
    static func placeholders(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let inside = after[..<close]
            if !inside.isEmpty, inside.allSatisfy(\.isASCII), inside.allSatisfy(\.isNumber) { found.append("{\(inside)}") }
            rest = after[after.index(after: close)...]
        }
        return found.sorted()
    }

    /// Whether a message holds markup (messages are escaped when shown, so a tag would show as text).
    static func hasMarkup(_ text: String) -> Bool {
        text.range(of: #"<[a-zA-Z/!]"#, options: .regularExpression) != nil
    }
}

@Suite("Languages: six UN languages, Arabic right to left")
struct LanguageTests {
    static let translated = CatalogueFiles.languages.filter { $0 != "en" }

    @Test("Every English catalogue (core and each part) has a file in each of the five other languages with exactly its keys",
          arguments: translated)
    func catalogueKeys(language: String) throws {
        let parts = try CatalogueFiles.englishParts()
        #expect(parts.contains(""), "en.json is missing")
        for part in parts {
            let english = try #require(try CatalogueFiles.load(part: part, language: "en"))
            let file = CatalogueFiles.fileName(part: part, language: language)
            guard let catalogue = try CatalogueFiles.load(part: part, language: language) else {
                Issue.record("\(file) is missing: \(english.count) messages of \(CatalogueFiles.fileName(part: part, language: "en")) are untranslated")
                continue
            }
            let missing = Set(english.keys).subtracting(catalogue.keys).sorted()
            let extra = Set(catalogue.keys).subtracting(english.keys).sorted()
            let (missingCount, extraCount) = (missing.count, extra.count)
            #expect(missingCount == 0, "\(file) lacks \(missing.count) keys: \(missing.prefix(20).joined(separator: ", "))")
            #expect(extraCount == 0, "\(file) has keys English no longer has: \(extra.prefix(20).joined(separator: ", "))")
        }
    }

    @Test("Every translation keeps its English message's placeholders, has text and holds no markup", arguments: translated)
    func cataloguePlaceholders(language: String) throws {
        for part in try CatalogueFiles.englishParts() {
            let english = try #require(try CatalogueFiles.load(part: part, language: "en"))
            guard let catalogue = try CatalogueFiles.load(part: part, language: language) else { continue }
            let file = CatalogueFiles.fileName(part: part, language: language)
            for (key, text) in catalogue.sorted(by: { $0.key < $1.key }) {
                guard let source = english[key] else { continue }
                #expect(
                    CatalogueFiles.placeholders(text) == CatalogueFiles.placeholders(source),
                    "\(file) \(key): “\(text)” must use the placeholders of “\(source)”")
                #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(file) \(key) is empty")
                #expect(!CatalogueFiles.hasMarkup(text), "\(file) \(key) holds markup: \(text)")
            }
        }
    }

    @Test("No message key is defined by two English catalogues (pages would show whichever file loads first)")
    func keysBelongToOnePart() throws {
        var owner: [String: String] = [:]
        for part in try CatalogueFiles.englishParts() {
            let file = CatalogueFiles.fileName(part: part, language: "en")
            for key in try #require(try CatalogueFiles.load(part: part, language: "en")).keys {
                if let first = owner[key] { Issue.record("\(key) is in both \(first) and \(file)") }
                owner[key] = file
            }
        }
    }

    @Test("The server loads all six languages, in menu order, and Arabic alone is right to left")
    func languagesLoaded() {
        #expect(Localization.languages.map(\.code) == CatalogueFiles.languages)
        for code in CatalogueFiles.languages {
            #expect(PageContext(language: code).rightToLeft == (code == "ar"), "direction of \(code)")
        }
        // The loaded catalogues (built from the resource files) have every English key in every language.
        let english = Set(Localization.catalogues["en"].map { Array($0.keys) } ?? [])
        #expect(english.count > 200)
        for code in Self.translated {
            let keys = Set(Localization.catalogues[code].map { Array($0.keys) } ?? [])
            let missing = english.subtracting(keys).sorted()
            let missingCount = missing.count
            #expect(missingCount == 0, "\(code) lacks \(missing.count) keys: \(missing.prefix(20).joined(separator: ", "))")
        }
    }

    @Test("A page asked for with ?lang=ar is Arabic and right to left, links the RTL style sheet, and remembers the choice")
    func arabicPage() async throws {
        try await WebTestServer.run { web in
            let page = try await web.send(.get, "/login?lang=ar")
            #expect(page.status == .ok)
            #expect(page.body.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(page.body.contains("<h1>تسجيل الدخول</h1>"))
            #expect(page.cookie("ipai_lang") == "ar")
            let ipai = try #require(page.body.range(of: "href=\"/static/ipai.css?"))
            let rtl = try #require(page.body.range(of: "href=\"/static/rtl.css?"))
            #expect(ipai.lowerBound < rtl.lowerBound, "rtl.css must come after ipai.css")
            // The cookie keeps the language on the next page, without ?lang=.
            let next = try await web.send(.get, "/login", cookies: ["ipai_lang": "ar"])
            #expect(next.body.contains("<html lang=\"ar\" dir=\"rtl\">"))
        }
    }

    @Test("The language menu lists the six languages, each in its own name and script, linking to the same page")
    func languageMenu() async throws {
        try await WebTestServer.run { web in
            let page = try await web.send(.get, "/login?lang=ar")
            let menuStart = try #require(page.body.range(of: "<nav class=\"languages\""))
            let menuEnd = try #require(page.body.range(of: "</nav>", range: menuStart.upperBound..<page.body.endIndex))
            let menuHTML = String(page.body[menuStart.lowerBound..<menuEnd.upperBound])
            #expect(menuHTML.contains("aria-label=\"اللغة\""))
            let names = ["en": "English", "zh": "中文", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية"]
            var positions: [String.Index] = []
            for code in CatalogueFiles.languages {
                let link = "<a href=\"/login?lang=\(code)\" hreflang=\"\(code)\" lang=\"\(code)\""
                let found = try #require(menuHTML.range(of: link), "the menu lacks \(code)")
                positions.append(found.lowerBound)
                #expect(menuHTML.contains(">\(names[code]!)</a>"), "the menu names \(code) \(names[code]!)")
            }
            #expect(positions == positions.sorted(), "menu order en, zh, fr, es, ru, ar")
            #expect(menuHTML.contains("lang=\"ar\" aria-current=\"true\""))
        }
    }

    @Test("Each language renders the sign-in page in its own words, left to right except Arabic",
          arguments: [
            ("en", "Sign in"), ("zh", "登录"), ("fr", "Connexion"), ("es", "Iniciar sesión"), ("ru", "Вход"), ("ar", "تسجيل الدخول"),
          ])
    func pageInEachLanguage(language: String, title: String) async throws {
        try await WebTestServer.run { web in
            let page = try await web.send(.get, "/login?lang=\(language)")
            #expect(page.status == .ok)
            let direction = language == "ar" ? "rtl" : "ltr"
            #expect(page.body.contains("<html lang=\"\(language)\" dir=\"\(direction)\">"))
            #expect(page.body.contains("<h1>\(title)</h1>"))
        }
    }

    @Test("The public pages of the Conversation, consultations and initiatives index have their heading in each language",
          arguments: ["/conversations", "/consultations", "/initiatives", "/signup"])
    func publicPagesTranslated(path: String) async throws {
        try await WebTestServer.run { web in
            let english = try await web.send(.get, path + "?lang=en")
            #expect(english.status == .ok)
            let englishHeading = try #require(Self.heading(english.body), "\(path) has no <h1>")
            for language in Self.translated {
                let page = try await web.send(.get, path + "?lang=\(language)")
                #expect(page.status == .ok)
                #expect(page.body.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"))
                // The heading is the translation of the message English shows there (some words are the same in French).
                let keys = (Localization.catalogues["en"] ?? [:]).filter { HTML.escape($0.value) == englishHeading }.map(\.key)
                let expected = Set(keys.map { HTML.escape(Localization.text($0, language)) })
                let heading = Self.heading(page.body) ?? ""
                #expect(!keys.isEmpty && expected.contains(heading), "\(path)?lang=\(language): heading “\(heading)”, expected one of \(expected.sorted())")
            }
        }
    }

    /// The text of a page's `<h1>`.
    static func heading(_ body: String) -> String? {
        guard let open = body.range(of: "<h1>"), let close = body.range(of: "</h1>", range: open.upperBound..<body.endIndex) else { return nil }
        return String(body[open.upperBound..<close.lowerBound])
    }

    @Test("Accept-Language picks a UN language by its primary tag (ar-EG → Arabic, fr-CH → French)")
    func acceptLanguage() async throws {
        try await WebTestServer.run { web in
            for (header, expected) in [("ar-EG,ar;q=0.9,en;q=0.5", "ar"), ("fr-CH, fr;q=0.9", "fr"), ("de-DE,es;q=0.8", "es"), ("ja", "en")] {
                let response = try await web.client.executeRequest(
                    uri: "/login", method: .get, headers: [.acceptLanguage: header], body: nil)
                let body = String(buffer: response.body)
                let direction = expected == "ar" ? "rtl" : "ltr"
                #expect(body.contains("<html lang=\"\(expected)\" dir=\"\(direction)\">"), "Accept-Language: \(header)")
            }
        }
    }

    @Test("rtl.css is served as a style sheet and only changes right-to-left pages or text in another script")
    func rightToLeftStyleSheet() async throws {
        try await WebTestServer.run { web in
            let sheet = try await web.send(.get, "/static/rtl.css")
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentType]?.hasPrefix("text/css") == true)
            // Every rule is scoped: to [dir="rtl"], to an element's own language, or to Arabic pages (:lang(ar)).
            var css = sheet.body
            while let open = css.range(of: "/*"), let close = css.range(of: "*/", range: open.upperBound..<css.endIndex) {
                css.removeSubrange(open.lowerBound..<close.upperBound)
            }
            var selectors: [String] = []
            var depth = 0
            var current = ""
            for character in css {
                if character == "{" {
                    if depth == 0 { selectors.append(current.trimmingCharacters(in: .whitespacesAndNewlines)) }
                    depth += 1
                    current = ""
                } else if character == "}" {
                    depth -= 1
                    current = ""
                } else if depth == 0 {
                    current.append(character)
                }
            }
            #expect(selectors.count > 5)
            for selector in selectors {
                for alternative in Self.topLevelList(selector) {
                    let scoped = alternative.hasPrefix("[dir=") || alternative.hasPrefix(":root:lang(")
                    #expect(scoped, "rtl.css: unscoped selector \(alternative)")
                }
            }
            // Numbers and symbols stay left to right in Arabic.
            #expect(sheet.body.contains("[dir=\"rtl\"] :is(td, th).number"))
        }
    }

    /// A selector list split at its top-level commas (not those inside `:is(…)` or `:not(…)`).
    static func topLevelList(_ selector: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in selector {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == "," && depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        return parts.filter { !$0.isEmpty }
    }
}
