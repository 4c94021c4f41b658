import Core
import Foundation

/// Minimal HTML building: escaping and a few helpers, so pages are plain Swift functions
/// returning strings (no template engine, no build step).
enum HTML {
    /// Escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        HTMLText.escape(text)
    }

    /// `name="value"` with the value escaped.
    static func attribute(_ name: String, _ value: String) -> String {
        "\(name)=\"\(escape(value))\""
    }

    /// A percent-encoded query value.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `<option>` elements; `selected` marks the current value.
    static func options(_ items: [(value: String, label: String)], selected: String?) -> String {
        items.map { item in
            let mark = item.value == selected ? " selected" : ""
            return "<option \(attribute("value", item.value))\(mark)>\(escape(item.label))</option>"
        }.joined()
    }

    /// A JSON document safe to place inside a `<script type="application/json">` element.
    static func jsonScript(id: String, _ value: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8)
        let json = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
        return "<script type=\"application/json\" id=\"\(id)\">\(json)</script>"
    }

    /// A number as a percentage with at most one decimal (`83.4`).
    static func percent(_ value: Double) -> String {
        String(format: "%.1f", min(max(value, 0), 1) * 100)
    }

    /// A measure in 0...1 shown with three decimals, or an en dash when absent.
    static func measure(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "–"
    }

    /// A date in milliseconds since 1970 as `2025-01-31 14:05` (UTC).
    static func date(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "–" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000)) + " UTC"
    }

    /// A byte count as `12.3 MB`.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
