import Core

extension ViennaCode: CustomStringConvertible, Codable {
    /// WIPO's notation without leading zeros (`1.1.2`, `1.1`, `1`), or nil for an office extension,
    /// which WIPO does not define.
    public var wipoNotation: String? {
        isOfficeExtension ? nil : parts.map(String.init).joined(separator: ".")
    }

    /// EUIPO's notation, two digits per level: `01.01.02`, `01.01`, `01`.
    public var euipoNotation: String { parts.map(Self.twoDigits).joined(separator: ".") }

    /// Two digits per level without separators, as in registers and label files: `010102`.
    public var digits: String { parts.map(Self.twoDigits).joined() }

    /// WIPO's notation for WIPO codes (`1.1.2`); EUIPO's notation for office extensions (`01.01.99`),
    /// so that an office's own code never reads as a WIPO one.
    public var description: String { wipoNotation ?? euipoNotation }

    var parts: [Int] { [category, division, section].compactMap { $0 } }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Decodes a code from a string in any notation ``init(parsing:)`` accepts.
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
