import Core

/// How an ``Analyzer`` turns text into terms. Stored inside trained models, so changing a field
/// after training changes the features and needs retraining.
///
/// ```swift
/// var configuration = AnalyzerConfiguration()
/// configuration.wordNGrams = 1...3
/// configuration.maximumTokens = 2_000   // only the start of long descriptions
/// let analyzer = Analyzer(configuration: configuration)
/// ```
public struct AnalyzerConfiguration: Sendable, Hashable, Codable {
    /// Lengths of word n-grams, over stemmed, stop-word-filtered words; `1...2` gives words and
    /// pairs of adjacent words. N-grams do not span sentence punctuation.
    public var wordNGrams: ClosedRange<Int>
    /// Lengths of character n-grams over runs of Chinese, Japanese and Korean characters.
    public var characterNGrams: ClosedRange<Int>
    /// Whether to reduce English, French and German words to their Snowball stems.
    public var stemming: Bool
    /// Whether to drop English, French and German function words (`the`, `de`, `und`, …).
    public var removesStopWords: Bool
    /// Words shorter than this many characters are dropped (CJK characters are kept regardless).
    public var minimumTokenLength: Int
    /// Whether to lowercase. When `false`, stop words and stemming apply only to words that are
    /// already lowercase.
    public var lowercases: Bool
    /// Whether words made only of digits (`10`, `3.5`) are kept; mixed words (`3d`, `h2o`) always are.
    public var keepsNumbers: Bool
    /// Stop after this many tokens (words and CJK characters) of a document; `nil` for no limit.
    public var maximumTokens: Int?

    public init(
        wordNGrams: ClosedRange<Int> = 1...2,
        characterNGrams: ClosedRange<Int> = 1...2,
        stemming: Bool = true,
        removesStopWords: Bool = true,
        minimumTokenLength: Int = 2,
        lowercases: Bool = true,
        keepsNumbers: Bool = true,
        maximumTokens: Int? = nil
    ) {
        self.wordNGrams = wordNGrams
        self.characterNGrams = characterNGrams
        self.stemming = stemming
        self.removesStopWords = removesStopWords
        self.minimumTokenLength = minimumTokenLength
        self.lowercases = lowercases
        self.keepsNumbers = keepsNumbers
        self.maximumTokens = maximumTokens
    }

    /// The largest n-gram length IPAI accepts, to bound the work per token.
    public static let maximumNGramLength = 8

    /// Throws `invalid_argument` if a range or limit is out of bounds.
    public func validate() throws(IPAIError) {
        for (name, range) in [("wordNGrams", wordNGrams), ("characterNGrams", characterNGrams)] {
            guard range.lowerBound >= 1, range.upperBound <= Self.maximumNGramLength else {
                throw IPAIError(.invalidArgument, "\(name) must lie within 1...\(Self.maximumNGramLength), got \(range)")
            }
        }
        guard minimumTokenLength >= 0 else {
            throw IPAIError(.invalidArgument, "minimumTokenLength must not be negative, got \(minimumTokenLength)")
        }
        if let maximumTokens, maximumTokens < 1 {
            throw IPAIError(.invalidArgument, "maximumTokens must be at least 1, got \(maximumTokens)")
        }
    }
}
