import Foundation

/// A content field written in several languages (`{"en": "…", "fr": "…"}`), as conversations,
/// consultations and the initiatives index keep their titles and texts. Stored as a JSON object.
///
/// ```swift
/// let theme = LocalizedText(["en": "AI and inventorship", "fr": "L'IA et la qualité d'inventeur"])
/// theme.text(in: "fr")   // "L'IA et la qualité d'inventeur"
/// theme.text(in: "ar")   // falls back to English
/// ```
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    /// Text by language code (`en`, `fr`, `es`, `ru`, `zh`, `ar`); empty texts are dropped.
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values.filter { !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// English text only.
    public init(english: String) { self.init(["en": english]) }

    public var isEmpty: Bool { values.isEmpty }

    /// The text in `language`, else English, else any language (in code order), else "".
    public func text(in language: String) -> String {
        values[language] ?? values["en"] ?? values.keys.sorted().first.flatMap { values[$0] } ?? ""
    }

    /// The language `text(in:)` actually used (for a `lang` attribute on fallback text).
    public func language(for requested: String) -> String? {
        if values[requested] != nil { return requested }
        if values["en"] != nil { return "en" }
        return values.keys.sorted().first
    }

    public subscript(language: String) -> String? {
        get { values[language] }
        set {
            if let newValue, !newValue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                values[language] = newValue
            } else {
                values[language] = nil
            }
        }
    }

    /// The stored form: a JSON object with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads the stored form; text that is not a JSON object of strings is taken as English.
    public init(json: String) {
        if let data = json.data(using: .utf8), let values = try? JSONDecoder().decode([String: String].self, from: data) {
            self.init(values)
        } else {
            self.init(english: json)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let values = try? container.decode([String: String].self) {
            self.init(values)
        } else {
            self.init(english: try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
