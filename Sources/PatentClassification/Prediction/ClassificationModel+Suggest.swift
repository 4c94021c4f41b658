import Classifications
import Core
import Foundation
import Learning
import TextAnalysis

extension ClassificationModel {
    /// Suggests symbols for a text (title, abstract, claims or any mix).
    ///
    /// - Returns: up to `options.count` suggestions, most confident first; empty when none of the
    ///   text's terms occur in the training corpus or none pass the threshold.
    /// - Throws: `empty_input` for an empty text; `invalid_argument` for a level deeper than the
    ///   model's or a restriction that matches none of the model's symbols.
    ///
    /// ```swift
    /// let top = try model.suggest("Lithium battery with silicon anode", options: .init(count: 3, explain: true))
    /// top[0].symbol      // H01M
    /// top[0].confidence  // 0.83
    /// ```
    public func suggest(_ text: String, options: SuggestOptions = SuggestOptions()) throws(IPAIError) -> [Suggestion] {
        let allowed = try validate(options)
        guard !text.allSatisfy({ $0.isWhitespace }) else {
            throw IPAIError(.emptyInput, "the text to classify is empty")
        }
        return suggestions(text, options: options, allowed: allowed)
    }

    /// Suggestions for many texts on several threads, in input order.
    /// - Throws: like ``suggest(_:options:)`` for invalid options; an empty text gets no suggestions.
    public func suggest(
        _ texts: [String], options: SuggestOptions = SuggestOptions(), threads: Int = Parallel.defaultThreadCount
    ) throws(IPAIError) -> [[Suggestion]] {
        let allowed = try validate(options)
        return Parallel.map(count: texts.count, threads: threads, chunkSize: 64) { range in
            let scratch = ensemble.makeScratch()
            return range.map { suggestions(texts[$0], options: options, allowed: allowed, scratch: scratch) }
        }
    }

    /// Checks the options against the model; returns the allowed labels (nil: all).
    private func validate(_ options: SuggestOptions) throws(IPAIError) -> Set<Int32>? {
        if let level = options.level, level > self.level {
            throw IPAIError(
                .invalidArgument,
                "this model suggests \(self.level) symbols; it cannot suggest at \(level) level — train a model at that level")
        }
        guard options.count >= 1 else { throw IPAIError(.invalidArgument, "the number of suggestions must be at least 1") }
        guard (0...1).contains(options.threshold) else {
            throw IPAIError(.invalidArgument, "the confidence threshold must lie between 0 and 1, got \(options.threshold)")
        }
        guard !options.restrictTo.isEmpty else { return nil }
        var allowed = Set<Int32>()
        for (index, label) in labels.enumerated()
        where options.restrictTo.contains(where: { $0.contains(label) || label.contains($0) }) {
            allowed.insert(Int32(index))
        }
        guard !allowed.isEmpty else {
            throw IPAIError(
                .invalidArgument,
                "none of the model's \(labels.count) symbols lies under \(options.restrictTo.map(\.description).joined(separator: ", "))")
        }
        return allowed
    }

    private func suggestions(
        _ text: String, options: SuggestOptions, allowed: Set<Int32>?, scratch: Ensemble.Scratch? = nil
    ) -> [Suggestion] {
        let x = vectorizer.vector(for: text, language: options.textLanguage)
        guard !x.isEmpty else { return [] }
        let targetLevel = options.level ?? level
        let candidates = self.candidates(
            x, count: targetLevel < level ? max(50, options.count * 10) : options.count, allowed: allowed,
            scratch: scratch)
        let ranked = aggregate(candidates, to: targetLevel, count: options.count)
        let analysed = options.explain ? vectorizer.analyzer.analyzedTerms(in: text, language: options.textLanguage) : []
        let atModelLevel = targetLevel == level && options.titleLanguage == "en"
        return ranked.filter { $0.confidence >= options.threshold }.map { item in
            let path = atModelLevel ? labelPaths[Int(item.bestLabel)] : path(to: item.symbol, language: options.titleLanguage)
            return Suggestion(
                symbol: item.symbol, confidence: item.confidence, title: path.steps.last?.title, path: path,
                decisiveTerms: options.explain
                    ? decisiveTerms(x, label: Int(item.bestLabel), text: text, analysed: analysed, limit: options.explanationTerms)
                    : nil)
        }
    }

    /// The model's best labels for a vector with their calibrated probabilities, best first.
    func candidates(
        _ x: SparseVector, count: Int, allowed: Set<Int32>?, scratch: Ensemble.Scratch? = nil
    ) -> [(label: Int32, probability: Double)] {
        ensemble.rank(x, count: count, allowed: allowed.map { set in { set.contains($0) } }, scratch: scratch)
            .map { ($0.label, ensemble.probability($0.score)) }
    }

    /// Ranks symbols at `level` (the model's or coarser) from label candidates: a coarser symbol's
    /// confidence is the probability that at least one of its labels applies, 1 − Π(1 − pᵢ).
    func aggregate(
        _ candidates: [(label: Int32, probability: Double)], to level: SymbolLevel, count: Int
    ) -> [(symbol: ClassificationSymbol, confidence: Double, bestLabel: Int32)] {
        if level == self.level {
            return candidates.prefix(count).map { (labels[Int($0.label)], $0.probability, $0.label) }
        }
        var groups: [ClassificationSymbol: (miss: Double, best: Int32)] = [:]
        for (label, probability) in candidates {
            let symbol = labels[Int(label)].truncated(to: level)!
            let group = groups[symbol] ?? (1, label)
            groups[symbol] = (group.miss * (1 - probability), group.best)
        }
        var ranked = groups.map { (symbol: $0.key, confidence: 1 - $0.value.miss, bestLabel: $0.value.best) }
        ranked.sort { $0.confidence > $1.confidence || ($0.confidence == $1.confidence && $0.symbol < $1.symbol) }
        return Array(ranked.prefix(count))
    }

    /// Vectors of many texts on several threads (for evaluation).
    func vectors(_ texts: [String], threads: Int) -> [SparseVector] {
        vectorizer.vectors(for: texts, threads: threads)
    }

    private func decisiveTerms(
        _ x: SparseVector, label: Int, text: String, analysed: [AnalyzedTerm], limit: Int
    ) -> [DecisiveTerm] {
        let utf8 = Array(text.utf8)
        return ensemble.contributions(for: x, label: label).filter { $0.contribution > 0 }.prefix(limit).map { item in
            let term = vectorizer.vocabulary.term(at: item.feature)
            let matches = analysed.filter { $0.term == term }
            var seen = Set<String>()
            let occurrences = matches.compactMap { match -> String? in
                let surface = String(decoding: utf8[match.utf8Range], as: UTF8.self)
                return seen.insert(surface.lowercased()).inserted ? surface : nil
            }
            return DecisiveTerm(
                term: term, weight: Double(item.contribution), occurrences: occurrences, ranges: matches.map(\.utf8Range))
        }
    }
}
