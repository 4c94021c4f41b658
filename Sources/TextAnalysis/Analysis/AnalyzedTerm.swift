/// A term and the span of the original text it came from, for highlighting decisive terms.
///
/// For a word n-gram the span runs from the first word's start to the last word's end.
public struct AnalyzedTerm: Sendable, Hashable {
    /// The term as it enters vectors: folded, stemmed, n-gram parts joined by a space.
    public var term: String
    /// Byte offsets in the UTF-8 of the analysed text.
    public var utf8Range: Range<Int>

    public init(term: String, utf8Range: Range<Int>) {
        self.term = term
        self.utf8Range = utf8Range
    }

    /// The span as string indices of `text`, which must be the text that was analysed.
    ///
    /// ```swift
    /// for item in analyzer.analyzedTerms(in: abstract) where item.term == "brake" {
    ///     print(abstract[item.range(in: abstract)])   // "braking"
    /// }
    /// ```
    public func range(in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        let upper = utf8.index(lower, offsetBy: utf8Range.count)
        return lower..<upper
    }
}
