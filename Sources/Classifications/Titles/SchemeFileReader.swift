import Core

/// Reads one scheme titles file (any ``SchemeFileFormat``) into per-language title tables,
/// line by line, with file and line in every error.
struct SchemeFileReader {
    let file: String
    let defaultLanguage: String
    let skipBadLines: Bool
    private(set) var format: SchemeFileFormat?

    private(set) var titles: [String: [ClassificationSymbol: String]] = [:]
    private(set) var titleCount = 0
    private(set) var skipped = 0
    private(set) var firstSkipped: [IPAIError] = []
    private var declaredVersion: String?
    private var versionCounts: [String: Int] = [:]

    /// Column roles of a TSV/CSV file, from its header or its first row.
    private var columns: Columns?
    /// The title a TSV continuation line extends.
    private var lastTitle: (language: String, symbol: ClassificationSymbol)?
    private var lineNumber = 0
    /// Normalised language codes and JSON key roles seen so far: the same few strings repeat on every line.
    private var languageCache: [String: String] = [:]
    private var roleCache: [String: FieldRole] = [:]

    init(file: String, format: SchemeFileFormat?, defaultLanguage: String, skipBadLines: Bool) {
        self.file = file
        self.format = format
        self.defaultLanguage = defaultLanguage
        self.skipBadLines = skipBadLines
    }

    /// The edition: a `# version:` comment, else the most frequent `version` field.
    var version: String? {
        declaredVersion ?? versionCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    mutating func read(_ lines: LineReader) throws(IPAIError) {
        while let line = try lines.nextLine() {
            lineNumber = lines.lineNumber
            do throws(IPAIError) {
                if format == .csv, Self.hasOpenQuote(line) {
                    // A quoted CSV field continues on the next lines.
                    var record = Array(line)
                    let start = lineNumber
                    repeat {
                        guard let next = try lines.nextLine() else {
                            lineNumber = start
                            throw failure(.invalidInput, "a quoted field is not closed before the end of the file")
                        }
                        record.append(0x0A)
                        record.append(contentsOf: next)
                    } while Self.hasOpenQuote(record)
                    lineNumber = start
                    try record.withUnsafeBufferPointer { bytes in
                        Result { () throws(IPAIError) in try readLine(bytes) }
                    }.get()
                } else {
                    try line.withUnsafeBufferPointer { bytes in
                        Result { () throws(IPAIError) in try readLine(bytes) }
                    }.get()
                }
            } catch where skipBadLines && error.location?.line != nil {
                // A continuation line after a skipped line must not extend an older title.
                lastTitle = nil
                skipped += 1
                if firstSkipped.count < 10 { firstSkipped.append(error) }
            }
        }
    }

    private mutating func readLine(_ line: UnsafeBufferPointer<UInt8>) throws(IPAIError) {
        let text = Self.trimmed(line)
        if text.isEmpty { return }
        if text.first == UInt8(ascii: "#") {
            readComment(text)
            return
        }
        let format = self.format ?? SchemeFileFormat(firstLine: text)
        self.format = format
        switch format {
        case .jsonl: try readJSON(text)
        case .tsv: try readTSV(line)
        case .csv:
            var fields: [String] = []
            for field in Self.splitCSV(text) {
                switch field {
                case .success(let value): fields.append(value)
                case .failure(let error): throw failure(.invalidInput, error.message)
                }
            }
            try readRow(fields)
        }
    }

    // MARK: Formats

    private mutating func readComment(_ text: UnsafeBufferPointer<UInt8>) {
        // `# version: 2024.01` or `# version = 2024.01`
        let body = String(decoding: text.dropFirst(), as: UTF8.self)
        let parts = body.split(maxSplits: 1, whereSeparator: { $0 == ":" || $0 == "=" })
        guard parts.count == 2, String(parts[0]).trimmingSpaces.lowercased() == "version" else { return }
        let value = String(parts[1]).trimmingSpaces
        if !value.isEmpty { declaredVersion = value }
    }

    private mutating func readTSV(_ line: UnsafeBufferPointer<UInt8>) throws(IPAIError) {
        guard line.contains(0x09) else {
            // WIPO's file wraps a few long titles onto lines that start with spaces.
            if line.first == 0x20 || line.first == 0x09, let last = lastTitle {
                let more = String(decoding: Self.trimmed(line), as: UTF8.self)
                titles[last.language]![last.symbol]! += " " + more
                return
            }
            throw failure(.invalidInput, "expected tab-separated columns (symbol<TAB>title), found no tab")
        }
        var fields: [String] = []
        var start = 0
        for index in 0...line.count where index == line.count || line[index] == 0x09 {
            fields.append(String(decoding: Self.trimmed(UnsafeBufferPointer(rebasing: line[start..<index])), as: UTF8.self))
            start = index + 1
        }
        try readRow(fields)
    }

    private mutating func readRow(_ fields: [String]) throws(IPAIError) {
        guard let columns else {
            if let header = Columns(header: fields) {
                self.columns = header
                return
            }
            guard fields.count == 2 || fields.count == 3 else {
                throw failure(.invalidInput, "expected 2 columns (symbol, title) or 3 (symbol, language, title) or a header, found \(fields.count)")
            }
            self.columns = Columns(headerless: fields.count)
            try readRow(fields)
            return
        }
        guard fields.count == columns.names.count else {
            throw failure(.invalidInput, "expected \(columns.names.count) columns (\(columns.names.joined(separator: ", "))), found \(fields.count)")
        }
        var language = defaultLanguage
        var record = Record()
        for (index, field) in fields.enumerated() {
            switch columns.roles[index] {
            case .symbol: record.symbol = (columns.names[index], field)
            case .language: language = field
            case .title: record.title = field
            case .titleIn(let code): if !field.isEmpty { record.titles.append((code, field)) }
            case .level: record.level = field.isEmpty ? nil : field
            case .version: record.version = field.isEmpty ? nil : field
            case .ignored: break
            }
        }
        if let title = record.title {
            guard !language.isEmpty else { throw failure(.invalidInput, "language is empty", field: "language") }
            record.titles.append((language, title))
        }
        try add(record)
    }

    private mutating func readJSON(_ line: UnsafeBufferPointer<UInt8>) throws(IPAIError) {
        let object: FlatJSONObject
        do {
            object = try FlatJSONObject(bytes: line)
        } catch {
            throw failure(error.code, error.message)
        }
        var record = Record()
        var language: String?
        for (key, field) in object.fields {
            let role: FieldRole
            if let known = roleCache[key] {
                role = known
            } else {
                role = FieldRole(name: key)
                roleCache[key] = role
            }
            // Only strings hold symbols, languages and titles; a version may be a bare number.
            let value: String
            switch field {
            case .string(let text): value = text
            case .scalar(let text) where role == .version: value = text
            default: continue
            }
            switch role {
            case .symbol: record.symbol = (key, value)
            case .language: language = value
            case .title: record.title = value
            case .titleIn(let code): if !value.isEmpty { record.titles.append((code, value)) }
            case .level: record.level = value
            case .version: record.version = value
            case .ignored: break
            }
        }
        if let title = record.title { record.titles.append((language ?? defaultLanguage, title)) }
        try add(record)
    }

    // MARK: Records

    private struct Record {
        var symbol: (field: String, text: String)?
        var title: String?
        var titles: [(language: String, title: String)] = []
        var level: String?
        var version: String?
    }

    private mutating func add(_ record: Record) throws(IPAIError) {
        guard let (field, text) = record.symbol else {
            throw failure(.invalidInput, "no symbol: expected a field named symbol, code, ipc or cpc")
        }
        let symbol: ClassificationSymbol
        do {
            symbol = try ClassificationSymbol(parsing: text)
        } catch {
            throw failure(error.code, error.message, field: field)
        }
        if let levelText = record.level {
            let level: SymbolLevel
            do {
                level = try SymbolLevel(parsing: levelText)
            } catch {
                throw failure(.invalidInput, error.message, field: "level")
            }
            guard level == symbol.level else {
                throw failure(
                    .invalidInput, "level '\(levelText)' does not match '\(text)', which reads as \(symbol.level) \(symbol)",
                    field: "level")
            }
        }
        var stored = false
        for (language, title) in record.titles {
            let title = title.trimmingSpaces
            guard !title.isEmpty else { continue }
            store(title, language: normalized(language), symbol: symbol)
            stored = true
        }
        guard stored else {
            throw failure(.invalidInput, "no title for '\(text)': expected a non-empty title, title_xx or language field (en, fr, ...)")
        }
        if let version = record.version { versionCounts[version, default: 0] += 1 }
    }

    private mutating func store(_ title: String, language: String, symbol: ClassificationSymbol) {
        titleCount += 1
        lastTitle = (language, symbol)
        if let existing = titles[language]?[symbol] {
            // A repeated code continues the title (WIPO lists guide headings this way).
            if existing != title { titles[language]![symbol] = existing + "; " + title }
        } else {
            titles[language, default: [:]][symbol] = title
        }
    }

    private mutating func normalized(_ language: String) -> String {
        if let known = languageCache[language] { return known }
        let result = SchemeTitles.normalized(language)
        languageCache[language] = result
        return result
    }

    private func failure(_ code: IPAIError.Code, _ message: String, field: String? = nil) -> IPAIError {
        IPAIError(code, message, at: InputLocation(file: file, line: lineNumber, field: field))
    }

    // MARK: Bytes

    /// Without surrounding spaces, tabs, carriage returns and a byte-order mark.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    static func hasOpenQuote(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.reduce(false) { open, byte in byte == UInt8(ascii: "\"") ? !open : open }
    }

    /// Splits one CSV record; `""` inside quotes is a quote. A field that is quoted and then
    /// followed by anything but a comma fails.
    static func splitCSV(_ bytes: UnsafeBufferPointer<UInt8>) -> [Result<String, IPAIError>] {
        var fields: [Result<String, IPAIError>] = []
        var index = bytes.startIndex
        while true {
            var field: [UInt8] = []
            while index < bytes.endIndex, bytes[index] == 0x20 { index += 1 }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while index < bytes.endIndex {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                while index < bytes.endIndex, bytes[index] == 0x20 { index += 1 }
                if index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") {
                    fields.append(.failure(IPAIError(.invalidInput, "unexpected text after a quoted field, column \(fields.count + 1)")))
                    while index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") { index += 1 }
                }
            } else {
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") {
                    field.append(bytes[index])
                    index += 1
                }
            }
            fields.append(.success(String(decoding: field, as: UTF8.self)))
            guard index < bytes.endIndex else { return fields }
            index += 1  // the comma
        }
    }

    // MARK: Columns

    /// The roles of a TSV/CSV file's columns.
    struct Columns {
        var names: [String]
        var roles: [FieldRole]

        /// Columns named by a header row, or nil if `fields` is not a header (it must name a symbol
        /// column and a title column).
        init?(header fields: [String]) {
            let roles = fields.map(FieldRole.init(name:))
            let hasTitle = roles.contains {
                if case .titleIn = $0 { return true }
                return $0 == .title
            }
            guard roles.contains(.symbol), hasTitle else { return nil }
            self.names = fields
            self.roles = roles
        }

        /// `symbol, title` or `symbol, language, title`.
        init(headerless count: Int) {
            names = count == 2 ? ["symbol", "title"] : ["symbol", "language", "title"]
            roles = count == 2 ? [.symbol, .title] : [.symbol, .language, .title]
        }
    }
}
