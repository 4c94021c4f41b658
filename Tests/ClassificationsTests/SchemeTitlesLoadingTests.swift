import Core
import Foundation
import Testing

@testable import Classifications

@Suite("Loading titles files")
struct SchemeTitlesLoadingTests {
    func symbol(_ text: String) throws -> ClassificationSymbol { try ClassificationSymbol(parsing: text) }

    func loadError(_ name: String, _ text: String) throws -> IPAIError? {
        let path = try TestData.temporaryFile(named: name, text)
        var scheme = SchemeTitles()
        do {
            try scheme.load(contentsOf: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("A bad TSV line stops the load with file, line and what is wrong")
    func badTSVLine() throws {
        let text = "A01B\tSOIL WORKING\nA01B0001000000\tHand tools\nX01B0001020000\tSpades; Shovels\n"
        let path = try TestData.temporaryFile(named: "ipc-en.tsv", text)
        var scheme = SchemeTitles()
        do {
            try scheme.load(contentsOf: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidSymbol)
            #expect(error.location == InputLocation(file: path, line: 3, field: "symbol"))
            #expect(error.description == "\(path):3: field 'symbol': 'X01B0001020000': section must be one of A–H (or Y for CPC), found 'X'")
        }
        #expect(scheme.isEmpty)
    }

    @Test("Skipping bad lines loads the rest and counts what was skipped")
    func skipping() throws {
        let text = "A01B\tSOIL WORKING\nnot a line\nX01B\tbad\nA01B0001020000\tSpades; Shovels\nA01C\t\n"
        let path = try TestData.temporaryFile(named: "ipc-en.tsv", text)
        var scheme = SchemeTitles()
        let summary = try scheme.load(contentsOf: path, skippingBadLines: true)
        #expect(summary.skippedLines == 3)
        #expect(summary.firstSkipped.map { $0.location?.line } == [2, 3, 5])
        #expect(summary.firstSkipped[0].message.contains("found no tab"))
        #expect(summary.firstSkipped[2].message.contains("no title for 'A01C'"))
        #expect(summary.titlesRead == 2)
        #expect(scheme.symbols.map(\.description) == ["A01B", "A01B 1/02"])
    }

    @Test("Generic CSV: header, quotes, a title over two lines, a version comment, several languages")
    func genericCSV() throws {
        let text = #"""
            # IPC titles of the office
            # version: 2024.01
            symbol,language,title
            A01B,de,"BODENBEARBEITUNG, LANDWIRTSCHAFT"
            A01B 1/02,de,Spaten; Schaufeln
            A01B 1/02,en,"Spades; ""Shovels"""
            A01B 1/04,de,"mit
            Zinken"
            """#
        let path = try TestData.temporaryFile(named: "office-titles.csv", text)
        var scheme = SchemeTitles()
        let summary = try scheme.load(contentsOf: path)
        #expect(summary.format == .csv)
        #expect(summary.version == "2024.01")
        #expect(scheme.version == "2024.01")
        #expect(scheme.languages == ["de", "en"])
        #expect(scheme.title(of: try symbol("A01B"), language: "de") == "BODENBEARBEITUNG, LANDWIRTSCHAFT")
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "en") == #"Spades; "Shovels""#)
        #expect(scheme.title(of: try symbol("A01B 1/04"), language: "de") == "mit\nZinken")
    }

    @Test("A bad CSV row after a multi-line field reports the row's first line")
    func csvLineNumbers() throws {
        let text = "symbol,language,title\nA01B,de,\"zwei\nZeilen\"\nA01B 1/02,de\n"
        let error = try #require(try loadError("titles.csv", text))
        #expect(error.location?.line == 4)
        #expect(error.message == "expected 3 columns (symbol, language, title), found 2")
    }

    @Test("Columns by header name, including one column per language")
    func languageColumns() throws {
        let text = "code\tlevel\ten\tfr\nA01B\tsubclass\tSOIL WORKING\tTRAVAIL DE LA TERRE\nA01B0001000000\tmain_group\tHand tools\t\n"
        let path = try TestData.temporaryFile(named: "two-languages.tsv", text)
        var scheme = SchemeTitles()
        try scheme.load(contentsOf: path)
        #expect(scheme.title(of: try symbol("A01B"), language: "fr") == "TRAVAIL DE LA TERRE")
        #expect(scheme.title(of: try symbol("A01B 1/00"), language: "fr") == "Hand tools")
        #expect(scheme.languages == ["en", "fr"])
        let reordered = try TestData.temporaryFile(named: "t.csv", "language,title,id,symbol\nde,Spaten,17,A01B 1/02\n")
        try scheme.load(contentsOf: reordered)
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "de") == "Spaten")
    }

    @Test("JSONL in three shapes, with escapes; the version is the most common one")
    func jsonl() throws {
        let text = #"""
            {"ipc": "A01B", "level": "subclass", "version": "2021.01", "en": "SOIL", "fr": "TERRE \u00e9t\u00E9 \"x\""}
            {"ipc": "A01B 1", "level": "main_group", "version": "2021.01", "en": "Hand tools", "fr": "Outils"}
            {"code": "A01B1/02", "level": "subgroup", "title_zh": "锹；铲", "extra": [1, {"a": "}"}]}
            {"id": "7", "symbol": "A01B 1/04", "language": "de", "title": "mit Zinken", "version": "old", "n": 3.5, "ok": true}
            """#
        let path = try TestData.temporaryFile(named: "mixed.jsonl", text)
        var scheme = SchemeTitles()
        let summary = try scheme.load(contentsOf: path)
        #expect(summary.format == .jsonl)
        #expect(summary.version == "2021.01")
        #expect(summary.titlesRead == 6)
        #expect(scheme.title(of: try symbol("A01B"), language: "fr") == #"TERRE été "x""#)
        #expect(scheme.title(of: try symbol("A01B 1/00"), language: "fr") == "Outils")
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "zh") == "锹；铲")
        #expect(scheme.title(of: try symbol("A01B 1/04"), language: "de") == "mit Zinken")
    }

    @Test(
        "JSONL errors say what and where",
        arguments: [
            (#"{"ipc": "A01B", "en": "x""#, "not valid JSON: expected ',' or '}' after the value of \"en\" at column 26, found the end of the line", nil),
            (#"["A01B"]"#, "not valid JSON: expected a JSON object starting with '{' at column 1", nil),
            (#"{"en": "x"}"#, "no symbol: expected a field named symbol, code, ipc or cpc", nil),
            (#"{"ipc": "A01B", "note": "x"}"#, "no title for 'A01B'", nil),
            (#"{"ipc": "A01B 1", "level": "subgroup", "en": "x"}"#, "level 'subgroup' does not match 'A01B 1', which reads as main group A01B 1/00", "level"),
            (#"{"ipc": "A01B", "level": "family", "en": "x"}"#, "'family' is not a classification level", "level"),
            (#"{"ipc": "A01B/", "en": "x"}"#, "'A01B/': main group digits missing before '/'", "ipc"),
        ] as [(String, String, String?)])
    func jsonErrors(line: String, message: String, field: String?) throws {
        let error = try #require(try loadError("bad.jsonl", "{\"ipc\": \"A\", \"en\": \"HUMAN NECESSITIES\"}\n" + line + "\n"))
        #expect(error.location?.line == 2)
        #expect(error.location?.field == field)
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test("The format is detected from the content when the extension says nothing")
    func detection() throws {
        for (text, format) in [
            ("A01B\tSOIL\n", SchemeFileFormat.tsv), ("A01B,en,SOIL\n", .csv), (#"{"ipc": "A01B", "en": "SOIL"}"# + "\n", .jsonl),
        ] {
            let path = try TestData.temporaryFile(named: "titles.txt", "\n# comment\n" + text)
            var scheme = SchemeTitles()
            #expect(try scheme.load(contentsOf: path).format == format)
            #expect(scheme.title(of: try symbol("A01B")) == "SOIL")
        }
        #expect(SchemeFileFormat(fileName: "/data/x.v2/ipc.NDJSON") == .jsonl)
        #expect(SchemeFileFormat(fileName: "/data/x.v2/ipc") == nil)
    }

    @Test("Two-column files take their language from the file name, or from the caller")
    func languageFromFileName() throws {
        let path = try TestData.temporaryFile(named: "ipc-de.tsv", "A01B\tBODENBEARBEITUNG\n")
        var scheme = SchemeTitles()
        try scheme.load(contentsOf: path)
        #expect(scheme.languages == ["de"])
        try scheme.load(contentsOf: try TestData.temporaryFile(named: "ipc.tsv", "A01B\tSOIL\n"))
        try scheme.load(contentsOf: try TestData.temporaryFile(named: "ipc.tsv", "A01B\tTERRE\n"), language: "fr")
        #expect(scheme.languages == ["de", "en", "fr"])
        #expect(SchemeTitles.language(inFileName: "/x/ipc_zh.csv") == "zh")
        #expect(SchemeTitles.language(inFileName: "/x/ipc-titles.csv") == nil)
    }

    @Test("Empty files and missing files are errors")
    func emptyAndMissing() throws {
        #expect(try loadError("empty.tsv", "\n# nothing\n")?.code == .emptyInput)
        var scheme = SchemeTitles()
        #expect {
            try scheme.load(contentsOf: "/nonexistent/ipc-en.tsv")
        } throws: { error in
            (error as? IPAIError)?.code == .fileUnreadable
        }
    }

    @Test("Later loads replace titles; setTitle and merge keep symbols sorted")
    func mutation() throws {
        var scheme = SchemeTitles()
        scheme.setTitle("Spades", for: try symbol("A01B 1/02"))
        scheme.setTitle("SOIL", for: try symbol("A01B"))
        scheme.setTitle("Bêches", for: try symbol("A01B 1/02"), language: "FR")
        #expect(scheme.symbols.map(\.description) == ["A01B", "A01B 1/02"])
        var other = SchemeTitles()
        other.setTitle("Hand tools", for: try symbol("A01B 1/00"))
        other.setTitle("Spades; Shovels", for: try symbol("A01B 1/02"))
        other.version = "2021.01"
        scheme.merge(other)
        #expect(scheme.symbols.map(\.description) == ["A01B", "A01B 1/00", "A01B 1/02"])
        #expect(scheme.title(of: try symbol("A01B 1/02")) == "Spades; Shovels")
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "fr") == "Bêches")
        #expect(scheme.version == "2021.01")
        #expect(scheme.children(of: try symbol("A01B")).map(\.description) == ["A01B 1/00"])
        // A main group absent from the scheme hides its subgroups from `children(of: subclass)`.
        scheme.setTitle("Ploughs", for: try symbol("A01B 3/02"))
        #expect(scheme.children(of: try symbol("A01B")).map(\.description) == ["A01B 1/00"])
        #expect(scheme.children(of: try symbol("A01B 3/00")).map(\.description) == ["A01B 3/02"])
    }

    @Test("Display text rewrites only whole 14-character codes")
    func displayText() {
        #expect(SchemeTitles.displayText("(A01C0005000000;A01D)") == "(A01C 5/00;A01D)")
        #expect(SchemeTitles.displayText("A01B0051000000-A01B0075000000") == "A01B 51/00-A01B 75/00")
        #expect(SchemeTitles.displayText("XA01C0005000000 A01C00050000001") == "XA01C0005000000 A01C00050000001")
        #expect(SchemeTitles.displayText("see G06F0016300000") == "see G06F 16/30")
        #expect(SchemeTitles.displayText("no codes") == "no codes")
    }

    @Test("HierarchyPath encodes as an array of steps")
    func pathJSON() throws {
        var scheme = SchemeTitles()
        scheme.setTitle("PHYSICS", for: try symbol("G"))
        scheme.setTitle("see G06F0016300000", for: try symbol("G06F"))
        let path = scheme.path(to: try symbol("G06F"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(path), as: UTF8.self)
            == #"[{"symbol":"G","title":"PHYSICS"},{"symbol":"G06"},{"symbol":"G06F","title":"see G06F 16/30"}]"#)
        #expect(try JSONDecoder().decode(HierarchyPath.self, from: try encoder.encode(path)) == path)
        #expect(path.description == "G — PHYSICS\n  G06\n    G06F — see G06F 16/30")
    }
}
