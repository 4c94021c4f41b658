import Classifications

/// One suggested symbol for a text.
public struct Suggestion: Sendable, Codable, Equatable {
    public var symbol: ClassificationSymbol
    /// Calibrated probability (0...1) that the symbol applies to the text.
    public var confidence: Double
    /// The symbol's title in the requested language, if the model knows it.
    public var title: String?
    /// The chain from the section down to the symbol, with titles.
    public var path: HierarchyPath
    /// The text's terms that weighed most for this suggestion (when asked to explain).
    public var decisiveTerms: [DecisiveTerm]?
}

/// A term of the text that pushed a suggestion up, with where it occurs in the text.
public struct DecisiveTerm: Sendable, Codable, Equatable {
    /// The analysed term (stemmed word, word pair, or character n-gram).
    public var term: String
    /// Its contribution to the suggestion's score.
    public var weight: Double
    /// The words of the text it came from, as written.
    public var occurrences: [String]
    /// UTF-8 byte ranges of those occurrences in the text, for highlighting.
    public var ranges: [Range<Int>]
}
