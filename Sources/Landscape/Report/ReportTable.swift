import Foundation

/// One table of a report, as CSV and JSON export it and the HTML page shows it: the single source
/// of every number a reader sees.
public struct ReportTable: Sendable, Hashable, Codable {
    /// A cell: a whole number, a decimal (already rounded as shown), text, or nothing.
    public enum Value: Sendable, Hashable, Codable {
        case int(Int)
        case decimal(Double, places: Int)
        case text(String)
        case missing

        /// The cell as written in CSV and HTML.
        public var formatted: String {
            switch self {
            case .int(let value): String(value)
            case .decimal(let value, let places): String(format: "%.\(places)f", value)
            case .text(let value): value
            case .missing: ""
            }
        }

        /// The cell as a JSON value.
        var json: JSONText.Value {
            switch self {
            case .int(let value): .int(value)
            case .decimal(let value, let places): .double((value * pow(10, Double(places))).rounded() / pow(10, Double(places)))
            case .text(let value): .string(value)
            case .missing: .null
            }
        }
    }

    /// File-name-safe id (`families_per_year`); the CSV is `<id>.csv`.
    public var id: String
    public var title: String
    public var columns: [String]
    public var rows: [[Value]]
    /// What the numbers mean, shown under the table.
    public var caption: String?

    public init(id: String, title: String, columns: [String], rows: [[Value]], caption: String? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// RFC 4180 CSV with a header row. Cells that a spreadsheet would run as a formula get a leading `'`.
    public var csv: String {
        var text = columns.map(Self.csvCell).joined(separator: ",") + "\r\n"
        for row in rows {
            text += row.map { Self.csvCell($0.formatted) }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func csvCell(_ raw: String) -> String {
        var value = raw
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// The table as a JSON object: `{"id", "title", "columns", "rows": [{column: value}], "caption"}`.
    var jsonValue: JSONText.Value {
        var members: [(String, JSONText.Value)] = [
            ("id", .string(id)), ("title", .string(title)), ("columns", .array(columns.map { .string($0) })),
            ("rows", .array(rows.map { row in .object(Array(zip(columns, row.map(\.json)))) })),
        ]
        if let caption { members.append(("caption", .string(caption))) }
        return .object(members)
    }

    /// The table as JSON text (see ``LandscapeReport/json()`` for the whole report).
    public var json: String {
        var text = ""
        JSONText.write(jsonValue, into: &text)
        return text
    }
}
