import Core
import Foundation

extension LandscapeRecord {
    /// Reads patent documents from JSONL, one JSON object a line, as IPAI's patent corpora are
    /// written (`patentscope-titles-ipc`, `uspto-abstracts-cpc`).
    ///
    /// Fields: `id` (else `patent_number`; else `file:line`), `family_id`, `title`, `abstract`,
    /// `claims`, `ipc`/`cpc` (lists or `;`-separated), `year` or `publication_date` (`2005-01-04`,
    /// `29.12.2005`), `country`, `kind`, `applicants`, `priority_year`, `priority_country`, and
    /// `priority` — either a list/string of `number date office` entries as PATENTSCOPE exports them
    /// (`[9800760 1998-01-14T23:59:59.000Z GB, …]`; the earliest is the family key, its year and office
    /// the priority year and office) or a plain priority number.
    ///
    /// - Throws: ``IPAIError`` with file, line, field and value for a malformed line or field.
    public static func readJSONL(path: String, displayName: String? = nil) throws(IPAIError) -> [LandscapeRecord] {
        let shown = displayName ?? path
        let bytes = try FileBytes.read(path)
        // Line boundaries first, then lines parsed in parallel chunks (JSON decoding dominates).
        var lines: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let end = memchr(base + start, 0x0A, buffer.count - start)
                    .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                lines.append(start..<end)
                start = end + 1
            }
        }
        let lineRanges = lines
        let results: [Result<LandscapeRecord?, IPAIError>] = Parallel.map(count: lines.count, chunkSize: 512) { range in
            range.map { number in
                do throws(IPAIError) {
                    return .success(try record(line: bytes[lineRanges[number]], file: shown, line: number + 1))
                } catch {
                    return .failure(error)
                }
            }
        }
        var records: [LandscapeRecord] = []
        records.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let record?): records.append(record)
            case .success(nil): continue
            case .failure(let error): throw error
            }
        }
        return records
    }

    /// One JSONL line as a record; nil for a blank line.
    static func record(line slice: ArraySlice<UInt8>, file: String, line: Int) throws(IPAIError) -> LandscapeRecord? {
        if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let fields: [String: JSONLineReader.Value]
        do {
            fields = try JSONLineReader.object(slice)
        } catch {
            throw IPAIError(
                .invalidInput, "not valid JSON at character \(error.offset + 1): \(error.message) (each line must be one JSON object)",
                at: InputLocation(file: file, line: line))
        }
        return try record(fields, file: file, line: line)
    }

    /// The text without surrounding white space; cheap when there is none (Foundation's trimming copies through NSString).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        return String(String.UnicodeScalarView(
            text.unicodeScalars.drop(while: { $0.properties.isWhitespace }).reversed().drop(while: { $0.properties.isWhitespace }).reversed()))
    }

    static func record(_ fields: [String: JSONLineReader.Value], file: String, line: Int) throws(IPAIError) -> LandscapeRecord {
        func location(_ field: String) -> InputLocation {
            InputLocation(file: file, line: line, field: field, value: fields[field]?.shown)
        }
        func string(_ field: String) throws(IPAIError) -> String? {
            switch fields[field] {
            case nil, .null?: return nil
            case .string(let text)?:
                let trimmed = Self.trimmed(text)
                return trimmed.isEmpty ? nil : trimmed
            case .integer(let number)? where field.hasSuffix("id") || field.hasSuffix("number"): return String(number)
            default: throw IPAIError(.invalidInput, "expected a string", at: location(field))
            }
        }
        func list(_ field: String) throws(IPAIError) -> [String] {
            switch fields[field] {
            case nil, .null?: return []
            case .list(let items)?:
                var result: [String] = []
                for item in items {
                    guard let text = item else {
                        throw IPAIError(.invalidInput, "expected a list of strings", at: location(field))
                    }
                    let trimmed = Self.trimmed(text)
                    if !trimmed.isEmpty { result.append(trimmed) }
                }
                return result
            case .string(let text)?: return CSVCorpusParser.splitList(text)
            default: throw IPAIError(.invalidInput, "expected a list of strings", at: location(field))
            }
        }
        func year(_ field: String) throws(IPAIError) -> Int? {
            switch fields[field] {
            case nil, .null?: return nil
            case .integer(let value)? where (1000...9999).contains(value): return value
            case .number(let value)? where value == value.rounded() && (1000...9999).contains(value): return Int(value)
            case .string(let text)?:
                if text.isEmpty { return nil }
                guard let value = Self.yearInDate(text) else {
                    throw IPAIError(.invalidInput, "expected a year such as 2019", at: location(field))
                }
                return value
            default: throw IPAIError(.invalidInput, "expected a year such as 2019", at: location(field))
            }
        }
        /// The first present of several fields (typed throws do not pass through `??`).
        func first(_ names: String..., read: (String) throws(IPAIError) -> String?) throws(IPAIError) -> String? {
            for name in names { if let value = try read(name) { return value } }
            return nil
        }
        var record = LandscapeRecord(id: try first("id", "patent_number", read: string) ?? "\(file):\(line)")
        record.familyID = try first("family_id", "simple_family_id", "family", read: string)
        record.title = try string("title")
        record.abstract = try string("abstract")
        record.claims = try string("claims")
        record.symbols = try list("ipc")
        record.symbols += try list("cpc")
        record.office = try first("country", "office", read: string)
        record.kind = try string("kind")
        record.applicants = try list("applicants")
        record.publicationYear = try year("year")
        if record.publicationYear == nil { record.publicationYear = try year("publication_date") }
        record.priorityYear = try year("priority_year")
        record.priorityOffice = try string("priority_country")
        switch fields["priority"] {
        case nil, .null?: break
        case .string(let text)?:
            if let earliest = Self.earliestPriority(Self.priorityEntries(text)) {
                record.priorityKey = earliest.key
                record.priorityYear = record.priorityYear ?? earliest.year
                record.priorityOffice = record.priorityOffice ?? earliest.office
            } else if !Self.trimmed(text).isEmpty, !text.hasPrefix("[") {
                record.priorityKey = Self.trimmed(text)
            }
        case .list(let items)?:
            let entries = items.compactMap { $0 }
            if let earliest = Self.earliestPriority(entries) {
                record.priorityKey = earliest.key
                record.priorityYear = record.priorityYear ?? earliest.year
                record.priorityOffice = record.priorityOffice ?? earliest.office
            }
        default:
            throw IPAIError(.invalidInput, "expected a priority string or list", at: location("priority"))
        }
        return record
    }

    /// The four-digit year in `2005-01-04`, `29.12.2005`, `20050104` or `2005`.
    static func yearInDate(_ text: String) -> Int? {
        let digits = text.split(whereSeparator: { !$0.isNumber })
        if let four = digits.first(where: { $0.count == 4 }), let value = Int(four) { return value }
        if let eight = digits.first(where: { $0.count == 8 }), let value = Int(eight.prefix(4)) { return value }
        return nil
    }

    /// `[9800760 1998-01-14T23:59:59.000Z GB, 9819015 1998-09-01T… GB]` → one entry per priority.
    static func priorityEntries(_ text: String) -> [String] {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("[") { body.removeFirst() }
        if body.hasSuffix("]") { body.removeLast() }
        return body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The earliest of `number date office` entries: its key (`GB 9800760`), year and office.
    static func earliestPriority(_ entries: [String]) -> (key: String, year: Int?, office: String?)? {
        var best: (date: String, key: String, year: Int?, office: String?)?
        for entry in entries {
            let parts = entry.split(separator: " ").map(String.init)
            guard parts.count >= 3, let year = yearInDate(parts[1]) else { continue }
            let office = parts[2].uppercased()
            let candidate = (parts[1], office + " " + parts[0], Optional(year), Optional(office))
            if best == nil || candidate.0 < best!.date { best = candidate }
        }
        return best.map { ($0.key, $0.year, $0.office) }
    }
}
