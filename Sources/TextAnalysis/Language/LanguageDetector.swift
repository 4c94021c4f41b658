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
        var text = text
        return text.withUTF8 { detect(utf8: $0) }
    }

    /// How many words to read between checks for a decisive lead, and the lead that is decisive.
    private static let checkEvery = 12
    private static let decisiveLead = 8.0

    private func detect(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Language {
        var counts = ScriptCounts()
        var scorer = LatinScorer()
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var wordHasNonASCII = false
        var wordsSinceCheck = 0
        let end = min(bytes.count, Self.sampleBytes)
        var index = 0

        while index < end {
            let byte = bytes[index]
            var value: UInt32
            if byte < 0x80 {
                index += 1
                if CharacterClass.ascii[Int(byte)] == .letter {
                    counts.latin += 1
                    word.append(byte | 0x20)
                    continue
                }
                value = UInt32(byte)
            } else {
                let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                guard index + length <= bytes.count else { break }
                value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { value = (value << 6) | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                value = CharacterFolding.fold(value, lowercase: true) ?? value
                switch Script.of(value) {
                case .latin:
                    counts.latin += 1
                    appendUTF8(value, to: &word)
                    wordHasNonASCII = wordHasNonASCII || value >= 0x80
                    continue
                case .han: counts.han += 1
                case .kana: counts.kana += 1
                case .hangul: counts.hangul += 1
                case .other:
                    if CharacterClass.of(value) == .letter { counts.otherLetters += 1 }
                }
            }
            // Anything that is not a Latin letter ends a word (apostrophes too: l', d', qu').
            guard !word.isEmpty else { continue }
            scorer.add(word, hasNonASCII: wordHasNonASCII)
            word.removeAll(keepingCapacity: true)
            wordHasNonASCII = false
            wordsSinceCheck += 1
            if wordsSinceCheck == Self.checkEvery {
                wordsSinceCheck = 0
                // Long Latin-only texts are usually decided within the first sentence.
                if counts.han + counts.kana + counts.hangul + counts.otherLetters == 0
                    && scorer.lead >= Self.decisiveLead {
                    break
                }
            }
        }
        if !word.isEmpty { scorer.add(word, hasNonASCII: wordHasNonASCII) }

        let cjk = counts.han + counts.kana + counts.hangul
        // A CJK character carries about as much as a short Latin word.
        if cjk > 0 && cjk * 4 >= counts.latin {
            if counts.hangul >= counts.han + counts.kana { return .korean }
            // Japanese writes grammar in kana; Chinese never uses kana.
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
