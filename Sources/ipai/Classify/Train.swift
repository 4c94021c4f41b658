import ArgumentParser
import Classifications
import Core
import Foundation
import PatentClassification

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a classification model on a labelled corpus (JSONL or CSV).",
        discussion: """
            Each record has an id, text fields and a list of symbols, e.g.
              {"id": "EP1234", "title": "...", "abstract": "...", "ipc": ["G06F 17/30", "H04L 29/06"]}
            Symbols may be written G06F 17/30, G06F17/30, G06F0017300000 or with an edition (2006.01).
            Give the scheme's title files with --scheme: suggestions then carry titles, and the
            titles also serve as extra training text for labels with few documents.

            Examples:
              ipai classify train corpus.jsonl --labels ipc --level subclass --scheme ipc-en.tsv -o ipc.ipaimodel
              ipai classify train cn.jsonl --labels ipc_subclasses --text title --scheme ipc-titles-zh.jsonl -o cn.ipaimodel
              ipai classify train uspto.jsonl --labels cpc --level main-group --skip-invalid -o cpc-groups.ipaimodel
            """)

    @Argument(help: ArgumentHelp("The labelled corpus ('-' for standard input).", valueName: "corpus"))
    var corpus: String?

    @OptionGroup var input: CorpusOptions
    @OptionGroup var scheme: SchemeOptions

    @Option(help: ArgumentHelp("The level to train at: section, class, subclass, main-group, subgroup.", valueName: "level"))
    var level: String = "subclass"

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String = "model.ipaimodel"

    @Flag(help: "Do not add scheme titles as training documents (titles are still embedded for display).")
    var noSchemeDocuments = false

    @Option(help: ArgumentHelp(
        "Training settings as JSON (analysis, weighting, ensemble); print the defaults with --print-config.",
        valueName: "file"))
    var config: String?

    @Flag(help: "Print the default training settings for --level as JSON and exit.")
    var printConfig = false

    @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var threads: Int?

    @Flag(help: "Print a JSON summary instead of text.")
    var json = false

    func run() throws {
        if printConfig {
            try Output.failing {
                try Output.json(ClassifierConfiguration.recommended(for: try parseLevel(level)!))
            }
            return
        }
        guard let corpusPath = corpus else { throw ValidationError("give the labelled corpus to train on") }
        try Output.failing {
            let progress = TerminalProgress()
            let threads = try threadCount(threads)
            let source = LabelSource(
                field: input.labels ?? "ipc", level: try parseLevel(level)!, firstIsMain: input.firstIsMain)
            let fields = try input.textFields()
            let titles = try scheme.load(progress: progress, skipInvalid: input.skipInvalid)
            let corpus = try LabelledCorpus.read(
                path: corpusPath, format: try input.parsedFormat(), labels: source, textFields: fields,
                skipInvalid: input.skipInvalid, progress: progress)
            var configuration = try loadConfiguration(level: source.level)
            if noSchemeDocuments { configuration.schemeDocuments = false }
            let model = try ClassificationModel.train(
                corpus: corpus, labelSource: source, textFields: fields, titles: titles, configuration: configuration,
                source: corpusPath, threads: threads, progress: progress)
            try model.save(to: output)
            progress.finish()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            let metadata = model.metadata
            if json {
                try Output.json(TrainSummary(
                    output: output, bytes: bytes, documents: corpus.documents.count, labels: metadata.labelCount,
                    level: source.level, features: metadata.featureCount, schemeDocuments: metadata.schemeDocumentCount,
                    seconds: metadata.trainingSeconds, import: corpus.report))
            } else {
                Output.line("Read \(corpus.report.summary).")
                for problem in corpus.report.problems.prefix(5) { Output.line("  skipped: \(problem)") }
                Output.line(
                    "Trained on \(corpus.documents.count) documents" +
                    (metadata.schemeDocumentCount > 0 ? " and \(metadata.schemeDocumentCount) scheme-title documents" : "") +
                    ": \(metadata.labelCount) \(source.scheme) symbols at \(source.level) level, \(metadata.featureCount) features, " +
                    String(format: "%.1f s.", metadata.trainingSeconds))
                if titles.isEmpty {
                    Output.line("No scheme titles given (--scheme): suggestions will show symbols without titles.")
                }
                Output.line("Model written to \(output) (\(ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file))).")
            }
        }
    }
}

extension Train {
    private func loadConfiguration(level: SymbolLevel) throws(IPAIError) -> ClassifierConfiguration {
        guard let config else { return ClassifierConfiguration.recommended(for: level) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: config))
            return try JSONDecoder().decode(ClassifierConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw IPAIError(.invalidInput, "'\(config)' is not a valid training configuration: \(Self.describe(error))")
        } catch {
            throw IPAIError(.fileUnreadable, "cannot read '\(config)'", cause: error)
        }
    }

    /// A decoding error as "field a.b: what is wrong".
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "" : "field \(keys): "
        }
        switch error {
        case .keyNotFound(let key, let context): return path(context) + "missing '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return path(context) + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

struct TrainSummary: Encodable {
    var output: String
    var bytes: Int
    var documents: Int
    var labels: Int
    var level: SymbolLevel
    var features: Int
    var schemeDocuments: Int
    var seconds: Double
    var `import`: ImportReport

    enum CodingKeys: String, CodingKey {
        case output, bytes, documents, labels, level, features, seconds, `import`
        case schemeDocuments = "scheme_documents"
    }
}
