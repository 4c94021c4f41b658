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

    /// The level of the symbols the model suggests.
    public var level: SymbolLevel { metadata.labels.level }

    init(metadata: ModelMetadata, vectorizer: Vectorizer, labels: [ClassificationSymbol], ensemble: Ensemble, titles: SchemeTitles) {
        self.metadata = metadata
        self.vectorizer = vectorizer
        self.labels = labels
        self.ensemble = ensemble
        self.titles = titles
    }

    /// Attaches an evaluation's headline numbers to the metadata (saved with the model).
    public mutating func record(_ evaluation: EvaluationSummary) {
        metadata.evaluations.append(evaluation)
    }
}
