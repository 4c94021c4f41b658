import Core

extension ViennaScheme {
    /// Reads a CSV list of Vienna codes and titles and adds its codes to this scheme, replacing
    /// entries for the same code.
    ///
    /// The file has a code and a title per line (`010102,One star; nothing else`); fields may be
    /// quoted (`"…"`, with `""` for a quote); a header line (`idcategory,categdesc`), blank lines and
    /// further columns are ignored. A code may carry the edition's `*` (principal) or `A`
    /// (auxiliary) marker. A title such as "Category deleted in new version" flags the code deleted;
    /// a code without a title is kept with an empty one.
    ///
    /// - Parameter path: the CSV file.
    /// - Returns: the number of codes read.
    /// - Throws: `IPAIError` for an unreadable file (`file_unreadable`), a bad line (`invalid_input`,
    ///   naming file, line and value: an unparsable code, a code listed twice, an unclosed quote), or a
    ///   file with no codes at all (`empty_input`).
    /// - Complexity: O(n log n) in the number of lines.
    @discardableResult
    public mutating func load(contentsOf path: String) throws(IPAIError) -> Int {
        let lines = try LineReader(path: path)
        let source = String(path.split(separator: "/").last ?? Substring(path))
        var read: [ViennaCode: (entry: Entry, line: Int)] = [:]
        while let line = try lines.nextString() {
            let number = lines.lineNumber
            let text = number == 1 && line.hasPrefix("\u{FEFF}") ? String(line.dropFirst()) : line
            if text.trimmingSpaces.isEmpty { continue }
            let fields: [String]
            do {
                fields = try Self.splitCSV(text)
            } catch {
                throw IPAIError(.invalidInput, error.message, at: InputLocation(file: path, line: number, value: text))
            }
            let codeField = fields[0].trimmingSpaces
            if number == 1, !(codeField.first.map { $0.isASCIIDigit || $0 == "*" } ?? false),
               (try? ViennaCode.parseMarked(codeField)) == nil {
                continue  // header
            }
            let marked: (code: ViennaCode, kind: ViennaSectionKind?)
            do {
                marked = try ViennaCode.parseMarked(codeField)
            } catch {
                throw IPAIError(
                    .invalidInput, "bad Vienna code in the first column: \(error.message)",
                    at: InputLocation(file: path, line: number, field: "code", value: codeField))
            }
            // A code without a title is still a code of the list (EUIPO's 26.1.9 has none); it shows by its number.
            let title = fields.count > 1 ? fields[1].trimmingSpaces : ""
            if let earlier = read[marked.code] {
                throw IPAIError(
                    .invalidInput, "Vienna code \(marked.code) is listed twice (first on line \(earlier.line)): keep one line per code",
                    at: InputLocation(file: path, line: number, field: "code", value: codeField))
            }
            let entry = Entry(
                code: marked.code, title: title, isDeleted: Self.saysDeleted(title), kind: marked.kind, source: source)
            read[marked.code] = (entry, number)
        }
        guard !read.isEmpty else { throw IPAIError(.emptyInput, "'\(path)' holds no Vienna codes") }
        for (code, value) in read { entries[code] = value.entry }
        sorted = entries.keys.sorted()
        return read.count
    }

    /// EUIPO marks withdrawn codes by a title such as "Category deleted in new version".
    static func saysDeleted(_ title: String) -> Bool {
        let folded = title.lowercased()
        return folded.hasPrefix("deleted") || folded.contains("deleted in new version")
            || folded.hasPrefix("category deleted") || folded == "(deleted)"
    }

    /// Splits one CSV line; quoted fields may hold commas and doubled quotes.
    static func splitCSV(_ line: String) throws(IPAIError) -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(field)
                field = ""
                afterQuote = false
            } else if character == "\"", field.trimmingSpaces.isEmpty, !afterQuote {
                field = ""
                inQuotes = true
            } else {
                field.append(character)
            }
        }
        guard !inQuotes else { throw IPAIError(.invalidInput, "a quoted field is not closed (a line per code; use \"\" for a quote)") }
        fields.append(field)
        return fields
    }
}
