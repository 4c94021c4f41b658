import ArgumentParser
import Core
import Foundation
import PatentClassification

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a model file says about itself: labels, corpus, settings, evaluations.",
        discussion: "Example:\n  ipai classify info -m ipc.ipaimodel --json")

    @Option(name: [.short, .long], help: ArgumentHelp("The model file.", valueName: "file"))
    var model: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Output.failing {
            let metadata = try ClassificationModel.metadata(of: model)
            if json {
                try Output.json(metadata)
                return
            }
            Output.line("Model \(model)")
            Output.line("  \(metadata.labelCount) \(metadata.scheme) symbols at \(metadata.labels.level) level, from field '\(metadata.labels.field)'")
            Output.line("  text fields: \(metadata.textFields.map(\.rawValue).joined(separator: ", ")); \(metadata.featureCount) features")
            Output.line("  trained \(metadata.createdAt) by ipai \(metadata.ipaiVersion) in \(String(format: "%.1f", metadata.trainingSeconds)) s")
            Output.line("  corpus: \(metadata.corpus.documents) documents (\(metadata.corpus.languages.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))), fingerprint \(metadata.corpus.digest)" + (metadata.corpus.source.map { ", from \($0)" } ?? ""))
            Output.line(String(format: "  confidence = 1 / (1 + exp(%.3f · score + %.3f))", metadata.calibration.a, metadata.calibration.b))
            Output.line("  scheme: \(metadata.schemeVersion ?? "no titles loaded"); \(metadata.schemeDocumentCount) scheme-title training documents")
            for evaluation in metadata.evaluations {
                Output.line(String(format: "  evaluated %@ on %@ (%d documents): P@1 %.4f, P@3 %.4f, R@5 %.4f, NDCG@5 %.4f",
                                   evaluation.date.description, evaluation.corpus, evaluation.documents,
                                   evaluation.precisionAt1, evaluation.precisionAt3, evaluation.recallAt5, evaluation.ndcgAt5))
            }
        }
    }
}
