import Classifications
import Core
import Foundation
import Testing

@testable import TrademarkSearch

/// Codes from text, for short hand-made cases.
private func codes(_ texts: String...) -> [ViennaCode] { texts.map { try! ViennaCode(parsing: $0) } }
private func code(_ text: String) -> ViennaCode { try! ViennaCode(parsing: text) }

@Suite("Vienna suggestions")
struct ViennaSuggesterTests {
    /// Ten marks: 27.5.1 on six, 26.4.2 on four, 3.1.1 on two, 28.3 (a division label) on one.
    static let priors = ViennaPriors(codeSets: [
        codes("27.5.1", "26.4.2"), codes("27.5.1", "26.4.2"), codes("27.5.1", "26.4.2"), codes("27.5.1", "26.4.2"),
        codes("27.5.1"), codes("27.5.1", "27.5.1"), codes("3.1.1"), codes("3.1.1", "28.3"), [], codes("1.1.2"), codes("1.15.1"),
    ])

    @Test("Priors count each code once per mark and skip marks without codes")
    func priorCounts() {
        let priors = Self.priors
        #expect(priors.markCount == 10)
        #expect(priors.count(of: code("27.5.1")) == 6)
        #expect(priors.frequency(of: code("26.4.2")) == 0.4)
        #expect(priors.count(of: code("28.3")) == 1)
        // A category's count sums the codes within it.
        #expect(priors.count(of: code("1")) == 2)
        #expect(priors.count(of: code("3")) == 2)
        #expect(priors.mostFrequent(at: .section, count: 2).map(\.code.description) == ["27.5.1", "26.4.2"])
        #expect(priors.mostFrequent(at: .category, count: 3).map(\.code.description) == ["27", "26", "1"])
    }

    @Test("Priors from the register's counts accept either notation and refuse a bad code")
    func priorsFromCounts() throws {
        let priors = try ViennaPriors(counting: ["270501": 3, "3.1.1": 1], markCount: 4)
        #expect(priors.frequency(of: code("27.5.1")) == 0.75)
        #expect(throws: IPAIError.self) { try ViennaPriors(counting: ["27x": 1], markCount: 1) }
    }

    @Test("The baseline is the register's most frequent codes, whatever the mark")
    func baseline() {
        let baseline = ViennaSuggester.baseline(priors: Self.priors, count: 3)
        #expect(baseline.at(.section).map(\.code.description) == ["27.5.1", "26.4.2", "3.1.1"])
        #expect(baseline.at(.section).map(\.score) == [0.6, 0.4, 0.2])
        #expect(baseline.at(.section).allSatisfy { $0.neighbourSupport == 0 })
        // No neighbours: suggestions are the baseline.
        #expect(ViennaSuggester(priorWeight: 2).suggest(neighbours: [], priors: Self.priors, count: 3) == baseline)
    }

    @Test("Neighbour votes and priors combine as documented: (Σ s·vote + m·p) / (Σ s + m)")
    func combination() throws {
        let neighbours: [(codes: [ViennaCode], similarity: Float)] = [
            (codes("3.1.1", "3.1.2"), 0.75), (codes("3.1.1"), 0.25), (codes("26.4.2"), 0),
        ]
        let suggester = ViennaSuggester(priorWeight: 1)
        let sections = suggester.suggest(neighbours: neighbours, priors: Self.priors, count: 10).at(.section)
        func score(_ text: String) -> Double? { sections.first { $0.code == code(text) }?.score }
        // S = 1 (the zero-similarity neighbour does not vote), m = 1.
        #expect(score("3.1.1") == (1.0 + 0.2) / 2)
        #expect(score("3.1.2") == (0.75 + 0) / 2)
        #expect(score("27.5.1") == (0 + 0.6) / 2)
        #expect(score("26.4.2") == (0 + 0.4) / 2)
        #expect(sections.map(\.code.description).prefix(3) == ["3.1.1", "3.1.2", "27.5.1"])
        let first = try #require(sections.first)
        #expect(first.neighbourSupport == 1.0 && first.prior == 0.2 && first.level == .section)
    }

    @Test("A larger prior weight moves the ranking towards the baseline")
    func priorWeight() {
        let neighbours: [(codes: [ViennaCode], similarity: Float)] = [(codes("1.1.2"), 1)]
        let votesOnly = ViennaSuggester(priorWeight: 0).suggest(neighbours: neighbours, priors: Self.priors, count: 1)
        #expect(votesOnly.at(.section).map(\.code.description) == ["1.1.2"])
        let priorHeavy = ViennaSuggester(priorWeight: 100).suggest(neighbours: neighbours, priors: Self.priors, count: 1)
        #expect(priorHeavy.at(.section).map(\.code.description) == ["27.5.1"])
    }

    @Test("Divisions and categories sum the scores of the codes within them")
    func rollUp() {
        let neighbours: [(codes: [ViennaCode], similarity: Float)] = [(codes("26.1.1", "26.4.2", "26.4.5"), 1)]
        let suggestions = ViennaSuggester(priorWeight: 0).suggest(neighbours: neighbours, priors: Self.priors, count: 10)
        #expect(suggestions.at(.section).count == 3)
        #expect(suggestions.at(.division).map(\.code.description) == ["26.4", "26.1"])
        #expect(suggestions.at(.division).map(\.score) == [2, 1])
        #expect(suggestions.at(.category).map(\.code.description) == ["26"])
        #expect(suggestions.at(.category).first?.score == 3)
        // Sections first, then divisions, then categories.
        #expect(suggestions.map(\.level) == [.section, .section, .section, .division, .division, .category])
        // A code labelled at division level counts for its division and category, not as a section.
        let baseline = ViennaSuggester.baseline(priors: Self.priors, count: 10)
        #expect(!baseline.at(.section).contains { $0.code == code("28.3") })
        #expect(baseline.at(.division).first { $0.code == code("28.3") }?.score == 0.1)
        #expect(baseline.at(.category).first { $0.code == code("28") }?.score == 0.1)
    }

    @Test("Office extensions and excluded codes can be left out")
    func exclusions() {
        let priors = ViennaPriors(codeSets: [codes("01.01.99"), codes("01.01.99"), codes("1.1.2")])
        #expect(ViennaSuggester.baseline(priors: priors, count: 1).at(.section).first?.code.description == "01.01.99")
        let wipoOnly = ViennaSuggester(includesOfficeExtensions: false).baseline(priors: priors, count: 5)
        #expect(wipoOnly.at(.section).map(\.code.description) == ["1.1.2"])
        let excluding = ViennaSuggester(excludedCodes: [code("1.1.2")]).baseline(priors: priors, count: 5)
        #expect(excluding.at(.section).map(\.code.description) == ["01.01.99"])
    }

    @Test("Ties rank in scheme order; count limits each level")
    func ties() {
        let priors = ViennaPriors(codeSets: [codes("2.1.1"), codes("1.1.1"), codes("1.3.1")])
        let baseline = ViennaSuggester.baseline(priors: priors, count: 2)
        #expect(baseline.at(.section).map(\.code.description) == ["1.1.1", "1.3.1"])
        #expect(baseline.at(.division).map(\.code.description) == ["1.1", "1.3"])
        #expect(baseline.at(.category).map(\.code.description) == ["1", "2"])
    }

    @Test("Hit rates at 1, 3 and 10 per level")
    func evaluation() {
        let suggestions = ViennaSuggester.baseline(priors: Self.priors, count: 10)
        // Baseline sections: 27.5.1, 26.4.2, 3.1.1, 1.1.2, 1.15.1; divisions 27.5, 26.4, 3.1, 1.1, 1.15, 28.3.
        let evaluation = ViennaEvaluation(cases: [
            (truth: codes("27.5.1"), suggestions: suggestions),  // hit @1 everywhere
            (truth: codes("3.1.1"), suggestions: suggestions),  // section and division rank 3; category 3 is 3rd
            (truth: codes("9.1.1"), suggestions: suggestions),  // never
            (truth: codes("28.3"), suggestions: suggestions),  // no section; division 28.3 is 6th
        ])
        #expect(evaluation.section.cases == 3)
        #expect(evaluation.section.at1 == 1.0 / 3 && evaluation.section.at3 == 2.0 / 3 && evaluation.section.at10 == 2.0 / 3)
        #expect(evaluation.division.cases == 4)
        #expect(evaluation.division.at1 == 0.25 && evaluation.division.at3 == 0.5 && evaluation.division.at10 == 0.75)
        #expect(evaluation.rates(at: .category).cases == 4)
        // Sections alone are cut to divisions for the division rates.
        let sectionsOnly = ViennaEvaluation(cases: [(truth: codes("3.1.2"), suggestions: suggestions.at(.section))])
        #expect(sectionsOnly.division.at3 == 1 && sectionsOnly.division.at1 == 0)
    }

    @Test("A larger similarity exponent lets the closest neighbour outvote several distant ones")
    func exponent() {
        let neighbours: [(codes: [ViennaCode], similarity: Float)] = [
            (codes("3.1.1"), 0.9), (codes("5.3.1"), 0.5), (codes("5.3.1"), 0.5),
        ]
        let plain = ViennaSuggester(priorWeight: 0, similarityExponent: 1).suggest(neighbours: neighbours, priors: Self.priors)
        #expect(plain.at(.section).first?.code.description == "5.3.1")
        let sharp = ViennaSuggester(priorWeight: 0, similarityExponent: 4).suggest(neighbours: neighbours, priors: Self.priors)
        #expect(sharp.at(.section).first?.code.description == "3.1.1")
        // 0.9⁴ / (0.9⁴ + 2·0.5⁴)
        let expected = 0.6561 / (0.6561 + 0.125)
        #expect(abs((sharp.at(.section).first?.score ?? 0) - expected) < 1e-6)
    }

    @Test("Tuning picks the prior weight and exponent that rank the true division best")
    func tuning() {
        // The closest neighbour points to the truth, distant ones elsewhere; the priors favour 27.5.1.
        let neighbours: [(codes: [ViennaCode], similarity: Float)] = [
            (codes("3.1.1"), 0.9), (codes("5.3.1"), 0.5), (codes("5.3.1"), 0.5),
        ]
        let cases: [(truth: [ViennaCode], neighbours: [(codes: [ViennaCode], similarity: Float)])] = [
            (truth: codes("3.1.1"), neighbours: neighbours)
        ]
        let tuned = ViennaSuggester.tuned(cases: cases, priors: Self.priors, priorWeights: [8, 0], exponents: [1, 4])
        #expect(tuned.priorWeight == 0 && tuned.similarityExponent == 4)
        #expect(tuned.suggest(neighbours: neighbours, priors: Self.priors).at(.division).first?.code.description == "3.1")
    }
}
