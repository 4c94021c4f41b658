import Core

/// The depth of a classification symbol in the IPC/CPC hierarchy, from section down to subgroup.
///
/// Levels compare by depth (`.section < .subgroup`). They encode in JSON as their ``name``
/// (`"main_group"`), and decode from any spelling ``init(parsing:)`` accepts or from the raw number.
///
/// ```swift
/// let level = try SymbolLevel(parsing: "MAINGROUP")   // .mainGroup
/// symbol.truncated(to: .subclass)
/// ```
public enum SymbolLevel: Int, Sendable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    /// One letter: `G`.
    case section = 0
    /// Section and two digits: `G06`.
    case `class` = 1
    /// Class and one letter: `G06F`.
    case subclass = 2
    /// Subclass and a main group number: `G06F 17/00`.
    case mainGroup = 3
    /// Main group and subgroup digits: `G06F 17/30`.
    case subgroup = 4

    /// The canonical name: `section`, `class`, `subclass`, `main_group`, `subgroup`.
    public var name: String {
        switch self {
        case .section: "section"
        case .class: "class"
        case .subclass: "subclass"
        case .mainGroup: "main_group"
        case .subgroup: "subgroup"
        }
    }

    /// The name in words, for messages: `main group`.
    public var description: String {
        self == .mainGroup ? "main group" : name
    }

    /// Parses a level name, ignoring case: `section`, `class`, `subclass`, `main-group`, `maingroup`,
    /// `main_group`, `main group`, `group`, `subgroup` (`sub-group`, `sub_group`), and IPCCAT's
    /// `CLASS`, `SUBCLASS`, `MAINGROUP`, `SUBGROUP`.
    ///
    /// - Throws: `IPAIError` with code `invalid_argument` naming the accepted spellings.
    public init(parsing text: some StringProtocol) throws(IPAIError) {
        let folded = String(text).lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        switch folded {
        case "section": self = .section
        case "class": self = .class
        case "subclass": self = .subclass
        case "maingroup", "group": self = .mainGroup
        case "subgroup": self = .subgroup
        default:
            throw IPAIError(
                .invalidArgument,
                "'\(text)' is not a classification level: use section, class, subclass, main-group or subgroup")
        }
    }

    /// The next level down, or nil for ``subgroup``.
    public var deeper: SymbolLevel? { SymbolLevel(rawValue: rawValue + 1) }

    public static func < (lhs: SymbolLevel, rhs: SymbolLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            guard let level = SymbolLevel(rawValue: number) else {
                throw IPAIError(.invalidArgument, "\(number) is not a classification level number (0–4)")
            }
            self = level
        } else {
            self = try SymbolLevel(parsing: container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
