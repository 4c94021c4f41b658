import Core

extension SchemeTitles: Codable {
    private enum CodingKeys: String, CodingKey {
        case version, titles
    }

    /// Encodes `{"version": "2021.01", "titles": {"en": {"A01B 1/02": "Spades; Shovels", ...}, ...}}`,
    /// symbols in standard notation.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(version, forKey: .version)
        var byLanguage: [String: [String: String]] = [:]
        for (language, titles) in titles {
            var table: [String: String] = [:]
            table.reserveCapacity(titles.count)
            for (symbol, title) in titles { table[symbol.description] = title }
            byLanguage[language] = table
        }
        try container.encode(byLanguage, forKey: .titles)
    }

    /// Decodes what ``encode(to:)`` writes; symbols may be in any notation.
    ///
    /// - Throws: `IPAIError` (`invalid_symbol`) for a key that is not a symbol, or a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        version = try container.decodeIfPresent(String.self, forKey: .version)
        let byLanguage = try container.decode([String: [String: String]].self, forKey: .titles)
        var all = Set<ClassificationSymbol>()
        for (language, table) in byLanguage {
            var parsed: [ClassificationSymbol: String] = [:]
            parsed.reserveCapacity(table.count)
            for (text, title) in table {
                let symbol = try ClassificationSymbol(parsing: text)
                parsed[symbol] = title
                all.insert(symbol)
            }
            titles[Self.normalized(language), default: [:]].merge(parsed) { _, new in new }
        }
        symbols = all.sorted()
    }
}
