import Core

/// How two marks are compared: by shape (colour-blind), by colour, by both fused with per-mode
/// weights, or as near-duplicates (perceptual hash).
public enum MarkSearchMode: String, CaseIterable, Sendable, Codable {
    case composite, shape, colour, duplicate

    /// Parses a mode name; `color` is accepted for `colour`.
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
