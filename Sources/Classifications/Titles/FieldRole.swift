/// What a column or JSON key holds, by its name.
enum FieldRole: Equatable {
    case symbol, language, title, level, version, ignored
    case titleIn(String)

    init(name: String) {
        let name = name.trimmingSpaces.lowercased()
        switch name {
        case "symbol", "code", "ipc", "cpc", "classification": self = .symbol
        case "language", "lang": self = .language
        case "title": self = .title
        case "level": self = .level
        case "version", "edition": self = .version
        default:
            if name.hasPrefix("title_") || name.hasPrefix("title-") {
                self = .titleIn(String(name.dropFirst(6)))
            } else if Self.isLanguageCode(name) {
                self = .titleIn(name)
            } else {
                self = .ignored
            }
        }
    }

    /// `en`, `zh`, `pt-br`, `zh_CN`: two letters, optionally a region. Not `id`, which names record
    /// ids far more often than Indonesian (use `title_id` for that).
    static func isLanguageCode(_ name: String) -> Bool {
        guard name != "id" else { return false }
        let parts = name.split(separator: "-", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "_", omittingEmptySubsequences: false)
        }
        guard parts.count <= 2, parts[0].count == 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.count <= 4 && part.allSatisfy { $0.isASCII && $0.isLetter } }
    }
}
