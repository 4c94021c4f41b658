import Classifications
import Core
import Foundation

/// Proposes Vienna codes for a new figurative mark from the codes of its nearest labelled
/// neighbours in the register, combined with how often the register uses each code.
///
/// For each code `c`, with neighbours `i` of weight `sᵢ` (the similarity raised to
/// ``similarityExponent``, so that close neighbours outvote distant ones; negative similarities count as 0),
/// `S = Σ sᵢ`, the register frequency `p(c)` (``ViennaPriors/frequency(of:)``) and the prior weight `m`:
///
///     score(c) = (Σᵢ sᵢ·[c ∈ codesᵢ] + m·p(c)) / (S + m)
///
/// i.e. the similarity-weighted vote of the neighbours, smoothed towards the register's frequencies
/// as if `m` more neighbours of total similarity `m` had voted with the register's frequencies.
/// With no neighbours the scores are the frequencies: the ``baseline(priors:count:)``.
/// Division and category scores are the sums of the scores of the codes within them (a code
/// labelled at division level counts for its division).
///
/// ```swift
/// let suggester = ViennaSuggester()
/// let suggestions = suggester.suggest(
///     neighbours: results.map { (codes: $0.viennaCodes, similarity: $0.score) }, priors: priors, count: 10)
/// suggestions.at(.division)           // the ten best divisions
/// let baseline = ViennaSuggester.baseline(priors: priors, count: 10)
/// ```
public struct ViennaSuggester: Sendable {
    /// `m`, the weight of the register's frequencies in units of neighbour similarity; 0 uses the
    /// neighbours alone (the register only breaks ties).
    public var priorWeight: Double
    /// `γ`: each neighbour votes with its similarity to the power γ; 1 votes with the similarity
    /// itself, larger values let the closest neighbours dominate.
    public var similarityExponent: Double
    /// Whether to propose an office's own codes (90 and above); true for an office whose register
    /// uses them.
    public var includesOfficeExtensions: Bool
    /// Codes never proposed, e.g. the scheme's deleted codes.
    public var excludedCodes: Set<ViennaCode>

    /// The prior weight used unless the office tunes its own with ``tuned(cases:priors:priorWeights:exponents:)``.
    public static let defaultPriorWeight = 0.5

    public init(
        priorWeight: Double = ViennaSuggester.defaultPriorWeight, similarityExponent: Double = 1,
        includesOfficeExtensions: Bool = true, excludedCodes: Set<ViennaCode> = []
    ) {
        self.priorWeight = max(0, priorWeight)
        self.similarityExponent = max(0, similarityExponent)
        self.includesOfficeExtensions = includesOfficeExtensions
        self.excludedCodes = excludedCodes
    }

    /// A suggester that proposes no code the scheme marks deleted.
    public init(
        priorWeight: Double = ViennaSuggester.defaultPriorWeight, similarityExponent: Double = 1, scheme: ViennaScheme,
        includesOfficeExtensions: Bool = true
    ) {
        self.init(
            priorWeight: priorWeight, similarityExponent: similarityExponent, includesOfficeExtensions: includesOfficeExtensions,
            excludedCodes: Set(scheme.codes.filter { scheme.entry(for: $0)?.isDeleted == true }))
    }

    /// Suggests Vienna codes from labelled neighbours and the register's priors.
    ///
    /// - Parameters:
    ///   - neighbours: the nearest labelled marks, each with its codes and its similarity to the new
    ///     mark (higher is closer; any scale, the same for all).
    ///   - priors: the register's code frequencies.
    ///   - count: how many suggestions to return at each level.
    /// - Returns: up to `count` sections, then up to `count` divisions, then up to `count` categories,
    ///   each level ranked by score (ties in scheme order). Empty when there is nothing to go on.
    /// - Complexity: O(n·k + c) for n neighbours of k codes and c codes in the priors.
    public func suggest(
        neighbours: [(codes: [ViennaCode], similarity: Float)], priors: ViennaPriors, count: Int = 10
    ) -> [ViennaSuggestion] {
        var votes: [ViennaCode: Double] = [:]
        var total = 0.0
        for neighbour in neighbours {
            let similarity = Double(neighbour.similarity)
            guard similarity > 0, similarity.isFinite else { continue }
            let weight = similarityExponent == 1 ? similarity : pow(similarity, similarityExponent)
            total += weight
            for code in Set(neighbour.codes) where accepts(code) { votes[code, default: 0] += weight }
        }
        let m = priorWeight
        guard total + m > 0 else { return [] }
        var candidates = Set(votes.keys)
        if m > 0 { candidates.formUnion(priors.counts.keys.filter(accepts)) }
        var scored: [ViennaSuggestion] = []
        scored.reserveCapacity(candidates.count)
        for code in candidates {
            let vote = votes[code] ?? 0
            let prior = priors.frequency(of: code)
            scored.append(ViennaSuggestion(
                code: code, score: (vote + m * prior) / (total + m), neighbourSupport: total > 0 ? vote / total : 0,
                prior: prior))
        }
        return Self.ranked(scored, count: count)
    }

    /// The frequency-only baseline: the register's most frequent codes, whatever the mark looks like.
    ///
    /// - Returns: as ``suggest(neighbours:priors:count:)``, with each score the code's frequency.
    public static func baseline(priors: ViennaPriors, count: Int = 10) -> [ViennaSuggestion] {
        ViennaSuggester(priorWeight: 1).suggest(neighbours: [], priors: priors, count: count)
    }

    /// The frequency-only baseline with this suggester's exclusions.
    public func baseline(priors: ViennaPriors, count: Int = 10) -> [ViennaSuggestion] {
        var frequencyOnly = self
        frequencyOnly.priorWeight = 1
        return frequencyOnly.suggest(neighbours: [], priors: priors, count: count)
    }

    func accepts(_ code: ViennaCode) -> Bool {
        (includesOfficeExtensions || !code.isOfficeExtension) && !excludedCodes.contains(code)
    }

    /// Sections as scored, then divisions and categories as the sums of the codes within them.
    static func ranked(_ scored: [ViennaSuggestion], count: Int) -> [ViennaSuggestion] {
        var result: [ViennaSuggestion] = []
        for level in ViennaLevel.allCases.reversed() {
            var rolled: [ViennaCode: ViennaSuggestion] = [:]
            for suggestion in scored {
                guard let code = suggestion.code.truncated(to: level) else { continue }
                if var sum = rolled[code] {
                    sum.score += suggestion.score
                    sum.neighbourSupport += suggestion.neighbourSupport
                    sum.prior += suggestion.prior
                    rolled[code] = sum
                } else {
                    rolled[code] = ViennaSuggestion(
                        code: code, score: suggestion.score, neighbourSupport: suggestion.neighbourSupport,
                        prior: suggestion.prior)
                }
            }
            let best = rolled.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.code < $1.code }
            result.append(contentsOf: best.prefix(max(0, count)))
        }
        return result
    }
}
