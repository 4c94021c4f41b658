/// A language IPAI's text analysis distinguishes, identified by its ISO 639-1 code.
///
/// Languages without their own rules fall under ``other`` (code `und`, "undetermined" in
/// BCP 47): they are tokenised like English but neither stemmed nor stop-word filtered.
///
/// ```swift
/// Language(code: "de-AT")      // .german
/// Language(code: "français")   // .french
/// Language.japanese.rawValue   // "ja"
/// ```
public enum Language: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case english = "en"
    case french = "fr"
    case german = "de"
    case chinese = "zh"
    case japanese = "ja"
    case korean = "ko"
    case other = "und"

    /// Parses a language name or code: ISO 639-1 (`en`), ISO 639-2 (`eng`, `fre`, `fra`, `ger`,
    /// `deu`, `chi`, `zho`, `jpn`, `kor`), BCP 47 tags (`zh-Hans-CN`, `en_US`), and English or native
    /// names (`German`, `deutsch`, `中文`), case-insensitively.
    ///
    /// - Parameter code: the text to parse; surrounding whitespace is ignored.
    /// - Returns: the language, ``other`` for `und`/`other`, or `nil` if the code is not recognised.
    public init?(code: String) {
        var text = code.trimmingWhitespace().lowercased()
        if let separator = text.firstIndex(where: { $0 == "-" || $0 == "_" }) {
            text = String(text[..<separator])
        }
        switch text {
        case "en", "eng", "english", "anglais", "englisch": self = .english
        case "fr", "fre", "fra", "french", "français", "francais", "französisch": self = .french
        case "de", "ger", "deu", "german", "deutsch", "allemand": self = .german
        case "zh", "chi", "zho", "cmn", "chinese", "中文", "汉语", "漢語": self = .chinese
        case "ja", "jpn", "japanese", "日本語": self = .japanese
        case "ko", "kor", "korean", "한국어": self = .korean
        case "und", "other", "xx", "mul": self = .other
        default: return nil
        }
    }

    /// The code, e.g. `de`.
    public var description: String { rawValue }

    /// Whether text in this language is written without spaces between words and so is indexed by
    /// character n-grams.
    var usesCharacterNGrams: Bool {
        switch self {
        case .chinese, .japanese, .korean: true
        default: false
        }
    }
}
