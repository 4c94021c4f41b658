import Classifications
import Core
import Learning
import TextAnalysis

/// A trained patent classifier: text analysis, the label set (IPC or CPC symbols at one level),
/// the ensemble, and the scheme titles of its labels.
///
/// ```swift
/// let corpus = try LabelledCorpus.read(path: "train.jsonl", labels: .init(field: "ipc", level: .subclass),
///                                      textFields: [.title, .abstract])
/// let model = try ClassificationModel.train(corpus: corpus, textFields: [.title, .abstract], titles: scheme)
/// try model.save(to: "ipc-subclass.ipaimodel")
/// let suggestions = try model.suggest("A battery pack with a cooling plate")
/// ```
public struct ClassificationModel: Sendable {
    public internal(set) var metadata: ModelMetadata
    let vectorizer: Vectorizer
    /// The symbols the model can suggest, in label-id order.
    public let labels: [ClassificationSymbol]
    let ensemble: Ensemble
    /// Titles of the labels and their ancestors (empty if no scheme was loaded at training).
    public let titles: SchemeTitles
    /// The display path (with display titles, in English) of every label and ancestor, computed
    /// once: suggestions are made by the thousand and would otherwise rebuild them each time.
    let englishPaths: [ClassificationSymbol: HierarchyPath]
    /// The same for each label, by label id (no hashing on the hot path).
    let labelPaths: [HierarchyPath]

    /// The level of the symbols the model suggests.
    public var level: SymbolLevel { metadata.labels.level }

    init(metadata: ModelMetadata, vectorizer: Vectorizer, labels: [ClassificationSymbol], ensemble: Ensemble, titles: SchemeTitles) {
        self.metadata = metadata
        self.vectorizer = vectorizer
        self.labels = labels
        self.ensemble = ensemble
        self.titles = titles
        var paths: [ClassificationSymbol: HierarchyPath] = [:]
        for label in labels {
            for symbol in label.ancestors + [label] where paths[symbol] == nil {
                paths[symbol] = titles.path(to: symbol, language: "en")
            }
        }
        englishPaths = paths
        labelPaths = labels.map { paths[$0]! }
    }

    /// A symbol's path from the section down, with titles in `language`.
    func path(to symbol: ClassificationSymbol, language: String) -> HierarchyPath {
        if language == "en", let path = englishPaths[symbol] { return path }
        return titles.path(to: symbol, language: language)
    }

    /// Attaches an evaluation's headline numbers to the metadata (saved with the model).
    public mutating func record(_ evaluation: EvaluationSummary) {
        metadata.evaluations.append(evaluation)
    }
}

extension ClassificationModel {
    /// For kernel benchmarks only.
    package var debugVectorizer: Vectorizer { vectorizer }
    package var debugEnsemble: Ensemble { ensemble }
}
