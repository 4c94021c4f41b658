import Core
import Foundation
import Testing

@testable import Classifications

/// WIPO's files as shipped in `../shared/data/schemes/`, each loaded once for all tests.
private struct SharedSchemes {
    var english = SchemeTitles()
    var englishSummary: SchemeTitles.LoadSummary?
    var frenchSummary: SchemeTitles.LoadSummary?
    var chineseSummary: SchemeTitles.LoadSummary?
    /// All three; the TSV's English wins over the JSONL's, whose wrapped titles are cut short.
    var all = SchemeTitles()

    init() {
        guard TestData.available else { return }
        do {
            englishSummary = try english.load(contentsOf: TestData.path("schemes/ipc-en.tsv"))
            var chinese = SchemeTitles()
            chineseSummary = try chinese.load(contentsOf: TestData.path("schemes/ipc-titles-zh.jsonl"), skippingBadLines: true)
            frenchSummary = try all.load(contentsOf: TestData.path("schemes/ipc-titles-en-fr.jsonl"))
            all.merge(english)
            all.merge(chinese)
        } catch {
            Issue.record("loading the shared scheme files failed: \(error)")
        }
    }
}

private let shared = SharedSchemes()
private var scheme: SchemeTitles { shared.all }

private func symbol(_ text: String) throws -> ClassificationSymbol { try ClassificationSymbol(parsing: text) }

@Suite("Titles from WIPO's files", .enabled(if: TestData.available))
struct SchemeTitlesRealDataTests {
    @Test("English TSV: sizes, a subclass and a subgroup")
    func englishTSV() throws {
        let english = shared.english
        let summary = try #require(shared.englishSummary)
        #expect(summary.format == .tsv)
        #expect(summary.skippedLines == 0)
        #expect(summary.version == nil)
        #expect(english.languages == ["en"])
        #expect(english.symbols(at: .section).map(\.description) == ["A", "B", "C", "D", "E", "F", "G", "H"])
        #expect(english.symbols(at: .class).count == 131)
        #expect(english.symbols(at: .subclass).count == 645)
        #expect(english.count > 74_000)
        #expect(english.title(of: try symbol("A01B 1/02")) == "Spades; Shovels")
        #expect(english.title(of: try symbol("A01B"))?.hasPrefix("SOIL WORKING IN AGRICULTURE OR FORESTRY; PARTS, DETAILS") == true)
        #expect(english.title(of: try symbol("G06F")) == "ELECTRIC DIGITAL DATA PROCESSING (computer systems based on specific computational models G06N)")
    }

    @Test("A repeated code continues the title; wrapped lines continue too")
    func continuations() throws {
        let scheme = shared.english
        // Two lines for A01B0003000000: a guide heading and the group's own title.
        #expect(scheme.title(of: try symbol("A01B 3/00")) == "Ploughs; Ploughs with fixed plough-shares")
        // B61D 19/00 is wrapped over three physical lines, the later two starting with spaces.
        let doors = try #require(scheme.title(of: try symbol("B61D 19/00")))
        #expect(doors.hasSuffix("(locks for vehicles E05B0077000000 – E05B0085000000;door-operating mechanisms E05F)"))
        #expect(scheme.displayTitle(of: try symbol("B61D 19/00"))?.hasSuffix("E05B 77/00 – E05B 85/00;door-operating mechanisms E05F)") == true)
        #expect(scheme.title(of: try symbol("C01B 4/00"))?.hasSuffix("e.g. NH3 + D2 → NH2D + HD") == true)
    }

    @Test("The JSONL's English cuts wrapped titles short; loaded after it, the TSV's full title wins")
    func loadOrder() throws {
        var french = SchemeTitles()
        try french.load(contentsOf: TestData.path("schemes/ipc-titles-en-fr.jsonl"))
        #expect(french.title(of: try symbol("B61D 19/00"))?.hasSuffix("(locks for vehicles E05B0077000000") == true)
        #expect(scheme.title(of: try symbol("B61D 19/00")) == shared.english.title(of: try symbol("B61D 19/00")))
        #expect(scheme.title(of: try symbol("B61D 19/00"), language: "fr") == french.title(of: try symbol("B61D 19/00"), language: "fr"))
    }

    @Test("French and Chinese titles, with fallback to English")
    func otherLanguages() throws {
        #expect(scheme.languages == ["en", "fr", "zh"])
        #expect(scheme.version == "2021.01")
        #expect(scheme.title(of: try symbol("A01B"), language: "fr")?.hasPrefix("TRAVAIL DE LA TERRE EN AGRICULTURE") == true)
        #expect(scheme.title(of: try symbol("A01B"), language: "zh")?.hasPrefix("农业或林业的整地") == true)
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "zh-CN") == "锹；铲")
        #expect(scheme.title(of: try symbol("A01D"), language: "FR") == "RÉCOLTE; FAUCHAGE")
        // The French file stops at main groups: a subgroup falls back to English.
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "fr") == "Spades; Shovels")
        #expect(scheme.title(of: try symbol("A01B 1/02"), language: "de") == "Spades; Shovels")
    }

    @Test("Display titles rewrite 14-character references")
    func displayTitles() throws {
        let display = try #require(scheme.displayTitle(of: try symbol("A01B")))
        #expect(display.contains("planting or manuring A01C 5/00;machines for harvesting root crops A01D;"))
        #expect(display.contains("A01D 42/04;") && !display.contains("0000"))
        #expect(scheme.displayTitle(of: try symbol("A01C"))?.contains("A01B 51/00-A01B 75/00") == true)
    }

    @Test("Children of a subclass, a main group and a section")
    func children() throws {
        let mainGroups = scheme.children(of: try symbol("G06F"))
        #expect(mainGroups.contains(try symbol("G06F 17/00")))
        #expect(mainGroups.contains(try symbol("G06F 16/00")))
        #expect(mainGroups.allSatisfy { $0.level == .mainGroup && $0.truncated(to: .subclass) == (try? symbol("G06F")) })
        #expect(mainGroups == mainGroups.sorted())
        #expect(scheme.children(of: try symbol("A01B 1/00")).map(\.description) == [
            "A01B 1/02", "A01B 1/04", "A01B 1/06", "A01B 1/08", "A01B 1/10", "A01B 1/12", "A01B 1/14", "A01B 1/16",
            "A01B 1/18", "A01B 1/20", "A01B 1/22", "A01B 1/24",
        ])
        #expect(scheme.children(of: try symbol("G")).map(\.description).prefix(3) == ["G01", "G02", "G03"])
        #expect(scheme.children(of: try symbol("A01B 1/02")).isEmpty)
        #expect(scheme.contains(try symbol("G06F 17/30")) == scheme.children(of: try symbol("G06F 17/00")).contains(try symbol("G06F 17/30")))
        #expect(!scheme.contains(try symbol("G06X")))
    }

    @Test("Parent chain with titles")
    func path() throws {
        let path = scheme.path(to: try symbol("A01B0001020000"))
        #expect(path.steps.map(\.symbol.description) == ["A", "A01", "A01B", "A01B 1/00", "A01B 1/02"])
        #expect(path.steps.first?.title == "HUMAN NECESSITIES")
        #expect(path.steps[3].title == "Hand tools (edge trimmers for lawns A01G 3/06)")
        #expect(path.description.split(separator: "\n").last == "        A01B 1/02 — Spades; Shovels")
        let chinese = scheme.path(to: try symbol("A01B 1/02"), language: "zh")
        #expect(chinese.steps.first?.title == "人类生活必需")
    }

    @Test("A subset for a model's labels keeps ancestors and survives JSON")
    func subset() throws {
        // G06F 17/30 moved to G06F 16 in 2019: it has no title in this edition and is left out.
        let labels = [try symbol("A01B 1/02"), try symbol("G06F 17/30"), try symbol("H04L")]
        let small = scheme.subset(for: labels)
        #expect(small.symbols.map(\.description) == [
            "A", "A01", "A01B", "A01B 1/00", "A01B 1/02", "G", "G06", "G06F", "G06F 17/00", "H", "H04", "H04L",
        ])
        #expect(small.languages == ["en", "fr", "zh"])
        #expect(small.version == "2021.01")
        let data = try JSONEncoder().encode(small)
        #expect(data.count < 20_000)
        let decoded = try JSONDecoder().decode(SchemeTitles.self, from: data)
        #expect(decoded.symbols == small.symbols)
        for label in small.symbols {
            for language in ["en", "fr", "zh"] {
                #expect(decoded.title(of: label, language: language) == scheme.title(of: label, language: language))
            }
        }
        #expect(decoded.path(to: labels[0]) == small.path(to: labels[0]))
    }

    @Test("The Chinese file has a few lines that do not parse strictly; skipping counts them")
    func chineseBadLines() throws {
        let path = TestData.path("schemes/ipc-titles-zh.jsonl")
        var strict = SchemeTitles()
        #expect {
            try strict.load(contentsOf: path)
        } throws: { error in
            let error = error as? IPAIError
            return error?.location?.file == path && error?.location?.line != nil && error?.location?.field == "level"
        }
        let summary = try #require(shared.chineseSummary)
        #expect(summary.format == .jsonl)
        #expect(summary.skippedLines == 1)
        #expect(summary.firstSkipped.first?.message.contains("'E01D101/0'") == true)
        // The 2026 Chinese edition adds 11 subclasses the 2020 English file lacks (G06V, H10K, ...).
        #expect(scheme.symbols(at: .subclass).count == 645 + 11)
        let g06v = try symbol("G06V")
        #expect(scheme.title(of: g06v, language: "zh") != nil)
        #expect(scheme.title(of: g06v, language: "en") == nil)
        #expect(scheme.children(of: try symbol("G06")).contains(g06v))
    }
}
