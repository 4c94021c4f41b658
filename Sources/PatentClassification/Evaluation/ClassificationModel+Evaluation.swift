import Classifications
import Core
import Foundation
import Learning

extension ClassificationModel {
    /// Evaluates the model on a labelled corpus at its own level and every coarser level.
    ///
    /// - Parameters:
    ///   - corpus: documents with gold labels at the model's level (read with the model's label source).
    ///   - firstIsMain: whether each document's first gold symbol is its main symbol, enabling
    ///     WIPO's "top prediction" and "three guesses" measures.
    ///   - levels: the levels to report (default: section down to the model's level).
    /// - Throws: `empty_input` if the corpus has no labelled documents.
    public func evaluate(
        corpus: LabelledCorpus, corpusName: String, firstIsMain: Bool = false, levels: [SymbolLevel]? = nil,
        threads: Int = Parallel.defaultThreadCount, progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> EvaluationReport {
        let started = Date()
        guard !corpus.documents.isEmpty else {
            throw IPAIError(.emptyInput, "the evaluation corpus has no labelled documents")
        }
        let levels = (levels ?? SymbolLevel.allCases.filter { $0 <= level }).filter { $0 <= level }.sorted()
        let texts = corpus.documents.map { $0.document.text(metadata.textFields) }
        let vectors = vectors(texts, threads: threads)
        progress?.report(phase: "evaluating", completed: 0, total: texts.count)
        let done = ProgressCounter(phase: "evaluating", total: texts.count, reporter: progress)
        // For each document and level: the five best symbols.
        let rankings: [[[ClassificationSymbol]]] = Parallel.map(count: vectors.count, threads: threads, chunkSize: 64) { range in
            let scratch = ensemble.makeScratch()
            let output = range.map { index -> [[ClassificationSymbol]] in
                let candidates = self.candidates(vectors[index], count: 50, allowed: nil, scratch: scratch)
                return levels.map { level in self.aggregate(candidates, to: level, count: 5).map(\.symbol) }
            }
            done.add(range.count)
            return output
        }
        var evaluations: [LevelEvaluation] = []
        for (position, level) in levels.enumerated() {
            var metrics = RankingMetrics()
            var topMain = 0
            var threeMain = 0
            var allCategories = 0
            var bySymbol: [ClassificationSymbol: (support: Int, predicted: Int, correct: Int, inFive: Int)] = [:]
            for (index, item) in corpus.documents.enumerated() {
                var gold: [ClassificationSymbol] = []
                for label in item.labels {
                    if let symbol = label.truncated(to: level), !gold.contains(symbol) { gold.append(symbol) }
                }
                let goldSet = Set(gold)
                let ranked = rankings[index][position]
                metrics.add(ranked: ranked, gold: goldSet)
                if let first = ranked.first {
                    if goldSet.contains(first) { allCategories += 1 }
                    if first == gold.first { topMain += 1 }
                    bySymbol[first, default: (0, 0, 0, 0)].predicted += 1
                    if goldSet.contains(first) { bySymbol[first, default: (0, 0, 0, 0)].correct += 1 }
                }
                if let main = gold.first, ranked.prefix(3).contains(main) { threeMain += 1 }
                for symbol in goldSet {
                    bySymbol[symbol, default: (0, 0, 0, 0)].support += 1
                    if ranked.contains(symbol) { bySymbol[symbol, default: (0, 0, 0, 0)].inFive += 1 }
                }
            }
            let count = Double(metrics.documents)
            let symbols = bySymbol.keys.sorted().map { symbol in
                let tally = bySymbol[symbol]!
                return SymbolEvaluation(
                    symbol: symbol, title: titles.displayTitle(of: symbol), support: tally.support,
                    predictedFirst: tally.predicted, correctFirst: tally.correct, foundInFive: tally.inFive)
            }
            evaluations.append(LevelEvaluation(
                level: level, documents: metrics.documents,
                precisionAt1: metrics.precision(at: 1), precisionAt3: metrics.precision(at: 3),
                precisionAt5: metrics.precision(at: 5), recallAt5: metrics.recall(at: 5), f1At5: metrics.f1(at: 5),
                ndcgAt5: metrics.ndcg(at: 5),
                wipo: WIPOMeasures(
                    topPrediction: firstIsMain ? Double(topMain) / count : nil,
                    threeGuesses: firstIsMain ? Double(threeMain) / count : nil,
                    allCategories: Double(allCategories) / count),
                symbols: symbols))
        }
        return EvaluationReport(
            corpus: corpusName, documents: corpus.documents.count, levels: evaluations,
            seconds: Date().timeIntervalSince(started))
    }

    /// The report's headline numbers at the model's level, for the model's metadata.
    public func summary(of report: EvaluationReport) -> EvaluationSummary {
        let main = report.main
        return EvaluationSummary(
            date: Date(), corpus: report.corpus, documents: report.documents, level: main.level,
            precisionAt1: main.precisionAt1, precisionAt3: main.precisionAt3, recallAt5: main.recallAt5,
            ndcgAt5: main.ndcgAt5)
    }
}

