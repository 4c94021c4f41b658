import Core
import Foundation
import Testing

@testable import Classifications

@Suite("Parsing symbols")
struct SymbolParsingTests {
    @Test(
        "Every notation of G06F 17/30 is the same symbol",
        arguments: [
            "G06F 17/30", "G06F17/30", "G06F  17 / 30", "G06F0017300000", "g06f 17/30", "g06f0017300000",
            "G06F 17/30 (2006.01)", "G06F17/30 [2006.01]", "  G06F 17/30\t", "G06F 17/300",
            "G06F 17/30 20060101AFI20061115BHGB", "G06F\u{00A0}17/30", "G06F 017/30",
        ])
    func notationsAgree(text: String) throws {
        let symbol = try ClassificationSymbol(parsing: text)
        #expect(symbol.description == "G06F 17/30")
        #expect(symbol.compact == "G06F17/30")
        #expect(symbol.wipo14 == "G06F0017300000")
        #expect(symbol.level == .subgroup)
    }

    @Test(
        "Levels and their standard, compact and WIPO forms",
        arguments: [
            ("G", SymbolLevel.section, "G", "G", "G"),
            ("g06", .class, "G06", "G06", "G06"),
            ("G06F", .subclass, "G06F", "G06F", "G06F"),
            ("G06F 17", .mainGroup, "G06F 17/00", "G06F17/00", "G06F0017000000"),
            ("G06F 17/00", .mainGroup, "G06F 17/00", "G06F17/00", "G06F0017000000"),
            ("G06F0017000000", .mainGroup, "G06F 17/00", "G06F17/00", "G06F0017000000"),
            ("A01B0001020000", .subgroup, "A01B 1/02", "A01B1/02", "A01B0001020000"),
            ("G06F0017302500", .subgroup, "G06F 17/3025", "G06F17/3025", "G06F0017302500"),
            ("G06F 17/302", .subgroup, "G06F 17/302", "G06F17/302", "G06F0017302000"),
            ("Y02E 10/50", .subgroup, "Y02E 10/50", "Y02E10/50", "Y02E0010500000"),
            ("G06F 2203/04808", .subgroup, "G06F 2203/04808", "G06F2203/04808", "G06F2203048080"),
            ("H01L2224/055571", .subgroup, "H01L 2224/055571", "H01L2224/055571", "H01L2224055571"),
            ("C07D 207/335", .subgroup, "C07D 207/335", "C07D207/335", "C07D0207335000"),
            ("H01L 21/02", .subgroup, "H01L 21/02", "H01L21/02", "H01L0021020000"),
            ("A61K 2300/0002", .subgroup, "A61K 2300/0002", "A61K2300/0002", "A61K2300000200"),
            ("B65D 30/1", .subgroup, "B65D 30/10", "B65D30/10", "B65D0030100000"),
            ("A21C 9/0", .mainGroup, "A21C 9/00", "A21C9/00", "A21C0009000000"),
            ("G06 (2006.01)", .class, "G06", "G06", "G06"),
        ])
    func levelsAndForms(text: String, level: SymbolLevel, standard: String, compact: String, wipo: String) throws {
        let symbol = try ClassificationSymbol(parsing: text)
        #expect(symbol.level == level)
        #expect(symbol.description == standard)
        #expect(symbol.compact == compact)
        #expect(symbol.wipo14 == wipo)
    }

    @Test("Subgroup digits are kept: 17/30, 17/302 and 17/3025 differ and sort as fractions")
    func subgroupDigitsMatter() throws {
        let texts = ["G06F 17/31", "G06F 17/3025", "G06F 17/30", "G06F 17/302", "G06F 17/00", "G06F 17/04"]
        let symbols = try texts.map { text throws(IPAIError) in try ClassificationSymbol(parsing: text) }
        #expect(Set(symbols).count == 6)
        #expect(symbols.sorted().map(\.description) == [
            "G06F 17/00", "G06F 17/04", "G06F 17/30", "G06F 17/302", "G06F 17/3025", "G06F 17/31",
        ])
    }

    @Test("Scheme order: parents first, main groups numerically, sections by letter")
    func schemeOrder() throws {
        let texts = ["H01", "G06F 100/00", "G06F 17/30", "G06F 9/00", "G06F", "G", "A01B 1/02", "Y02E", "G06"]
        let sorted = try texts.map { text throws(IPAIError) in try ClassificationSymbol(parsing: text) }.sorted()
        #expect(sorted.map(\.description) == [
            "A01B 1/02", "G", "G06", "G06F", "G06F 9/00", "G06F 17/30", "G06F 100/00", "H01", "Y02E",
        ])
    }

    @Test("LosslessStringConvertible: a failable initialiser for argument parsers")
    func lossless() {
        #expect(ClassificationSymbol("G06F 17/30")?.compact == "G06F17/30")
        #expect(ClassificationSymbol("not a symbol") == nil)
    }

    @Test("Codable as the standard string; decoding accepts any notation")
    func codable() throws {
        let symbols = [try ClassificationSymbol(parsing: "G06F0017300000"), try ClassificationSymbol(parsing: "Y02E")]
        let data = try JSONEncoder().encode(symbols)
        #expect(String(decoding: data, as: UTF8.self) == #"["G06F 17\/30","Y02E"]"#)
        let decoded = try JSONDecoder().decode([ClassificationSymbol].self, from: Data(#"["g06f17/30","Y02E"]"#.utf8))
        #expect(decoded == symbols)
    }

    @Test("Decoding a bad symbol throws the IPAIError")
    func codableError() {
        #expect {
            _ = try JSONDecoder().decode([ClassificationSymbol].self, from: Data(#"["G06F 17/"]"#.utf8))
        } throws: { error in
            (error as? IPAIError)?.code == .invalidSymbol
        }
    }

    @Test("Every label in the real training corpora parses, except known junk", .enabled(if: TestData.available))
    func realLabels() throws {
        var parsed = 0
        var failures: [String: Int] = [:]
        for (file, field) in [
            ("patents/uspto-abstracts-cpc.train.jsonl", "cpc"),
            ("patents/patentscope-titles-ipc.train.jsonl", "ipc"),
            ("patents/cn-titles-ipc.train.jsonl", "ipc_subclasses"),
        ] {
            let text = try String(contentsOfFile: TestData.path(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                for label in object?[field] as? [String] ?? [] {
                    if (try? ClassificationSymbol(parsing: label)) != nil {
                        parsed += 1
                    } else {
                        failures[label, default: 0] += 1
                    }
                }
            }
        }
        let failed = failures.values.reduce(0, +)
        // 118,466 labels; the 127 failures have no certain reading
        // ("A21D 13/", "G06F 17//30", "A47J 37/01 B", "6 A 21 D 13/02, A 47 J 37/01", "146/32").
        #expect(parsed > 117_000)
        #expect(failed < 300)
    }
}
