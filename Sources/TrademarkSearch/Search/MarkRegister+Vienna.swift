import Classifications
import Core
import Imaging

/// Vienna suggestions for a new mark beside the frequency-only baseline.
public struct ViennaAdvice: Sendable {
    public var suggestions: [ViennaSuggestion]
    public var baseline: [ViennaSuggestion]
    /// The labelled neighbours the suggestions come from (best first).
    public var neighbours: [MarkHit]
}

extension MarkRegister {
    /// How many labelled neighbours vote on Vienna suggestions.
    public static let viennaNeighbours = 20

    /// Suggests Vienna codes for an image: its nearest labelled marks (composite similarity) vote,
    /// smoothed by the code frequencies of `priors` (default: this register's own).
    /// - Throws: `invalid_input` for an image that cannot be decoded.
    public func suggestVienna(
        image: [UInt8], name: String = "query", count: Int = 10, priors: ViennaPriors? = nil,
        suggester: ViennaSuggester = ViennaSuggester()
    ) throws(IPAIError) -> ViennaAdvice {
        suggestVienna(query: try imaging.query(image, name: name), count: count, priors: priors, suggester: suggester)
    }

    /// Vienna suggestions for a described query.
    public func suggestVienna(
        query: QuerySignature, count: Int = 10, priors: ViennaPriors? = nil, suggester: ViennaSuggester = ViennaSuggester()
    ) -> ViennaAdvice {
        let labelled = state.withLock { state in state.entries.filter { !$0.value.vienna.isEmpty }.mapValues(\.vienna) }
        let neighbours = search(
            query: query,
            options: MarkSearchOptions(mode: .composite, count: Self.viennaNeighbours, filter: MarkFilter(), excluding: nil),
            where: { labelled[$0] != nil })
        let priors = priors ?? registerPriors()
        let votes = neighbours.map { hit in
            (codes: (labelled[hit.id] ?? []).compactMap { try? ViennaCode(parsing: $0) }, similarity: Float(hit.score))
        }
        return ViennaAdvice(
            suggestions: suggester.suggest(neighbours: votes, priors: priors, count: count),
            baseline: suggester.baseline(priors: priors, count: count), neighbours: neighbours)
    }

    /// The register's own Vienna code frequencies.
    public func registerPriors() -> ViennaPriors {
        let sets = state.withLock { state in state.entries.values.map(\.vienna) }
        return ViennaPriors(codeSets: sets.map { codes in codes.compactMap { try? ViennaCode(parsing: $0) } })
    }
}
