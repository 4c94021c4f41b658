import Classifications

/// One proposed Vienna code with its score and where the score comes from.
public struct ViennaSuggestion: Sendable, Hashable, Codable {
    /// The code proposed: a section, or a division or category its sections roll up to.
    public var code: ViennaCode
    /// `(S · neighbourSupport + m · prior) / (S + m)`, with `S` the neighbours' summed similarity and `m`
    /// the suggester's ``ViennaSuggester/priorWeight``; for a division or category, the sum over its codes.
    public var score: Double
    /// ``code``'s level, repeated for readers of the JSON.
    public var level: ViennaLevel
    /// The similarity-weighted share of neighbours labelled with the code (summed over the codes
    /// within a division or category); 0 in the baseline.
    public var neighbourSupport: Double
    /// The code's frequency in the register (see ``ViennaPriors/frequency(of:)``).
    public var prior: Double

    public init(code: ViennaCode, score: Double, neighbourSupport: Double = 0, prior: Double = 0) {
        self.code = code
        self.score = score
        self.level = code.level
        self.neighbourSupport = neighbourSupport
        self.prior = prior
    }
}

extension Array where Element == ViennaSuggestion {
    /// The suggestions at `level`, in rank order. When the list holds none at that level (say, only
    /// sections), the deeper suggestions cut to `level`, each kept at its best rank.
    public func at(_ level: ViennaLevel) -> [ViennaSuggestion] {
        let direct = filter { $0.level == level }
        if !direct.isEmpty { return direct }
        var seen: Set<ViennaCode> = []
        var cut: [ViennaSuggestion] = []
        for suggestion in self {
            guard let code = suggestion.code.truncated(to: level), seen.insert(code).inserted else { continue }
            cut.append(ViennaSuggestion(
                code: code, score: suggestion.score, neighbourSupport: suggestion.neighbourSupport, prior: suggestion.prior))
        }
        return cut
    }
}
