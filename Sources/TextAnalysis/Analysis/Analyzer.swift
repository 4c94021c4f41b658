/// Turns raw patent text into terms: tokenisation, normalisation, stop words, stemming, word
/// n-grams, and character n-grams for Chinese, Japanese and Korean.
///
/// An analyzer holds only its configuration, so it is cheap to copy and safe to share between
/// threads. The language is detected per text unless given.
///
/// ```swift
/// let analyzer = Analyzer()
/// analyzer.terms(in: "Method for producing a semiconductor device")
/// // ["method", "produc", "method produc", "semiconductor", "produc semiconductor",
/// //  "devic", "semiconductor devic"]
/// analyzer.terms(in: "半導体装置", language: .japanese)
/// // ["半", "導", "半導", "体", "導体", "装", "体装", "置", "装置"]
/// ```
///
/// Latin-script words inside Chinese, Japanese or Korean text follow the English rules.
public struct Analyzer: Sendable, Hashable {
    /// The settings this analyzer applies, with n-gram ranges clamped to
    /// `1...AnalyzerConfiguration.maximumNGramLength`.
    public let configuration: AnalyzerConfiguration
    private let detector = LanguageDetector()

    public init(configuration: AnalyzerConfiguration = AnalyzerConfiguration()) {
        var configuration = configuration
        configuration.wordNGrams = Self.clamp(configuration.wordNGrams)
        configuration.characterNGrams = Self.clamp(configuration.characterNGrams)
        configuration.minimumTokenLength = max(configuration.minimumTokenLength, 0)
        if let limit = configuration.maximumTokens { configuration.maximumTokens = max(limit, 1) }
        self.configuration = configuration
    }

    private static func clamp(_ range: ClosedRange<Int>) -> ClosedRange<Int> {
        let upperLimit = AnalyzerConfiguration.maximumNGramLength
        let lower = min(max(range.lowerBound, 1), upperLimit)
        return lower...min(max(range.upperBound, lower), upperLimit)
    }

    /// The terms of `text`, in text order, with repeats.
    ///
    /// - Parameters:
    ///   - text: any text; only its UTF-8 is read.
    ///   - language: the text's language, or `nil` to detect it.
    /// - Complexity: O(*n*) in the length of `text`.
    public func terms(in text: String, language: Language? = nil) -> [String] {
        var collector = StringCollector()
        analyze(text, language: language, into: &collector)
        return collector.terms
    }

    /// The terms of `text` with the span of text each came from, for highlighting.
    ///
    /// - Parameters:
    ///   - text: any text; only its UTF-8 is read.
    ///   - language: the text's language, or `nil` to detect it.
    public func analyzedTerms(in text: String, language: Language? = nil) -> [AnalyzedTerm] {
        var collector = RangeCollector()
        analyze(text, language: language, into: &collector)
        return collector.terms
    }

    /// Runs the analysis, feeding terms to `output`; returns the language used.
    @discardableResult
    func analyze<Output: TermSink>(_ text: String, language: Language?, into output: inout Output) -> Language {
        let language = language ?? detector.detect(text)
        // Latin words in CJK text are usually English technical terms.
        let wordLanguage = language.usesCharacterNGrams ? .english : language
        var pass = AnalysisPass(configuration: configuration, wordLanguage: wordLanguage, output: consume output)
        Tokenizer(language: wordLanguage, lowercases: configuration.lowercases).tokenize(text, into: &pass)
        output = pass.output
        return language
    }
}

private struct StringCollector: TermSink {
    var terms: [String] = []

    mutating func term(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) {
        terms.append(String(decoding: bytes, as: UTF8.self))
    }
}

private struct RangeCollector: TermSink {
    var terms: [AnalyzedTerm] = []

    mutating func term(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) {
        terms.append(AnalyzedTerm(term: String(decoding: bytes, as: UTF8.self), utf8Range: start..<end))
    }
}
