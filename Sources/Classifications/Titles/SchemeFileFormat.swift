import Core

/// The layout of a scheme titles file; ``SchemeTitles`` detects it from the extension or content.
///
/// - ``tsv``: tab-separated, no quoting. Without a header, two columns are `symbol<TAB>title`
///   (WIPO's `ipc-en.tsv`; lines that start with a space and hold no tab continue the previous
///   title) and three are `symbol<TAB>language<TAB>title`.
/// - ``csv``: the same columns, comma-separated, with `"` quoting (quoted fields may span lines).
/// - ``jsonl``: one JSON object per line, e.g. `{"ipc": "A01B", "en": "...", "fr": "..."}` or
///   `{"code": "A01B1/00", "level": "main_group", "title_zh": "..."}` or
///   `{"symbol": "A01B", "language": "de", "title": "..."}`.
///
/// JSONL keys and TSV/CSV header names (a header names a symbol column and a title column, in any
/// order) mean the same: the symbol in `symbol`, `code`, `ipc` or `cpc`; the title in `title` with
/// the language in `language` (or `lang`), or in `title_xx` or a two-letter language code `xx`
/// (not `id`, which is read as a record id); optionally `level` (checked against the symbol) and
/// `version`; other names are ignored. In JSONL only string values count, except that a version
/// may be a number. Lines starting with `#` are comments;
/// `# version: 2024.01` declares the edition. The same symbol and language twice in one file
/// means a continued title: the parts are joined with `; `.
///
/// An office's own titles, e.g. `ipc-de.csv`:
/// ```
/// # version: 2024.01
/// symbol,language,title
/// A01B,de,"BODENBEARBEITUNG IN LAND- ODER FORSTWIRTSCHAFT; ..."
/// A01B 1/02,de,Spaten; Schaufeln
/// ```
public enum SchemeFileFormat: String, Sendable, CaseIterable, Codable {
    case tsv, csv, jsonl

    /// The format implied by a file name's extension, if any (`.tsv`/`.tab`, `.csv`, `.jsonl`/`.ndjson`/`.json`).
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        guard let dot = lowered.lastIndex(of: "."), !lowered[dot...].contains("/") else { return nil }
        switch lowered[lowered.index(after: dot)...] {
        case "tsv", "tab": self = .tsv
        case "csv": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonl
        default: return nil
        }
    }

    /// The format of a file whose first line (neither blank nor a comment) is `line`.
    init(firstLine line: UnsafeBufferPointer<UInt8>) {
        let first = line.first { $0 != 0x20 && $0 != 0x09 }
        if first == UInt8(ascii: "{") {
            self = .jsonl
        } else if line.contains(0x09) {
            self = .tsv
        } else {
            self = .csv
        }
    }
}
