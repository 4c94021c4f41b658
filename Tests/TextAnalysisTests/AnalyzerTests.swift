import Testing
@testable import TextAnalysis

@Suite struct AnalyzerTests {
    @Test func defaultAnalyzerStemsDropsStopWordsAndAddsBigrams() {
        #expect(Analyzer().terms(in: "Method for producing a semiconductor device") == [
            "method", "produc", "method produc", "semiconductor", "produc semiconductor", "devic",
            "semiconductor devic",
        ])
    }

    @Test func frenchAndGermanTitlesUseTheirRules() {
        #expect(Analyzer().terms(in: "Dispositif de freinage pour véhicule") == [
            "disposit", "freinag", "disposit freinag", "véhicul", "freinag véhicul",
        ])
        #expect(Analyzer().terms(in: "Verfahren zur Herstellung eines Bauteils") == [
            "verfahr", "herstell", "verfahr herstell", "bauteil", "herstell bauteil",
        ])
    }

    @Test func wordNGramsDoNotCrossSentencePunctuation() {
        let analyzer = Analyzer(configuration: AnalyzerConfiguration(wordNGrams: 2...3, stemming: false))
        #expect(analyzer.terms(in: "brake disc rotor. cooling fan; pump", language: .english) == [
            "brake disc", "disc rotor", "brake disc rotor", "cooling fan",
        ])
    }

    @Test func nGramRangesMapToTheirSpan() {
        let text = "Brake discs, and cooling."
        let terms = Analyzer().analyzedTerms(in: text, language: .english)
        let bigram = try! #require(terms.first { $0.term == "brake disc" })
        #expect(text[bigram.range(in: text)] == "Brake discs")
    }

    @Test func configurationIsClampedAndCodable() throws {
        let analyzer = Analyzer(configuration: AnalyzerConfiguration(wordNGrams: 0...20, characterNGrams: 9...12))
        #expect(analyzer.configuration.wordNGrams == 1...AnalyzerConfiguration.maximumNGramLength)
        #expect(analyzer.configuration.characterNGrams == 8...8)
        #expect(throws: (any Error).self) { try AnalyzerConfiguration(wordNGrams: 0...2).validate() }
    }
}
