extension ViennaCode {
    /// The division of a section, the category of a division; nil for a category.
    public var parent: ViennaCode? {
        switch level {
        case .category: nil
        case .division: ViennaCode(key: key & 0xFF_0000)
        case .section: ViennaCode(key: key & 0xFF_FF00)
        }
    }

    /// This code cut to `level`: the category or division it belongs to; nil when `level` is
    /// deeper than this code.
    public func truncated(to level: ViennaLevel) -> ViennaCode? {
        guard level <= self.level else { return nil }
        switch level {
        case .category: return ViennaCode(key: key & 0xFF_0000)
        case .division: return ViennaCode(key: key & 0xFF_FF00)
        case .section: return self
        }
    }

    /// The category, division and section that lead to this code, this code last.
    public var lineage: [ViennaCode] {
        ViennaLevel.allCases.prefix(level.rawValue + 1).compactMap { truncated(to: $0) }
    }

    /// Whether `other` lies strictly below this code: category `1` is an ancestor of `1.1` and `1.1.2`,
    /// not of itself.
    public func isAncestor(of other: ViennaCode) -> Bool {
        level < other.level && other.truncated(to: level) == self
    }

    /// Whether this code, used as a filter, matches `other` "at any level": `other` is this code
    /// or lies below it. Filter `26` matches `26.1.1`; filter `26.1.1` does not match `26.1`.
    public func matches(_ other: ViennaCode) -> Bool {
        self == other || isAncestor(of: other)
    }

    /// Whether any of `codes` is matched by any of `filters` at any level (see ``matches(_:)``);
    /// an empty filter list matches everything.
    ///
    /// - Complexity: O(n·m) for n codes and m filters; both are a handful per mark.
    public static func any(of codes: some Sequence<ViennaCode>, matching filters: [ViennaCode]) -> Bool {
        guard !filters.isEmpty else { return true }
        return codes.contains { code in filters.contains { $0.matches(code) } }
    }
}
