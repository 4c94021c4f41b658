import Core

/// The depth of a Vienna code: category (`1`), division (`1.1`) or section (`1.1.2`).
///
/// Levels compare by depth (`.category < .section`) and encode in JSON as their ``name``.
///
/// ```swift
/// try ViennaLevel(parsing: "Division")   // .division
/// code.truncated(to: .category)
/// ```
public enum ViennaLevel: Int, Sendable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    /// One number, 1–29: `1` (WIPO), `01` (EUIPO).
    case category = 0
    /// Category and division: `1.1`, `01.01`.
    case division = 1
    /// Category, division and section: `1.1.2`, `01.01.02`.
    case section = 2

    /// The canonical name: `category`, `division`, `section`.
    public var name: String {
        switch self {
        case .category: "category"
        case .division: "division"
        case .section: "section"
        }
    }

    public var description: String { name }

    /// Parses a level name, ignoring case: `category`, `division`, `section`.
    ///
    /// - Throws: `IPAIError` (`invalid_argument`) naming the accepted spellings.
    public init(parsing text: some StringProtocol) throws(IPAIError) {
        switch String(text).trimmingSpaces.lowercased() {
        case "category", "categories": self = .category
        case "division", "divisions": self = .division
        case "section", "sections": self = .section
        default:
            throw IPAIError(.invalidArgument, "'\(text)' is not a Vienna level: use category, division or section")
        }
    }

    public static func < (lhs: ViennaLevel, rhs: ViennaLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            guard let level = ViennaLevel(rawValue: number) else {
                throw IPAIError(.invalidArgument, "\(number) is not a Vienna level number (0–2)")
            }
            self = level
        } else {
            self = try ViennaLevel(parsing: container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
