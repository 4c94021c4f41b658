import Foundation

/// English names of offices and countries for tables: ISO 3166 codes through the system's
/// locale data, regional offices from a short list.
public enum OfficeNames {
    static let regional: [String: String] = [
        "WO": "WIPO (PCT)", "EP": "European Patent Office", "EA": "Eurasian Patent Organization",
        "AP": "ARIPO", "OA": "OAPI", "GC": "GCC Patent Office", "EM": "EUIPO", "XN": "Nordic Patent Institute",
        "XV": "Visegrad Patent Institute", "CN": "China", "TW": "Taiwan", "HK": "Hong Kong", "KR": "Republic of Korea",
        "KP": "Democratic People's Republic of Korea", "RU": "Russian Federation", "SU": "Soviet Union", "DD": "German Democratic Republic",
    ]

    /// The name of an office or country code (`JP` → `Japan`, `EP` → `European Patent Office`); the code itself if unknown.
    public static func name(_ code: String) -> String {
        if let name = regional[code] { return name }
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return code }
        return Locale(identifier: "en").localizedString(forRegionCode: code) ?? code
    }
}
