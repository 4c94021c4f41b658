extension SchemeTitles {
    /// The chain from `symbol`'s section down to `symbol`, each with its display title in
    /// `language` (falling back as ``title(of:language:)`` does).
    public func path(to symbol: ClassificationSymbol, language: String = "en") -> HierarchyPath {
        HierarchyPath(steps: (symbol.ancestors + [symbol]).map {
            HierarchyPath.Step(symbol: $0, title: displayTitle(of: $0, language: language))
        })
    }
}
