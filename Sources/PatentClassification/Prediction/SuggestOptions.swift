import Classifications
import TextAnalysis

/// What to ask of ``ClassificationModel/suggest(_:options:)``.
public struct SuggestOptions: Sendable, Hashable, Codable {
    /// How many suggestions at most.
    public var count: Int
    /// The level of the suggested symbols: the model's own level or any coarser one
    /// (a subclass model can suggest classes and sections). Nil: the model's level.
    public var level: SymbolLevel?
    /// Suggestions with a lower confidence (0...1) are left out.
    public var threshold: Double
    /// Only symbols under (or above) one of these, as IPCCAT's "restrict to" lets an examiner
    /// force a domain, e.g. `G06`.
    public var restrictTo: [ClassificationSymbol]
    /// Whether to list, per suggestion, the terms of the text that weighed most.
    public var explain: Bool
    /// How many decisive terms per suggestion when explaining.
    public var explanationTerms: Int
    /// The language of the titles shown (falls back to English).
    public var titleLanguage: String
    /// The text's language if known; otherwise it is detected.
    public var textLanguage: Language?

    public init(
        count: Int = 5, level: SymbolLevel? = nil, threshold: Double = 0, restrictTo: [ClassificationSymbol] = [],
        explain: Bool = false, explanationTerms: Int = 5, titleLanguage: String = "en", textLanguage: Language? = nil
    ) {
        self.count = count
        self.level = level
        self.threshold = threshold
        self.restrictTo = restrictTo
        self.explain = explain
        self.explanationTerms = explanationTerms
        self.titleLanguage = titleLanguage
        self.textLanguage = textLanguage
    }
}
