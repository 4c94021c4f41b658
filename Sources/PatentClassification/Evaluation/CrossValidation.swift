import Classifications
import Core
import Foundation

/// k-fold cross-validation: each fold is held out once while a model trains on the others.
/// Folds are assigned by a stable hash of the document id, so runs are repeatable.
public enum CrossValidation {
    /// Trains `folds` models and averages their evaluations level by level.
    /// - Returns: a report whose measures are fold means, with their standard deviations in `spread`.
    /// - Throws: `invalid_argument` for fewer than 2 folds; `empty_input` if a fold has no documents.
    public static func run(
        corpus: LabelledCorpus, corpusName: String, folds: Int, labelSource: LabelSource, textFields: [TextField],
        titles: SchemeTitles, configuration: ClassifierConfiguration, threads: Int = Parallel.defaultThreadCount,
        progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> EvaluationReport {
        guard folds >= 2 else { throw IPAIError(.invalidArgument, "cross-validation needs at least 2 folds, got \(folds)") }
        let started = Date()
        let fold = corpus.documents.map { Int(StableHash.fnv1a($0.document.id) % UInt64(folds)) }
        var reports: [EvaluationReport] = []
        for k in 0..<folds {
            let train = LabelledCorpus(
                documents: zip(corpus.documents, fold).filter { $0.1 != k }.map(\.0), report: corpus.report)
            let test = LabelledCorpus(
                documents: zip(corpus.documents, fold).filter { $0.1 == k }.map(\.0), report: corpus.report)
            guard !train.documents.isEmpty, !test.documents.isEmpty else {
                throw IPAIError(.emptyInput, "fold \(k + 1) of \(folds) has no documents; use fewer folds")
            }
            progress?.report(phase: "fold \(k + 1)/\(folds)", completed: 0, total: nil)
            let model = try ClassificationModel.train(
                corpus: train, labelSource: labelSource, textFields: textFields, titles: titles,
                configuration: configuration, threads: threads, progress: progress)
            reports.append(try model.evaluate(
                corpus: test, corpusName: corpusName, firstIsMain: labelSource.firstIsMain, threads: threads,
                progress: progress))
        }
        return average(reports, corpusName: corpusName, seconds: Date().timeIntervalSince(started))
    }

    static func average(_ reports: [EvaluationReport], corpusName: String, seconds: Double) -> EvaluationReport {
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        func deviation(_ values: [Double]) -> Double {
            let average = mean(values)
            return (values.map { ($0 - average) * ($0 - average) }.reduce(0, +) / Double(max(1, values.count - 1))).squareRoot()
        }
        var levels: [LevelEvaluation] = []
        var spread: [String: Double] = [:]
        for (position, first) in reports[0].levels.enumerated() {
            let all = reports.map { $0.levels[position] }
            func measure(_ name: String, _ value: (LevelEvaluation) -> Double) -> Double {
                let values = all.map(value)
                spread["\(first.level.name).\(name)"] = deviation(values)
                return mean(values)
            }
            // Per-symbol counts add up over folds: every document is tested exactly once.
            var symbols: [ClassificationSymbol: SymbolEvaluation] = [:]
            for evaluation in all {
                for item in evaluation.symbols {
                    if var sum = symbols[item.symbol] {
                        sum.support += item.support
                        sum.predictedFirst += item.predictedFirst
                        sum.correctFirst += item.correctFirst
                        sum.foundInFive += item.foundInFive
                        symbols[item.symbol] = sum
                    } else {
                        symbols[item.symbol] = item
                    }
                }
            }
            let topValues = all.compactMap(\.wipo.topPrediction)
            let threeValues = all.compactMap(\.wipo.threeGuesses)
            levels.append(LevelEvaluation(
                level: first.level, documents: all.map(\.documents).reduce(0, +),
                precisionAt1: measure("precision_at_1", \.precisionAt1),
                precisionAt3: measure("precision_at_3", \.precisionAt3),
                precisionAt5: measure("precision_at_5", \.precisionAt5),
                recallAt5: measure("recall_at_5", \.recallAt5),
                f1At5: measure("f1_at_5", \.f1At5),
                ndcgAt5: measure("ndcg_at_5", \.ndcgAt5),
                wipo: WIPOMeasures(
                    topPrediction: topValues.isEmpty ? nil : mean(topValues),
                    threeGuesses: threeValues.isEmpty ? nil : mean(threeValues),
                    allCategories: measure("all_categories", \.wipo.allCategories)),
                symbols: symbols.keys.sorted().map { symbols[$0]! }))
        }
        return EvaluationReport(
            corpus: corpusName, documents: reports.map(\.documents).reduce(0, +), levels: levels, seconds: seconds,
            folds: reports.count, spread: spread)
    }
}
