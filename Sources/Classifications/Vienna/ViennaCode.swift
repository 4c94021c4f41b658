import Core

/// A code of the Vienna Classification (WIPO's International Classification of the Figurative
/// Elements of Marks) at any level: category `1`, division `1.1` or section `1.1.2`.
///
/// Parsing accepts WIPO's notation (`1.1.2`), EUIPO's (`01.01.02`), the digits-only form of
/// registers and label files (`010102`, `0101`, `01`) and a bare category (`1`).
/// ``wipoNotation`` and ``euipoNotation`` print the two notations.
///
/// Offices extend the WIPO edition with their own numbers, 90 and above: EUIPO's `01.01.99`
/// ("Stars with five points"), division `26.99` or category `98` ("Other marks"). Such codes are
/// ``isOfficeExtension``; they have no WIPO notation (``wipoNotation`` is nil) and print in the
/// office's two-digit notation, so they are never shown as if WIPO had defined them.
///
/// Codes sort in scheme order, a parent before its descendants. A code is 4 bytes.
///
/// ```swift
/// let star = try ViennaCode(parsing: "010102")
/// star.wipoNotation             // "1.1.2"
/// star.euipoNotation            // "01.01.02"
/// star.parent                   // 1.1
/// try ViennaCode(parsing: "1").isAncestor(of: star)   // true
/// try ViennaCode(parsing: "01.01.99").isOfficeExtension // true
/// ```
public struct ViennaCode: Hashable, Comparable, Sendable {
    /// Category, division and section packed high to low (absent parts 0), so integer order is scheme order.
    let key: UInt32

    /// The category number: 1–29 in the WIPO edition, 90–99 for an office's own categories.
    public var category: Int { Int(key >> 16) }
    /// The division number within the category (1–99), or nil for a category.
    public var division: Int? {
        let value = Int((key >> 8) & 0xFF)
        return value == 0 ? nil : value
    }
    /// The section number within the division (1–99), or nil above section level.
    public var section: Int? {
        let value = Int(key & 0xFF)
        return value == 0 ? nil : value
    }

    /// The highest number the WIPO edition uses in any part; offices number their extensions above it.
    public static let firstOfficeNumber = 90

    /// Makes a code from its numbers.
    ///
    /// - Parameters:
    ///   - category: 1–29, or 90–99 for an office category.
    ///   - division: 1–99 (90 and above for an office division), or nil for a category.
    ///   - section: 1–99 (90 and above for an office section), or nil; needs a division.
    /// - Throws: `IPAIError` (`invalid_symbol`) naming the number out of range.
    public init(category: Int, division: Int? = nil, section: Int? = nil) throws(IPAIError) {
        let shown = [category, division, section].compactMap { $0 }.map(String.init).joined(separator: ".")
        guard (1...29).contains(category) || (Self.firstOfficeNumber...99).contains(category) else {
            throw IPAIError(
                .invalidSymbol,
                "'\(shown)' is not a Vienna code: category must be 1–29 (WIPO) or 90–99 (office extension), found \(category)")
        }
        if let division, !(1...99).contains(division) {
            throw IPAIError(.invalidSymbol, "'\(shown)' is not a Vienna code: division must be 1–99, found \(division)")
        }
        if let section {
            guard division != nil else {
                throw IPAIError(.invalidSymbol, "'\(shown)' is not a Vienna code: a section needs a division")
            }
            guard (1...99).contains(section) else {
                throw IPAIError(.invalidSymbol, "'\(shown)' is not a Vienna code: section must be 1–99, found \(section)")
            }
        }
        key = UInt32(category) << 16 | UInt32(division ?? 0) << 8 | UInt32(section ?? 0)
    }

    init(key: UInt32) { self.key = key }

    /// The depth of this code.
    public var level: ViennaLevel {
        if key & 0xFF != 0 { return .section }
        if key & 0xFF00 != 0 { return .division }
        return .category
    }

    /// Whether any part is an office's own number (90 and above) rather than the WIPO edition's.
    public var isOfficeExtension: Bool {
        category >= Self.firstOfficeNumber || (division ?? 0) >= Self.firstOfficeNumber
            || (section ?? 0) >= Self.firstOfficeNumber
    }

    public static func < (lhs: ViennaCode, rhs: ViennaCode) -> Bool { lhs.key < rhs.key }
}
