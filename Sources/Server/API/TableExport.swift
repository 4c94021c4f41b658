import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Open data: a table (agenda, list of speakers, interventions, submissions, outcome lists,
/// initiatives…) downloaded as JSON (an array of objects) or CSV (a header, then one row per item).
///
/// ```swift
/// var table = TableExport(name: "agenda", columns: ["number", "title"])
/// table.append(["number": .integer(1), "title": .string("Opening")])
/// return try table.response(format: request.uri.queryParameters.get("format"))
/// ```
struct TableExport {
    /// The download's file name without extension (`agenda-session-2`).
    var name: String
    var columns: [String]
    var rows: [[String: JSONValue]] = []

    mutating func append(_ row: [String: JSONValue]) { rows.append(row) }

    /// `format` is `json` (the default) or `csv`; anything else is a 400 naming the value.
    func response(format: String?) throws -> Response {
        let format = format ?? "json"
        let body: String
        let type: String
        switch format {
        case "json":
            let objects = rows.map { row in JSONValue.object(row.filter { columns.contains($0.key) }) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            body = String(decoding: try encoder.encode(objects), as: UTF8.self) + "\n"
            type = "application/json; charset=utf-8"
        case "csv":
            var text = columns.map(CSVExport.quote).joined(separator: ",") + "\r\n"
            for row in rows { text += columns.map { Self.cell(row[$0] ?? .null) }.joined(separator: ",") + "\r\n" }
            body = text
            type = "text/csv; charset=utf-8"
        default:
            throw APIError.badRequest("format '\(format)': use json or csv")
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name).\(format)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// A CSV cell; text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading `'`.
    static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let text):
            let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
            return CSVExport.quote(safe)
        case .array(let values): return CSVExport.quote(values.map(cell).joined(separator: "; "))
        case .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return CSVExport.quote((try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
    }
}
