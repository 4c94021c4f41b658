/// A Snowball stemmer for one language: reduces inflected words to a common stem so that
/// `connection`, `connected` and `connecting` become the same feature.
///
/// Stemmers exist for English (Porter2), French and German; ``init(language:)`` returns `nil` for
/// other languages. Stems are matching keys, not words: `"generously"` stems to `"generous"`,
/// but `"happy"` stems to `"happi"`.
///
/// ```swift
/// let stemmer = Stemmer(language: .english)!
/// stemmer.stem("consignment")   // "consign"
/// Stemmer(language: .german)!.stem("häuser")   // "haus"
/// ```
public struct Stemmer: Sendable, Hashable {
    /// The language whose rules this stemmer applies.
    public let language: Language

    /// Creates the stemmer for `language`, or `nil` if IPAI has none for it.
    public init?(language: Language) {
        switch language {
        case .english, .french, .german: self.language = language
        default: return nil
        }
    }

    /// The stem of a lowercase word.
    ///
    /// - Parameter word: one word, already lowercased (``Analyzer`` does this); French and German
    ///   words keep their accents, which the rules rely on.
    /// - Complexity: O(*n*) in the length of the word.
    public func stem(_ word: String) -> String {
        var chars = StemChars(word.unicodeScalars.lazy.map(\.value))
        stem(&chars)
        var result = String.UnicodeScalarView()
        for value in chars {
            if let scalar = Unicode.Scalar(value) { result.append(scalar) }
        }
        return String(result)
    }

    /// Stems in place; the analyser's allocation-free path.
    @inline(__always)
    func stem(_ chars: inout StemChars) {
        switch language {
        case .english: EnglishStemmer.stem(&chars)
        case .french: FrenchStemmer.stem(&chars)
        case .german: GermanStemmer.stem(&chars)
        default: break
        }
    }
}
