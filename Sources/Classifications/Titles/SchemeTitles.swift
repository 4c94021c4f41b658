import Core

/// Titles of classification symbols in one or more languages, with the scheme's hierarchy.
///
/// Load WIPO's scheme files (or an office's own, see ``load(contentsOf:format:language:skippingBadLines:)``),
/// then look titles up, walk children, or cut a small ``subset(for:)`` holding only a model's labels
/// and their ancestors, which encodes compactly as JSON (see `Codable`).
///
/// ```swift
/// var scheme = SchemeTitles()
/// try scheme.load(contentsOf: "ipc-en.tsv")
/// try scheme.load(contentsOf: "ipc-titles-en-fr.jsonl")
/// let spades = try ClassificationSymbol(parsing: "A01B 1/02")
/// scheme.title(of: spades)                         // "Spades; Shovels"
/// scheme.title(of: spades.parent!, language: "fr") // French if loaded, else English
/// scheme.children(of: try ClassificationSymbol(parsing: "G06F"))
/// ```
public struct SchemeTitles: Sendable, Equatable {
    /// The scheme edition declared by the first loaded file that names one, e.g. `2021.01`.
    public var version: String?
    /// Titles by language code (lowercased), then by symbol.
    var titles: [String: [ClassificationSymbol: String]] = [:]
    /// Every symbol with a title in some language, in scheme order.
    public internal(set) var symbols: [ClassificationSymbol] = []

    /// An empty scheme.
    public init() {}

    /// The language codes with at least one title, sorted.
    public var languages: [String] { titles.keys.sorted() }

    /// The number of symbols with a title in some language.
    public var count: Int { symbols.count }

    public var isEmpty: Bool { symbols.isEmpty }

    /// Whether `symbol` has a title in some language.
    /// - Complexity: O(log n).
    public func contains(_ symbol: ClassificationSymbol) -> Bool {
        let position = firstIndex(atOrAfter: symbol.key)
        return position < symbols.count && symbols[position] == symbol
    }

    /// The title of `symbol` in `language`, else in its base language (`zh` for `zh-CN`), else in
    /// English; nil if there is none. Titles are as in the file (see ``displayTitle(of:language:)``).
    public func title(of symbol: ClassificationSymbol, language: String = "en") -> String? {
        for candidate in Self.fallbacks(for: language) {
            if let title = titles[candidate]?[symbol] { return title }
        }
        return nil
    }

    /// The symbols one level below `symbol` that have titles, in scheme order.
    ///
    /// A main group's children are all its subgroups (the dot hierarchy among subgroups is not in
    /// the files); a subgroup has none. Use ``symbols(at:)`` with `.section` for the top level.
    /// - Complexity: O(k log n) for k children.
    public func children(of symbol: ClassificationSymbol) -> [ClassificationSymbol] {
        guard let childLevel = symbol.level.deeper else { return [] }
        var result: [ClassificationSymbol] = []
        let end = symbol.subtreeEnd
        var position = firstIndex(atOrAfter: symbol.key + 1)
        while position < symbols.count, symbols[position].key < end {
            let candidate = symbols[position]
            if candidate.level == childLevel { result.append(candidate) }
            // Jump over the candidate's own subtree (or that of the absent child above it).
            position = firstIndex(atOrAfter: candidate.truncated(to: childLevel)!.subtreeEnd)
        }
        return result
    }

    /// Every symbol at `level` that has a title, in scheme order.
    public func symbols(at level: SymbolLevel) -> [ClassificationSymbol] {
        symbols.filter { $0.level == level }
    }

    /// A scheme holding only `labels` and their ancestors (those that have titles), in every
    /// language, with the same version: what a trained model embeds to show its labels' titles.
    public func subset(for labels: some Sequence<ClassificationSymbol>) -> SchemeTitles {
        var wanted = Set<ClassificationSymbol>()
        for label in labels {
            wanted.insert(label)
            wanted.formUnion(label.ancestors)
        }
        var result = SchemeTitles()
        result.version = version
        for (language, byLanguage) in titles {
            var kept: [ClassificationSymbol: String] = [:]
            for symbol in wanted { if let title = byLanguage[symbol] { kept[symbol] = title } }
            if !kept.isEmpty { result.titles[language] = kept }
        }
        result.symbols = symbols.filter { wanted.contains($0) }
        return result
    }

    /// Sets (or replaces) the title of `symbol` in `language`.
    public mutating func setTitle(_ title: String, for symbol: ClassificationSymbol, language: String = "en") {
        titles[Self.normalized(language), default: [:]][symbol] = title
        let position = firstIndex(atOrAfter: symbol.key)
        if position == symbols.count || symbols[position] != symbol { symbols.insert(symbol, at: position) }
    }

    /// Adds every title of `other`; where both have a title for the same symbol and language,
    /// `other`'s wins. Keeps this scheme's version unless it has none.
    public mutating func merge(_ other: SchemeTitles) {
        for (language, byLanguage) in other.titles {
            titles[language, default: [:]].merge(byLanguage) { _, new in new }
        }
        if version == nil { version = other.version }
        mergeSymbols(other.symbols)
    }

    /// Adds sorted `added` symbols (duplicates allowed) to ``symbols``, keeping it sorted and free of duplicates.
    mutating func mergeSymbols(_ added: [ClassificationSymbol]) {
        var merged: [ClassificationSymbol] = []
        merged.reserveCapacity(symbols.count + added.count)
        var left = 0, right = 0
        while left < symbols.count || right < added.count {
            let next: ClassificationSymbol
            if right == added.count || (left < symbols.count && symbols[left] <= added[right]) {
                next = symbols[left]
                left += 1
            } else {
                next = added[right]
                right += 1
            }
            if merged.last != next { merged.append(next) }
        }
        symbols = merged
    }

    /// The position of the first symbol whose key is at least `key`.
    func firstIndex(atOrAfter key: UInt64) -> Int {
        var low = 0, high = symbols.count
        while low < high {
            let middle = (low + high) / 2
            if symbols[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Language codes compare lowercased, with `_` read as `-` (`zh_CN` is `zh-cn`).
    static func normalized(_ language: String) -> String {
        String(language.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// `zh-CN` → `["zh-cn", "zh", "en"]`.
    static func fallbacks(for language: String) -> [String] {
        let full = normalized(language)
        var result = [full]
        if let dash = full.firstIndex(of: "-") { result.append(String(full[..<dash])) }
        if !result.contains("en") { result.append("en") }
        return result
    }
}
