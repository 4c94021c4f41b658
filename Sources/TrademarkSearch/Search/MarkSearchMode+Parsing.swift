import Foundation
import Core

extension MarkSearchMode {
    /// Parses a mode name as users type it; `color` is accepted for `colour`.
    /// - Throws: `invalid_input` naming the field and value, listing the modes.
    public static func parse(_ raw: String, field: String = "mode") throws(IPAIError) -> MarkSearchMode {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "color" { return .colour }
        guard let mode = MarkSearchMode(rawValue: text) else {
            throw IPAIError(.invalidInput, "unknown search mode; use composite, shape, colour or duplicate", at: InputLocation(field: field, value: raw))
        }
        return mode
    }
}
