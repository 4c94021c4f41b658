import Core
import Foundation

/// Vienna codes as the register keeps and filters them: digits only, two per level
/// (`03`, `0301`, `030102`), read from WIPO notation (`3.1.2`), EUIPO notation (`03.01.02`) or digits.
public enum ViennaNotation {
    /// The digits of a code at any level (category, division, section).
    /// - Throws: `invalid_input` naming `field` and the value, with both notations as examples.
    public static func digits(_ raw: String, field: String = "vienna") throws(IPAIError) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        if text.contains(".") {
            parts = text.split(separator: ".", omittingEmptySubsequences: false)
        } else if text.count % 2 == 0 {
            parts = stride(from: 0, to: text.count, by: 2).map { offset in
                let start = text.index(text.startIndex, offsetBy: offset)
                return text[start..<text.index(start, offsetBy: 2)]
            }
        } else if text.count == 1 {
            parts = [Substring(text)]
        } else {
            parts = []
        }
        guard (1...3).contains(parts.count),
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) && Int($0) != nil }),
              let category = Int(parts[0]), (1...29).contains(category)
        else {
            throw IPAIError(
                .invalidInput, "not a Vienna code; write it as 3.1.2 (WIPO) or 03.01.02 (EUIPO), category 1 to 29",
                at: InputLocation(field: field, value: raw))
        }
        return parts.map { part in part.count == 1 ? "0" + part : String(part) }.joined()
    }

    /// EUIPO notation of stored digits: `030102` → `03.01.02`.
    public static func euipo(_ digits: String) -> String {
        stride(from: 0, to: digits.count, by: 2).map { offset in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return String(digits[start..<digits.index(start, offsetBy: min(2, digits.count - offset))])
        }.joined(separator: ".")
    }

    /// WIPO notation of stored digits: `030102` → `3.1.2`.
    public static func wipo(_ digits: String) -> String {
        euipo(digits).split(separator: ".").map { String(Int($0) ?? 0) }.joined(separator: ".")
    }
}
