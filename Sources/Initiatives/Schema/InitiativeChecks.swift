import Core
import Foundation

/// Field checks shared by offices, applications and surveys; each error names the field and value.
enum InitiativeChecks {
    /// Empty, or an absolute http(s) link (no `javascript:` or relative links in published pages).
    static func link(_ text: String, field: String) throws(IPAIError) {
        guard !text.isEmpty else { return }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), URL(string: text)?.host != nil, text.count <= 2000 else {
            throw IPAIError(.invalidInput, "expected a link starting with https://", at: InputLocation(field: field, value: text))
        }
    }

    /// Two capital letters A–Z.
    static func country(_ text: String) throws(IPAIError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw IPAIError(
                .invalidInput, "expected a two-letter country code (ISO 3166-1, or the WIPO ST.3 code of a regional office such as EP)",
                at: InputLocation(field: "country", value: text))
        }
        return code
    }

    /// `YYYY` or `YYYY-MM` (years 1950–2100), or empty.
    static func since(_ text: String) throws(IPAIError) -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return "" }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let year = parts.first.flatMap { $0.count == 4 ? Int($0) : nil }
        let monthValid = parts.count == 1 || (parts.count == 2 && parts[1].count == 2 && (1...12).contains(Int(parts[1]) ?? 0))
        guard let year, (1950...2100).contains(year), monthValid, parts.count <= 2 else {
            throw IPAIError(.invalidInput, "expected a year such as 2019 or a month such as 2019-04", at: InputLocation(field: "since", value: text))
        }
        return value
    }

    /// Empty, or something shaped like an e-mail address.
    static func email(_ text: String) throws(IPAIError) -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return "" }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !value.contains(where: \.isWhitespace), value.count <= 254 else {
            throw IPAIError(.invalidInput, "expected an e-mail address such as ai@office.example", at: InputLocation(field: "contact_email", value: text))
        }
        return value
    }

    /// A calendar date `YYYY-MM-DD`.
    static func date(_ text: String, field: String) throws(IPAIError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid = parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
            && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
        guard valid else {
            throw IPAIError(.invalidInput, "expected a date such as 2025-04-23", at: InputLocation(field: field, value: text))
        }
    }

    /// A localized text with at least one language, each at most `limit` characters.
    static func text(_ value: LocalizedText, field: String, required: Bool, limit: Int) throws(IPAIError) {
        if required && value.isEmpty {
            throw IPAIError(.invalidInput, "\(field) is needed in at least one language", at: InputLocation(field: field))
        }
        for (language, text) in value.values where text.count > limit {
            throw IPAIError(.invalidInput, "at most \(limit) characters", at: InputLocation(field: "\(field).\(language)", value: text))
        }
    }
}
