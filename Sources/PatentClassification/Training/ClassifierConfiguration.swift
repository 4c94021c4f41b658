import Classifications
import Learning
import TextAnalysis

/// How a classification model is trained: text analysis, term weighting and the ensemble.
/// Stored in the model's metadata, so a model says exactly how it was made.
///
/// The defaults are the measured recipe (`Benchmarks/classification/RECIPE.md`): stemmed words
/// and word pairs (character 1–2-grams for Chinese and Japanese), L2-normalised BM25 weights,
/// one-vs-rest SVMs with a parent-level model and nearest neighbours, scheme titles as extra
/// training documents.
public struct ClassifierConfiguration: Sendable, Hashable, Codable {
    public var analyzer: AnalyzerConfiguration
    public var weighting: TermWeighting
    public var vocabulary: VocabularyOptions
    public var ensemble: EnsembleParameters
    /// Whether to add pseudo-documents built from the scheme's titles (when a scheme is loaded).
    public var schemeDocuments: Bool

    public init(
        analyzer: AnalyzerConfiguration = AnalyzerConfiguration(wordNGrams: 1...2, characterNGrams: 1...2),
        weighting: TermWeighting = .bm25(k1: 1.2, b: 0.75, normalized: true),
        vocabulary: VocabularyOptions = VocabularyOptions(minDocumentFrequency: 1),
        ensemble: EnsembleParameters = EnsembleParameters(),
        schemeDocuments: Bool = true
    ) {
        self.analyzer = analyzer
        self.weighting = weighting
        self.vocabulary = vocabulary
        self.ensemble = ensemble
        self.schemeDocuments = schemeDocuments
    }

    /// The measured recipe for a level: at main-group level and below, a label tree that follows
    /// the IPC hierarchy joins the ensemble (+0.5 precision@1 on PATENTSCOPE main groups, where
    /// labels are many and sparse); above, it would only slow prediction down.
    public static func recommended(for level: SymbolLevel) -> ClassifierConfiguration {
        var configuration = ClassifierConfiguration()
        if level >= .mainGroup {
            configuration.ensemble.tree = LabelTreeParameters(
                maxLeafSize: 100, beamWidth: 10,
                linear: LinearParameters(cost: 1, loss: .squaredHinge, tolerance: 0.1, maxIterations: 20, pruneThreshold: 0.1))
        }
        return configuration
    }
}
