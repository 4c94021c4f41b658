import Classifications
import Core
import Foundation
import Testing

@testable import TrademarkSearch

@Suite("Vienna label files")
struct ViennaLabelFileTests {
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-vienna-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("An EUIPO label file reads as marks with codes, date and text")
    func reads() throws {
        let path = try Self.file("""
            {"000002": {"Codes": ["260402", "0301", "260402"], "Date": "1996-04-01"},
             "000001": {"Codes": ["011703"], "Date": "1996-04-01", "Text": "SETA"}}
            """)
        let marks = try ViennaLabeledMark.load(euipoLabels: path)
        #expect(marks.map(\.id) == ["000001", "000002"])
        #expect(marks[0].text == "SETA" && marks[1].text == nil)
        #expect(marks[1].codes.map(\.description) == ["3.1", "26.4.2"])
        let priors = try ViennaPriors(euipoLabels: path)
        let section = try ViennaCode(parsing: "26.4.2")
        #expect(priors.markCount == 2 && priors.count(of: section) == 1)
    }

    @Test("A bad label file is refused naming the file, the mark and the code")
    func refused() throws {
        let badCode = try Self.file(#"{"000009": {"Codes": ["2604021"]}}"#)
        #expect { try ViennaLabeledMark.load(euipoLabels: badCode) } throws: { error in
            guard let error = error as? IPAIError else { return false }
            return error.code == .invalidInput && error.message.contains("mark 000009") && error.location?.value == "2604021"
                && error.location?.file == badCode
        }
        let notLabels = try Self.file(#"["260402"]"#)
        #expect { try ViennaLabeledMark.load(euipoLabels: notLabels) } throws: { ($0 as? IPAIError)?.code == .invalidInput }
        #expect { try ViennaLabeledMark.load(euipoLabels: "/nonexistent.json") } throws: { ($0 as? IPAIError)?.code == .fileUnreadable }
    }

    @Test("EUIPO's 20,000 validation marks give priors whose baseline leads with 27.5.1")
    func euipoPriors() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/trademarks/euipo-vienna-labels-validation.json").path
        try #require(FileManager.default.fileExists(atPath: path))
        let marks = try ViennaLabeledMark.load(euipoLabels: path)
        #expect(marks.count == 20_000)
        let priors = ViennaPriors(codeSets: marks.map(\.codes))
        #expect(priors.markCount == 20_000)
        let baseline = ViennaSuggester.baseline(priors: priors, count: 10)
        #expect(baseline.at(.section).first?.code.description == "27.5.1")
        #expect(baseline.at(.section).first?.score == 2743.0 / 20_000)
        // The frequency baseline on the marks themselves: the most frequent category is right for many marks.
        let evaluation = ViennaEvaluation(cases: marks.map { (truth: $0.codes, suggestions: baseline) })
        #expect(evaluation.category.at10 > evaluation.category.at1)
        #expect(evaluation.division.cases == 20_000)
    }
}
