/// A symbol with its ancestors from the section down, each with its title: the "parent chain"
/// shown beside a suggestion.
///
/// ```swift
/// let path = scheme.path(to: try ClassificationSymbol(parsing: "A01B 1/02"))
/// print(path)
/// // A — HUMAN NECESSITIES
/// //   A01 — AGRICULTURE; FORESTRY; ...
/// //     A01B — SOIL WORKING IN AGRICULTURE OR FORESTRY; ...
/// //       A01B 1/00 — Hand tools (edge trimmers for lawns A01G 3/06)
/// //         A01B 1/02 — Spades; Shovels
/// ```
/// It encodes in JSON as an array: `[{"symbol": "A", "title": "HUMAN NECESSITIES"}, ...]`.
public struct HierarchyPath: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One level of the chain.
    public struct Step: Sendable, Hashable, Codable {
        public var symbol: ClassificationSymbol
        /// The display title, nil when the scheme has none for this symbol.
        public var title: String?

        public init(symbol: ClassificationSymbol, title: String?) {
            self.symbol = symbol
            self.title = title
        }
    }

    /// From the section down to the symbol itself.
    public var steps: [Step]

    public init(steps: [Step]) { self.steps = steps }

    /// The symbol the path leads to.
    public var symbol: ClassificationSymbol? { steps.last?.symbol }

    /// One line per step, indented by depth: `G06F 17/30 — Information retrieval`.
    public var description: String {
        steps.enumerated().map { depth, step in
            String(repeating: "  ", count: depth) + step.symbol.description + (step.title.map { " — " + $0 } ?? "")
        }.joined(separator: "\n")
    }

    public init(from decoder: any Decoder) throws {
        steps = try decoder.singleValueContainer().decode([Step].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(steps)
    }
}
