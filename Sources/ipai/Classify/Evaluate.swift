import ArgumentParser
import Classifications
import Core
import Foundation
import PatentClassification

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a model on a labelled corpus, or cross-validate a training set.",
        discussion: """
            Reports, at the model's level and every coarser level: WIPO's measures (top prediction,
            three guesses, all categories), precision@1/3/5, recall@5, F1@5 and NDCG@5, and a
            per-symbol breakdown (--symbols-csv).

            Examples:
              ipai classify evaluate -m ipc.ipaimodel dev.jsonl
              ipai classify evaluate -m ipc.ipaimodel dev.jsonl --json --symbols-csv per-symbol.csv --record
              ipai classify evaluate --cross-validate 5 corpus.jsonl --labels ipc --level subclass --scheme ipc-en.tsv
            """)

    @Option(name: [.short, .long], help: ArgumentHelp("The model file.", valueName: "file"))
    var model: String?

    @Argument(help: ArgumentHelp("The labelled corpus.", valueName: "corpus"))
    var corpus: String

    @OptionGroup var input: CorpusOptions
    @OptionGroup var scheme: SchemeOptions

    @Option(help: ArgumentHelp("Train and test this many folds instead of evaluating a model.", valueName: "k"))
    var crossValidate: Int?

    @Option(help: ArgumentHelp("With --cross-validate: the level to train at.", valueName: "level"))
    var level: String = "subclass"

    @Option(help: ArgumentHelp("Write the per-symbol breakdown at the model's level as CSV.", valueName: "file"))
    var symbolsCsv: String?

    @Flag(help: "Store the headline numbers in the model file's metadata.")
    var record = false

    @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var threads: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if model == nil && crossValidate == nil {
            throw ValidationError("give a model (--model FILE) or --cross-validate K")
        }
        if model != nil && crossValidate != nil {
            throw ValidationError("--model and --cross-validate exclude each other")
        }
    }

    func run() throws {
        try Output.failing {
            let progress = TerminalProgress()
            let threads = try threadCount(threads)
            let report: EvaluationReport
            if let folds = crossValidate {
                let source = LabelSource(
                    field: input.labels ?? "ipc", level: try parseLevel(level)!, firstIsMain: input.firstIsMain)
                let fields = try input.textFields()
                let titles = try scheme.load(progress: progress, skipInvalid: input.skipInvalid)
                let data = try LabelledCorpus.read(
                    path: corpus, format: try input.parsedFormat(), labels: source, textFields: fields,
                    skipInvalid: input.skipInvalid, progress: progress)
                report = try CrossValidation.run(
                    corpus: data, corpusName: corpus, folds: folds, labelSource: source, textFields: fields, titles: titles,
                    configuration: .recommended(for: source.level), threads: threads, progress: progress)
            } else {
                let modelPath = model!
                var loaded = try ClassificationModel.load(from: modelPath)
                var source = loaded.metadata.labels
                if let field = input.labels { source.field = field }
                source.firstIsMain = input.firstIsMain
                let data = try LabelledCorpus.read(
                    path: corpus, format: try input.parsedFormat(), labels: source,
                    textFields: try input.textFields(default: loaded.metadata.textFields),
                    skipInvalid: input.skipInvalid, progress: progress)
                report = try loaded.evaluate(
                    corpus: data, corpusName: corpus, firstIsMain: source.firstIsMain, threads: threads, progress: progress)
                if record {
                    loaded.record(loaded.summary(of: report))
                    try loaded.save(to: modelPath)
                }
            }
            progress.finish()
            if let symbolsCsv {
                try OutputFile.write(Data(report.main.symbolCSV.utf8), to: symbolsCsv)
            }
            if json {
                try Output.json(report)
            } else {
                printTable(report)
            }
        }
    }

    private func printTable(_ report: EvaluationReport) {
        let heading = report.folds.map { "\($0)-fold cross-validation" } ?? "Evaluation"
        Output.line("\(heading) on \(report.corpus): \(report.documents) documents, \(String(format: "%.1f", report.seconds)) s")
        Output.line("level        P@1    P@3    P@5    R@5    F1@5   NDCG@5  top-pred  3-guess  all-cat")
        func cell(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "   -  " }
        for level in report.levels {
            Output.line(
                level.level.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + [level.precisionAt1, level.precisionAt3, level.precisionAt5, level.recallAt5, level.f1At5, level.ndcgAt5]
                    .map { String(format: "%.4f", $0) }.joined(separator: " ")
                    + "  " + cell(level.wipo.topPrediction) + "    " + cell(level.wipo.threeGuesses) + "   "
                    + cell(level.wipo.allCategories))
        }
        if report.main.wipo.topPrediction == nil {
            Output.line("(top prediction and three guesses need gold data that marks the main symbol: --first-is-main)")
        }
    }
}
