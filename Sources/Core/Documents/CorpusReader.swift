import Foundation

/// Streams patent documents from a JSONL or CSV file (or standard input), one record at a time,
/// reporting bad records with file, line and field.
///
/// Recognised fields: `id`, `title`, `abstract`, `claims`, `description`, `language`, `year`,
/// `country`, `applicants`; every other field holding a list of strings (or, in CSV, a cell
/// with `;`- or `|`-separated values or a JSON array) is kept as a symbol list under its name
/// (`ipc`, `cpc`, `ipc_subclasses`, ...). Unknown scalar fields are ignored.
///
/// ```swift
/// var reader = try CorpusReader(path: "corpus.jsonl")
/// while let record = try reader.next() { print(record.document.id, record.line) }
/// ```
public struct CorpusReader {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv

        /// The format implied by a file name (`.csv` or `.tsv`-less CSV); JSONL otherwise.
        public static func inferred(from path: String) -> Format {
            path.lowercased().hasSuffix(".csv") ? .csv : .jsonl
        }
    }

    /// A document and the 1-based line where its record starts.
    public struct Record: Sendable {
        public var document: PatentDocument
        public var line: Int
    }

    public let path: String
    public let format: Format
    private let lines: LineReader
    private var header: [String]?
    private let displayName: String

    /// Opens `path` (`-`: standard input).
    /// - Parameter displayName: the name records' default ids (`name:line`) and every error's
    ///   location use instead of `path` — e.g. an upload's own file name when it was copied to a
    ///   temporary file. Default: `path`, or `<stdin>`.
    public init(path: String, format: Format? = nil, displayName: String? = nil) throws(IPAIError) {
        let shown = displayName ?? (path == "-" ? "<stdin>" : path)
        self.path = path
        self.format = format ?? .inferred(from: displayName ?? path)
        self.lines = try LineReader(path: path, displayName: shown)
        self.displayName = shown
    }

    /// Bytes read so far and the total size when known, for progress reporting.
    public var bytesRead: Int { lines.bytesRead }
    public var fileSize: Int? { lines.fileSize }

    /// The next document, or nil at the end. A malformed record throws an ``IPAIError`` with its
    /// location; the reader can go on with the following record afterwards.
    public mutating func next() throws(IPAIError) -> Record? {
        switch format {
        case .jsonl: return try nextJSONRecord()
        case .csv: return try nextCSVRecord()
        }
    }

    // MARK: JSONL

    private mutating func nextJSONRecord() throws(IPAIError) -> Record? {
        while let bytes = try lines.nextLine() {
            let line = lines.lineNumber
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
            } catch {
                throw IPAIError(
                    .invalidInput, "not valid JSON (each line must be one JSON object)",
                    at: InputLocation(file: displayName, line: line), cause: error)
            }
            guard let fields = object as? [String: Any] else {
                throw IPAIError(.invalidInput, "expected a JSON object", at: InputLocation(file: displayName, line: line))
            }
            let document = try Self.document(from: fields, file: displayName, line: line)
            return Record(document: document, line: line)
        }
        return nil
    }

    static func document(from fields: [String: Any], file: String, line: Int) throws(IPAIError) -> PatentDocument {
        func location(_ field: String, _ value: Any? = nil) -> InputLocation {
            InputLocation(file: file, line: line, field: field, value: value.map { String(describing: $0) })
        }
        func string(_ field: String) throws(IPAIError) -> String? {
            switch fields[field] {
            case nil, is NSNull: return nil
            case let value as String: return value
            case let value?:
                throw IPAIError(.invalidInput, "expected a string or null", at: location(field, value))
            }
        }
        var document = PatentDocument(id: "")
        switch fields["id"] {
        case let value as String where !value.isEmpty: document.id = value
        case let value as NSNumber where !(value is Bool): document.id = value.stringValue
        case nil, is NSNull: document.id = "\(file):\(line)"
        case let value?:
            throw IPAIError(.invalidInput, "expected a non-empty string", at: location("id", value))
        }
        document.title = try string("title")
        document.abstract = try string("abstract")
        document.claims = try string("claims")
        document.description = try string("description")
        document.language = try string("language")
        document.country = try string("country")
        switch fields["year"] {
        case nil, is NSNull: break
        case let value as NSNumber where !(value is Bool) && value.doubleValue == value.doubleValue.rounded():
            document.year = value.intValue
        case let value as String where Int(value) != nil: document.year = Int(value)
        case let value as String where value.isEmpty: break
        case let value?: throw IPAIError(.invalidInput, "expected a year such as 2019", at: location("year", value))
        }
        for (name, value) in fields {
            switch name {
            case "id", "title", "abstract", "claims", "description", "language", "country", "year": continue
            default: break
            }
            let list: [String]
            switch value {
            case let strings as [String]: list = strings
            case let array as [Any]:
                if array.isEmpty {
                    list = []
                } else {
                    guard name != "applicants" || array.allSatisfy({ $0 is String }) else {
                        throw IPAIError(.invalidInput, "expected a list of strings", at: location(name, value))
                    }
                    // A list that is not all strings is not a symbol list: ignore it like other unknown fields.
                    continue
                }
            case let text as String where name == "applicants" || Self.isSymbolFieldName(name):
                list = Self.splitList(text)
            default: continue
            }
            if name == "applicants" { document.applicants = list } else { document.symbols[name] = list }
        }
        return document
    }

    /// Field names that hold classification symbols even when given as one delimited string.
    static func isSymbolFieldName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("ipc") || lower.hasPrefix("cpc") || lower.hasSuffix("_symbols") || lower == "labels"
    }

    /// Splits `A; B | C` (or a JSON array literal) into trimmed, non-empty items.
    static func splitList(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["),
           let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String] {
            return array
        }
        return trimmed.split(whereSeparator: { $0 == ";" || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    // MARK: CSV

    private mutating func nextCSVRecord() throws(IPAIError) -> Record? {
        if header == nil {
            guard let (names, _) = try readCSVFields() else { return nil }
            let cleaned = names.enumerated().map { index, name in
                // Strip a UTF-8 byte-order mark from the first column name.
                (index == 0 && name.hasPrefix("\u{FEFF}") ? String(name.dropFirst()) : name)
                    .trimmingCharacters(in: .whitespaces).lowercased()
            }
            header = cleaned
        }
        guard let header else { return nil }
        while let (values, line) = try readCSVFields() {
            if values.count == 1 && values[0].isEmpty { continue }
            guard values.count == header.count else {
                throw IPAIError(
                    .invalidInput, "expected \(header.count) columns as in the header, found \(values.count)",
                    at: InputLocation(file: displayName, line: line))
            }
            var fields: [String: Any] = [:]
            for (name, value) in zip(header, values) where !value.isEmpty {
                if name == "applicants" || Self.isSymbolFieldName(name) {
                    fields[name] = Self.splitList(value)
                } else {
                    fields[name] = value
                }
            }
            return Record(document: try Self.document(from: fields, file: displayName, line: line), line: line)
        }
        return nil
    }

    /// Reads one RFC 4180 record (quoted fields may span lines). Returns the fields and start line.
    private mutating func readCSVFields() throws(IPAIError) -> ([String], Int)? {
        guard var bytes = try lines.nextLine() else { return nil }
        let startLine = lines.lineNumber
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = bytes.startIndex
        while true {
            if index == bytes.endIndex {
                if inQuotes {
                    guard let more = try lines.nextLine() else {
                        throw IPAIError(
                            .invalidInput, "a quoted field is never closed",
                            at: InputLocation(file: displayName, line: startLine))
                    }
                    field.append(UInt8(ascii: "\n"))
                    bytes = more
                    index = bytes.startIndex
                    continue
                }
                fields.append(String(decoding: field, as: UTF8.self))
                return (fields, startLine)
            }
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    let next = bytes.index(after: index)
                    if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index = next
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
            index = bytes.index(after: index)
        }
    }
}
