/// Which terms a fitted ``Vocabulary`` keeps.
///
/// ```swift
/// // Drop terms seen in fewer than 2 documents or in more than 90 % of them; keep at most 500k.
/// let options = VocabularyOptions(minDocumentFrequency: 2, maxDocumentFrequencyRatio: 0.9, maxFeatures: 500_000)
/// ```
public struct VocabularyOptions: Sendable, Hashable, Codable {
    /// Terms in fewer documents than this are dropped (rare terms rarely generalise).
    public var minDocumentFrequency: Int
    /// Terms in more than this fraction of the documents are dropped (near-stop words).
    public var maxDocumentFrequencyRatio: Double
    /// If set, keep only this many terms, those in the most documents (ties broken by term order).
    public var maxFeatures: Int?

    public init(minDocumentFrequency: Int = 1, maxDocumentFrequencyRatio: Double = 1.0, maxFeatures: Int? = nil) {
        self.minDocumentFrequency = minDocumentFrequency
        self.maxDocumentFrequencyRatio = maxDocumentFrequencyRatio
        self.maxFeatures = maxFeatures
    }
}
