import Core

extension ClassificationSymbol: Codable {
    /// Decodes a symbol from a string in any notation ``init(parsing:)`` accepts.
    ///
    /// - Throws: `IPAIError` (`invalid_symbol`) for a string that is not a symbol.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    /// Encodes the standard notation, ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
