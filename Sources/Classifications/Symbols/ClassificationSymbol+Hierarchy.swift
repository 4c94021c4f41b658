extension ClassificationSymbol {
    /// This symbol cut to a shallower (or the same) level, or nil if it is shallower than `level`.
    ///
    /// `G06F 17/30` truncated to `.subclass` is `G06F`; to `.mainGroup` it is `G06F 17/00`.
    public func truncated(to level: SymbolLevel) -> ClassificationSymbol? {
        guard level <= self.level else { return nil }
        guard level < self.level else { return self }
        // Keep the parts down to `level`'s own part; clear the parts below it and the level bits.
        let keep = ~((UInt64(1) << Layout.shift(of: level)) - 1)
        return ClassificationSymbol(key: (key & keep) | UInt64(level.rawValue))
    }

    /// The symbol one level up (`G06F 17/30` → `G06F 17/00` → `G06F`), or nil for a section.
    ///
    /// The parent of a subgroup is its main group: the dot hierarchy among subgroups is not part of
    /// the notation.
    public var parent: ClassificationSymbol? {
        guard let up = SymbolLevel(rawValue: level.rawValue - 1) else { return nil }
        return truncated(to: up)
    }

    /// The chain of parents from the section down, excluding this symbol:
    /// `G06F 17/30` → `[G, G06, G06F, G06F 17/00]`.
    public var ancestors: [ClassificationSymbol] {
        SymbolLevel.allCases.prefix(level.rawValue).map { truncated(to: $0)! }
    }

    /// Whether this symbol is a strict ancestor of `other` (`G06` of `G06F 17/30`; `G06F 17/00` of `G06F 17/30`).
    public func isAncestor(of other: ClassificationSymbol) -> Bool {
        level < other.level && other.truncated(to: level) == self
    }

    /// Whether `other` is this symbol or one of its descendants: the test for a "restrict to" filter.
    ///
    /// `G06` contains `G06F 17/30`; `G06F 17/00` contains `G06F 17/30`; a subgroup contains only itself.
    public func contains(_ other: ClassificationSymbol) -> Bool {
        other.truncated(to: level) == self
    }

    /// The key just above every descendant of this symbol: its subtree is the key range
    /// `key..<subtreeEnd`, which is how sorted symbol lists find children by binary search.
    var subtreeEnd: UInt64 {
        (key & ~Layout.levelMask) + (UInt64(1) << Layout.shift(of: level))
    }
}
