import Core

extension SchemeTitles {
    /// What one ``SchemeTitles/load(contentsOf:format:language:skippingBadLines:)`` call read.
    public struct LoadSummary: Sendable {
        /// The format used, given or detected.
        public var format: SchemeFileFormat
        /// Titles read (a symbol with English and French titles counts twice).
        public var titlesRead: Int
        /// The edition the file declares, if any.
        public var version: String?
        /// Lines skipped as bad (only when skipping was asked for).
        public var skippedLines: Int
        /// The errors of the first ten skipped lines, each with file and line.
        public var firstSkipped: [IPAIError]
    }

    /// Loads the titles in a scheme file and adds them to these, replacing titles this scheme
    /// already has for the same symbol and language.
    ///
    /// The format is `format` if given, else implied by the extension, else detected from the first
    /// line (see ``SchemeFileFormat``). WIPO's `ipc-en.tsv`, `ipc-titles-en-fr.jsonl` and
    /// `ipc-titles-zh.jsonl` load as they are.
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - language: the language of titles whose file does not say (two-column TSV/CSV, a `title`
    ///     without `language`); by default taken from a file name ending in `-xx` (`ipc-de.tsv`), else `en`.
    ///   - skippingBadLines: skip and count bad lines instead of stopping at the first.
    /// - Returns: what was read, including skipped lines.
    /// - Throws: `IPAIError` for an unreadable file, a bad line (with file, line and what is wrong)
    ///   unless skipping, or `empty_input` when the file holds no titles at all.
    /// - Complexity: O(n) in the file size, plus O(m log m) to re-sort the m symbols.
    @discardableResult
    public mutating func load(
        contentsOf path: String, format: SchemeFileFormat? = nil, language: String? = nil,
        skippingBadLines: Bool = false
    ) throws(IPAIError) -> LoadSummary {
        let lines = try LineReader(path: path)
        let name = path == "-" ? "<stdin>" : path
        var reader = SchemeFileReader(
            file: name, format: format ?? SchemeFileFormat(fileName: path),
            defaultLanguage: language ?? Self.language(inFileName: path) ?? "en", skipBadLines: skippingBadLines)
        try reader.read(lines)
        guard reader.titleCount > 0 else {
            let skipped = reader.skipped > 0 ? " (\(reader.skipped) bad lines skipped; first: \(reader.firstSkipped[0]))" : ""
            throw IPAIError(.emptyInput, "'\(name)' holds no classification titles\(skipped)")
        }
        var added: [ClassificationSymbol] = []
        for (language, byLanguage) in reader.titles {
            if titles[language] == nil {
                titles[language] = byLanguage
            } else {
                titles[language]!.merge(byLanguage) { _, new in new }
            }
            added.append(contentsOf: byLanguage.keys)
        }
        mergeSymbols(added.sorted())
        if version == nil { version = reader.version }
        return LoadSummary(
            format: reader.format ?? .tsv, titlesRead: reader.titleCount, version: reader.version,
            skippedLines: reader.skipped, firstSkipped: reader.firstSkipped)
    }

    /// `ipc-de.tsv` → `de`, `ipc_zh.csv` → `zh`; nil when the name does not end in a two-letter code.
    static func language(inFileName path: String) -> String? {
        var name = Substring(path.split(separator: "/").last ?? "")
        if let dot = name.lastIndex(of: ".") { name = name[..<dot] }
        let tokens = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard tokens.count >= 2, let last = tokens.last, last.count == 2, last.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return nil
        }
        return last.lowercased()
    }
}
