import Classifications

/// How often suggestions contain a true code near the top: hit@1, hit@3 and hit@10 at category,
/// division and section level, for the suggester and the frequency baseline alike.
///
/// A case is a hit at `k` on a level when one of its first `k` suggestions at that level (see
/// ``Swift/Array/at(_:)``) is one of its true codes cut to that level. Cases without a true code at
/// a level (say, labelled only at division level, for sections) do not count at that level.
///
/// ```swift
/// let result = ViennaEvaluation(cases: marks.map { (truth: $0.codes, suggestions: suggest($0)) })
/// result.division.at3   // share of marks with a true division among the first three
/// ```
public struct ViennaEvaluation: Sendable, Hashable, Codable {
    /// Hit rates at one level.
    public struct HitRates: Sendable, Hashable, Codable {
        /// Share of cases whose first suggestion is right.
        public var at1: Double
        /// Share of cases with a right suggestion among the first three.
        public var at3: Double
        /// Share of cases with a right suggestion among the first ten.
        public var at10: Double
        /// The cases counted at this level.
        public var cases: Int
    }

    public var category: HitRates
    public var division: HitRates
    public var section: HitRates

    /// Evaluates ranked suggestions against the true codes of each case.
    public init(cases: [(truth: [ViennaCode], suggestions: [ViennaSuggestion])]) {
        category = Self.hitRates(cases, at: .category)
        division = Self.hitRates(cases, at: .division)
        section = Self.hitRates(cases, at: .section)
    }

    /// The hit rates at `level`.
    public func rates(at level: ViennaLevel) -> HitRates {
        switch level {
        case .category: category
        case .division: division
        case .section: section
        }
    }

    static func hitRates(_ cases: [(truth: [ViennaCode], suggestions: [ViennaSuggestion])], at level: ViennaLevel) -> HitRates {
        var hits = [0, 0, 0]
        var counted = 0
        for item in cases {
            let truth = Set(item.truth.compactMap { $0.truncated(to: level) })
            guard !truth.isEmpty else { continue }
            counted += 1
            let ranked = item.suggestions.at(level)
            guard let first = ranked.firstIndex(where: { truth.contains($0.code) }) else { continue }
            for (index, k) in [1, 3, 10].enumerated() where first < k { hits[index] += 1 }
        }
        let share = { (hits: Int) in counted == 0 ? 0 : Double(hits) / Double(counted) }
        return HitRates(at1: share(hits[0]), at3: share(hits[1]), at10: share(hits[2]), cases: counted)
    }
}

extension ViennaSuggester {
    /// The suggester, among all pairs of `priorWeights` and `exponents`, whose suggestions give the
    /// best mean of hit@1, hit@3 and hit@10 at division level on these labelled cases (ties: the
    /// earlier pair in sorted order, i.e. the smaller weight and exponent). Tune on marks other than
    /// those you report on.
    ///
    /// - Parameters:
    ///   - cases: each a labelled mark's true codes and its neighbours (excluding the mark itself).
    ///   - priors: the register's frequencies.
    ///   - priorWeights: the values of ``priorWeight`` to try.
    ///   - exponents: the values of ``similarityExponent`` to try.
    ///   - template: the suggester whose other settings (exclusions) the result keeps.
    /// - Complexity: O(w·e·n) suggestions for w weights, e exponents and n cases.
    public static func tuned(
        cases: [(truth: [ViennaCode], neighbours: [(codes: [ViennaCode], similarity: Float)])], priors: ViennaPriors,
        priorWeights: [Double] = [0, 0.1, 0.25, 0.5, 1, 2, 4, 8], exponents: [Double] = [1, 2, 4, 8],
        template: ViennaSuggester = ViennaSuggester()
    ) -> ViennaSuggester {
        var best = (suggester: template, quality: -1.0)
        for exponent in exponents.sorted() {
            for weight in priorWeights.sorted() {
                var suggester = template
                suggester.priorWeight = max(0, weight)
                suggester.similarityExponent = max(0, exponent)
                let evaluation = ViennaEvaluation(
                    cases: cases.map { (truth: $0.truth, suggestions: suggester.suggest(neighbours: $0.neighbours, priors: priors)) })
                let quality = (evaluation.division.at1 + evaluation.division.at3 + evaluation.division.at10) / 3
                if quality > best.quality { best = (suggester, quality) }
            }
        }
        return best.suggester
    }
}
