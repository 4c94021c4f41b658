import Testing
@testable import TextAnalysis

@Suite struct CJKTests {
    @Test func chineseUsesCharacterUnigramsAndBigrams() {
        #expect(Analyzer().terms(in: "保护装置") == ["保", "护", "保护", "装", "护装", "置", "装置"])
    }

    @Test func characterNGramRangeIsConfigurable() {
        let analyzer = Analyzer(configuration: AnalyzerConfiguration(characterNGrams: 2...3))
        #expect(analyzer.terms(in: "半導体装置", language: .japanese) == [
            "半導", "導体", "半導体", "体装", "導体装", "装置", "体装置",
        ])
    }

    @Test func latinWordsInsideCJKTextAreTokenisedAsEnglish() {
        let text = "一种LED灯的控制电路,包括sensors"
        let terms = Analyzer().analyzedTerms(in: text, language: .chinese)
        #expect(terms.map(\.term) == [
            "一", "种", "一种", "led", "灯", "的", "灯的", "控", "的控", "制", "控制", "电", "制电", "路", "电路",
            "包", "括", "包括", "sensor",
        ])
        // Each character maps back to itself.
        let control = try! #require(terms.first { $0.term == "控制" })
        #expect(text[control.range(in: text)] == "控制")
    }

    @Test func punctuationAndSpacesEndARun() {
        #expect(Analyzer().terms(in: "装置。方法 装", language: .chinese) == ["装", "置", "装置", "方", "法", "方法", "装"])
    }

    @Test func hangulIsSplitIntoCharacterNGrams() {
        #expect(Analyzer().terms(in: "반도체 장치") == ["반", "도", "반도", "체", "도체", "장", "치", "장치"])
    }
}
