import Testing
@testable import TextAnalysis

@Suite struct TokenizationTests {
    /// Words only: no stemming, stop words or n-grams, so tokens are visible as they are.
    let plain = Analyzer(configuration: AnalyzerConfiguration(
        wordNGrams: 1...1, stemming: false, removesStopWords: false, minimumTokenLength: 1))

    @Test func rangesMapBackToTheOriginalText() {
        let text = "Ｈｅｌｌｏ wörld — the Café's 3D-printer (H₂O)"
        let terms = plain.analyzedTerms(in: text, language: .english)
        #expect(terms.map(\.term) == ["hello", "world", "the", "cafe", "3d", "printer", "h2o"])
        #expect(terms.map { String(text[$0.range(in: text)]) } == ["Ｈｅｌｌｏ", "wörld", "the", "Café", "3D", "printer", "H₂O"])
    }

    @Test func frenchElisionsAreDropped() {
        #expect(plain.terms(in: "l'appareil d'un véhicule qu'il jusqu'à", language: .french)
                == ["appareil", "un", "véhicule", "il", "à"])
        #expect(plain.terms(in: "l’appareil", language: .french) == ["appareil"])
    }

    @Test func englishPossessiveIsDroppedAndOtherApostrophesSplit() {
        #expect(plain.terms(in: "the manufacturer's device don't", language: .english)
                == ["the", "manufacturer", "device", "don", "t"])
    }

    @Test func hyphensSplitWords() {
        #expect(plain.terms(in: "semi-conductor Kfz-Zulassung", language: .german)
                == ["semi", "conductor", "kfz", "zulassung"])
    }

    @Test func digitsStayWithLettersAndDecimalsStayWhole() {
        #expect(plain.terms(in: "5G 3D H2O mp3 3.5 mm, 1,000 units. 42", language: .english)
                == ["5g", "3d", "h2o", "mp3", "3.5", "mm", "1,000", "units", "42"])
    }

    @Test func fullWidthAndLigaturesFoldToASCII() {
        #expect(plain.terms(in: "ＵＳＢ２ ﬁlter ＡＢＣ", language: .english) == ["usb2", "filter", "abc"])
    }

    @Test func decomposedAccentsCompose() {
        // "é" written as e + U+0301 matches the precomposed form.
        #expect(plain.terms(in: "e\u{301}lectrique", language: .french) == ["électrique"])
    }

    @Test func englishStripsAccentsButFrenchAndGermanKeepThem() {
        #expect(plain.terms(in: "naïve façade", language: .english) == ["naive", "facade"])
        #expect(plain.terms(in: "façade", language: .french) == ["façade"])
        #expect(plain.terms(in: "Größe", language: .german) == ["größe"])
    }

    @Test func minimumLengthAndNumbersOption() {
        var configuration = AnalyzerConfiguration(wordNGrams: 1...1, stemming: false, removesStopWords: false)
        configuration.keepsNumbers = false
        #expect(Analyzer(configuration: configuration).terms(in: "a housing 10 with 3D lid 12", language: .english)
                == ["housing", "with", "3d", "lid"])
    }

    @Test func maximumTokensStopsEarly() {
        var configuration = AnalyzerConfiguration(wordNGrams: 1...1, stemming: false, removesStopWords: false)
        configuration.maximumTokens = 3
        #expect(Analyzer(configuration: configuration).terms(in: "one two three four five", language: .english)
                == ["one", "two", "three"])
    }

    @Test func caseIsKeptWhenLowercasingIsOff() {
        var configuration = AnalyzerConfiguration(wordNGrams: 1...1)
        configuration.lowercases = false
        // Lowercase words are still stemmed and filtered; capitalised ones are left alone.
        #expect(Analyzer(configuration: configuration).terms(in: "The Brakes of braking", language: .english)
                == ["The", "Brakes", "brake"])
    }
}
