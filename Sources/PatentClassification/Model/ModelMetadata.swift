import Classifications
import Core
import Foundation
import Learning

/// What a model file says about itself, readable without loading the model (`ipai classify info`).
public struct ModelMetadata: Sendable, Codable {
    /// The IPAI release that trained the model.
    public var ipaiVersion: String
    public var createdAt: Date
    /// Where the labels came from and at which level the model suggests symbols.
    public var labels: LabelSource
    public var textFields: [TextField]
    /// `IPC` or `CPC`.
    public var scheme: String
    /// The edition of the scheme whose titles the model embeds, if one was loaded.
    public var schemeVersion: String?
    public var corpus: CorpusFingerprint
    public var configuration: ClassifierConfiguration
    public var labelCount: Int
    public var featureCount: Int
    /// Scheme-title pseudo-documents added to the training documents.
    public var schemeDocumentCount: Int
    public var trainingSeconds: Double
    /// The sigmoid that maps fused scores to confidences, p = 1 / (1 + exp(a·s + b)), fitted on held-out documents.
    public var calibration: PlattScaling
    /// Evaluations run on this model (most recent last).
    public var evaluations: [EvaluationSummary]
}

/// Identifies the training corpus: same documents and labels give the same fingerprint.
public struct CorpusFingerprint: Sendable, Codable, Equatable {
    public var documents: Int
    /// Documents per detected language code.
    public var languages: [String: Int]
    /// Hex digest over the documents' ids, texts' lengths and labels.
    public var digest: String
    /// The file the corpus was read from, as given.
    public var source: String?
}

/// The headline numbers of one evaluation, kept in the model's metadata.
public struct EvaluationSummary: Sendable, Codable, Equatable {
    public var date: Date
    public var corpus: String
    public var documents: Int
    public var level: SymbolLevel
    public var precisionAt1: Double
    public var precisionAt3: Double
    public var recallAt5: Double
    public var ndcgAt5: Double
}
