/// Guesses the language of a text so that a mixed corpus needs no language field.
///
/// Chinese, Japanese and Korean are told apart by script (Japanese when kana are present,
/// Korean when Hangul dominates). Latin-script text is scored among English, French and German by
/// function words, typical title words, accented letters and word endings; text that scores best
/// as Spanish, Italian, Portuguese or Dutch, or that is written in another script, is ``Language/other``.
/// Only the first 2 KB are read, so detection costs the same for a title and a full description.
///
/// ```swift
/// let detector = LanguageDetector()
/// detector.detect("Verfahren zur Herstellung eines Bauteils")   // .german
/// detector.detect("半導体装置の製造方法")                          // .japanese
/// ```
public struct LanguageDetector: Sendable, Hashable {
    /// How many UTF-8 bytes of a text are examined.
    static let sampleBytes = 2048

    public init() {}

    /// The most likely language of `text`; ``Language/other`` if it has no letters or no
    /// evidence for a supported language.
    ///
    /// - Complexity: O(min(*n*, 2048)) in the UTF-8 length of `text`.
    public func detect(_ text: String) -> Language {
        var counts = ScriptCounts()
        var scorer = LatinScorer()
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var wordHasNonASCII = false
        var examined = 0

        func finishWord() {
            if !word.isEmpty {
                scorer.add(word, hasNonASCII: wordHasNonASCII)
                word.removeAll(keepingCapacity: true)
                wordHasNonASCII = false
            }
        }

        for scalar in text.unicodeScalars {
            examined += UTF8.width(scalar)
            if examined > Self.sampleBytes { break }
            let value = CharacterFolding.fold(scalar.value, lowercase: true) ?? scalar.value
            let script = Script.of(value)
            switch script {
            case .latin:
                counts.latin += 1
                appendUTF8(value, to: &word)
                if value >= 0x80 { wordHasNonASCII = true }
            case .han:
                counts.han += 1
                finishWord()
            case .kana:
                counts.kana += 1
                finishWord()
            case .hangul:
                counts.hangul += 1
                finishWord()
            case .other:
                if value == 0x27 || value == 0x2019 {
                    // Keep French elisions (l', d', qu') as words of their own.
                    finishWord()
                } else if value >= 0x80, let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic,
                          CharacterClass.of(value) == .letter {
                    counts.otherLetters += 1
                    finishWord()
                } else {
                    finishWord()
                }
            }
        }
        finishWord()

        let cjk = counts.han + counts.kana + counts.hangul
        if cjk > 0 && cjk * 4 >= counts.latin {
            if counts.hangul >= counts.han + counts.kana { return .korean }
            if counts.kana > 0 && (counts.kana * 20 >= counts.han || counts.kana >= 3) { return .japanese }
            return counts.han > 0 ? .chinese : .japanese
        }
        if counts.latin == 0 || counts.otherLetters > counts.latin { return .other }
        return scorer.bestLanguage()
    }
}

private struct ScriptCounts {
    var latin = 0
    var han = 0
    var kana = 0
    var hangul = 0
    var otherLetters = 0
}
