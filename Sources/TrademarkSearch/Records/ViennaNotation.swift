import Classifications
import Core
import Foundation

/// Vienna codes as the register keeps and filters them: digits only, two per level
/// (`03`, `0301`, `030102`), read from WIPO notation (`3.1.2`), EUIPO notation (`03.01.02`) or digits.
public enum ViennaNotation {
    /// The digits of a code at any level (category, division, section).
    /// - Throws: `invalid_input` naming `field` and the value, with both notations as examples.
    public static func digits(_ raw: String, field: String = "vienna") throws(IPAIError) -> String {
        do {
            return try ViennaCode(parsing: raw).digits
        } catch {
            throw IPAIError(.invalidInput, error.message, at: InputLocation(field: field, value: raw))
        }
    }

    /// EUIPO notation of stored digits: `030102` → `03.01.02`.
    public static func euipo(_ digits: String) -> String {
        (try? ViennaCode(parsing: digits))?.euipoNotation ?? digits
    }

    /// WIPO notation of stored digits: `030102` → `3.1.2`; an office extension (`010199`) keeps the
    /// EUIPO form, so it never reads as a code of WIPO's edition.
    public static func wipo(_ digits: String) -> String {
        (try? ViennaCode(parsing: digits))?.description ?? digits
    }
}
