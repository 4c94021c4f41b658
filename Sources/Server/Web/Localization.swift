import Foundation
import Hummingbird

/// The interface's languages: message catalogues in `Resources/Localization/<code>.json`, plus one
/// file per part of the service, `<part>.<code>.json`.
/// Adding one of the six UN languages is adding its file (Arabic pages are laid out right to left).
enum Localization {
    /// The languages with a catalogue, in menu order.
    static let languages: [(code: String, name: String)] = {
        let preferred = ["en", "zh", "fr", "es", "ru", "ar"]
        let names = ["en": "English", "zh": "中文", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية"]
        return preferred.filter { catalogues[$0] != nil }.map { ($0, names[$0] ?? $0) }
    }()

    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur"]

    static let catalogues: [String: [String: String]] = {
        var result: [String: [String: String]] = [:]
        guard let directory = Bundle.module.url(forResource: "Resources/Localization", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return ["en": [:]] }
        // `en.json` holds the core messages; `<part>.en.json` (conversation, consultation, …) add a part's.
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) where file.pathExtension == "json" {
            guard let language = file.deletingPathExtension().lastPathComponent.split(separator: ".").last.map(String.init),
                  let data = try? Data(contentsOf: file),
                  let messages = try? JSONSerialization.jsonObject(with: data) as? [String: String]
            else { continue }
            result[language, default: [:]].merge(messages) { first, _ in first }
        }
        if result["en"] == nil { result["en"] = [:] }
        return result
    }()

    /// The message `key` in `language`, else in English, else the key itself.
    static func text(_ key: String, _ language: String) -> String {
        catalogues[language]?[key] ?? catalogues["en"]?[key] ?? key
    }

    /// The language for a request: `?lang=`, then the `ipai_lang` cookie, then Accept-Language.
    static func language(for request: Request) -> String {
        if let requested = request.uri.queryParameters.get("lang"), catalogues[requested] != nil { return requested }
        if let cookie = request.cookies["ipai_lang"]?.value, catalogues[cookie] != nil { return cookie }
        if let accept = request.headers[.acceptLanguage] {
            for part in accept.split(separator: ",") {
                let code = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).prefix(2).lowercased()
                if catalogues[code] != nil { return code }
            }
        }
        return "en"
    }
}
