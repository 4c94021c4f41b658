/// Escaping for text and attribute values in HTML and SVG: the one escaper of the server's pages and the
/// landscape reports.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` as entities, safe in element content and quoted attributes.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
