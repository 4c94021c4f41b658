import Core
import Foundation

/// The byte-level CSV reader behind ``LandscapeCorpus/parseCSV(_:file:progress:)``: finds record
/// boundaries in one pass (quote-aware), then parses records in parallel chunks, each chunk
/// interning its strings locally so the merge only maps small tables.
struct CSVCorpusParser {
    enum Role { case id, office, family, kind, patentType, priorityYear, publicationYear, priorityOffice, priorityKey, applicants }

    let bytes: [UInt8]
    let file: String

    static let roleNames: [(Role, [String])] = [
        (.id, ["publication_number", "id", "publication_id", "patent_number", "doc_id"]),
        (.office, ["publication_country", "country", "office", "publication_office", "authority"]),
        (.family, ["simple_family_id", "family_id", "family", "docdb_family_id"]),
        (.kind, ["publication_type", "kind", "kind_code"]),
        (.patentType, ["patent_type", "document_type"]),
        (.priorityYear, ["priority_year"]),
        (.publicationYear, ["publication_year", "year"]),
        (.priorityOffice, ["priority_country", "priority_office"]),
        (.priorityKey, ["priority", "priority_number", "earliest_priority"]),
        (.applicants, ["applicants", "applicant", "assignees", "assignee"]),
    ]

    /// Parsed cells of one chunk of records.
    struct Chunk: Sendable {
        var ids: [String] = []
        var offices: [UInt16] = []
        var kinds: [UInt16] = []
        var patentTypes: [UInt16] = []
        var priorityOffices: [UInt16] = []
        var officeNames = CorpusBuilder.Interner()
        var kindNames = CorpusBuilder.Interner()
        var typeNames = CorpusBuilder.Interner()
        /// Numeric family ids, or `UInt64.max` with the text in `familyText`.
        var familyNumbers: [UInt64] = []
        var familyText: [Int: String] = [:]
        var priorityKeys: [Int: String] = [:]
        var publicationYears: [Int16] = []
        var priorityYears: [Int16] = []
        var flagMasks: [UInt64] = []
        var applicants: [[String]] = []
        var error: (record: Int, field: String?, value: String?, message: String)?
    }

    func parse(progress: (any ProgressReporter)?) throws(IPAIError) -> LandscapeCorpus {
        let records = recordRanges()
        guard let headerRange = records.first else {
            throw IPAIError(.emptyInput, "the CSV file is empty", at: InputLocation(file: file))
        }
        var header = fields(in: headerRange).map { range in
            String(decoding: bytes[range.start..<range.end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        var roles = [Role?](repeating: nil, count: header.count)
        for (role, names) in Self.roleNames {
            // The first matching name in the preference list wins, so `Publication_country` beats `country`.
            for name in names {
                if let column = header.firstIndex(where: { $0.lowercased() == name }), roles[column] == nil {
                    roles[column] = role
                    break
                }
            }
        }
        guard roles.contains(where: { $0 == .id }) else {
            throw IPAIError(
                .invalidInput,
                "no id column: name one Publication_number, id or patent_number (found: \(header.joined(separator: ", ")))",
                at: InputLocation(file: file, line: 1))
        }
        let dataRecords = Array(records.dropFirst().filter { $0.end > $0.start })
        guard let firstRecord = dataRecords.first else {
            throw IPAIError(.emptyInput, "the CSV file has a header but no records", at: InputLocation(file: file))
        }
        // Flag columns: those whose first value is true or false.
        var flagColumns: [Int] = []
        let firstFields = fields(in: firstRecord)
        for (column, range) in firstFields.enumerated() where column < header.count && roles[column] == nil {
            if boolean(range) != nil { flagColumns.append(column) }
        }
        guard flagColumns.count <= 64 else {
            throw IPAIError(.invalidInput, "more than 64 true/false columns; at most 64 flag columns are read",
                            at: InputLocation(file: file, line: 1))
        }
        let flagBit = Dictionary(uniqueKeysWithValues: flagColumns.enumerated().map { ($1, $0) })

        let columnRoles = roles
        let columnNames = header
        let counter = ProgressCounter(phase: "parsing", total: dataRecords.count, reporter: progress)
        let columnCount = header.count
        let hasOffice = roles.contains { $0 == .office }
        let hasKind = roles.contains { $0 == .kind }
        let chunks: [Chunk] = Parallel.map(count: dataRecords.count, chunkSize: 16_384) { range in
            var chunk = parseChunk(
                dataRecords[range], columnCount: columnCount, roles: columnRoles, flagBit: flagBit,
                idWithOfficeAndKind: hasOffice && hasKind, header: columnNames, firstIndex: range.lowerBound)
            counter.add(range.count)
            if chunk.error != nil { chunk.ids.removeAll() }
            return [chunk]
        }
        if let bad = chunks.compactMap(\.error).min(by: { $0.record < $1.record }) {
            let start = dataRecords[bad.record].start
            let line = 1 + bytes[0..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw IPAIError(.invalidInput, bad.message, at: InputLocation(file: file, line: line, field: bad.field, value: bad.value))
        }
        return merge(chunks, flagNames: flagColumns.map { header[$0] }, count: dataRecords.count)
    }

    // MARK: Records and fields

    /// Start and end (exclusive, without the line break) of each record, quote-aware.
    func recordRanges() -> [(start: Int, end: Int)] {
        var result: [(start: Int, end: Int)] = []
        result.reserveCapacity(bytes.count / 200 + 16)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var start = 0
            var position = 0
            var inQuotes = false
            while position < count {
                // Jump to the next newline; only a line with quotes needs a closer look.
                let remaining = count - position
                let found = memchr(base + position, 0x0A, remaining)
                let lineEnd = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
                if memchr(base + position, 0x22, lineEnd - position) != nil {
                    for index in position..<lineEnd where base[index] == 0x22 { inQuotes.toggle() }
                }
                if !inQuotes {
                    var end = lineEnd
                    if end > start, base[end - 1] == 0x0D { end -= 1 }
                    result.append((start, end))
                    start = lineEnd + 1
                }
                position = lineEnd + 1
            }
            if start < count { result.append((start, count)) }
        }
        return result
    }

    struct FieldRange { var start: Int; var end: Int; var quoted: Bool }

    func fields(in record: (start: Int, end: Int)) -> [FieldRange] {
        var result = [FieldRange](repeating: FieldRange(start: 0, end: 0, quoted: false), count: 1024)
        let count = splitFields(record, into: &result)
        return Array(result.prefix(count))
    }

    /// Splits one record into cell ranges (a quoted cell's range excludes its outer quotes), writing
    /// at most `cells.count` of them, and returns how many cells the record has.
    func splitFields(_ record: (start: Int, end: Int), into cells: inout [FieldRange]) -> Int {
        bytes.withUnsafeBufferPointer { base in
            cells.withUnsafeMutableBufferPointer { out in
                var count = 0
                func emit(_ start: Int, _ end: Int, _ quoted: Bool) {
                    if count < out.count { out[count] = FieldRange(start: start, end: end, quoted: quoted) }
                    count += 1
                }
                var index = record.start
                var fieldStart = index
                while true {
                    if index < record.end, base[index] == 0x22 {
                        // Quoted cell: runs to the closing quote not followed by another quote.
                        var cursor = index + 1
                        while cursor < record.end {
                            if base[cursor] == 0x22 {
                                if cursor + 1 < record.end, base[cursor + 1] == 0x22 { cursor += 2; continue }
                                break
                            }
                            cursor += 1
                        }
                        emit(index + 1, min(cursor, record.end), true)
                        index = cursor + 1
                        while index < record.end, base[index] != 0x2C { index += 1 }
                        if index >= record.end { return count }
                        index += 1
                        fieldStart = index
                        continue
                    }
                    while index < record.end, base[index] != 0x2C { index += 1 }
                    emit(fieldStart, index, false)
                    if index >= record.end { return count }
                    index += 1
                    fieldStart = index
                }
            }
        }
    }

    /// The range without leading and trailing spaces.
    func trimmed(_ range: FieldRange) -> FieldRange {
        var result = range
        while result.start < result.end, bytes[result.start] == 0x20 || bytes[result.start] == 0x09 { result.start += 1 }
        while result.end > result.start, bytes[result.end - 1] == 0x20 || bytes[result.end - 1] == 0x09 { result.end -= 1 }
        return result
    }

    /// Whether the cell's bytes equal `other`.
    func equal(_ range: FieldRange, _ other: [UInt8]) -> Bool {
        guard range.end - range.start == other.count else { return false }
        for index in other.indices where bytes[range.start + index] != other[index] { return false }
        return true
    }

    func text(_ range: FieldRange) -> String {
        let raw = String(decoding: bytes[range.start..<range.end], as: UTF8.self)
        return range.quoted ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// `true`/`false` in any case (also `t`/`f`); nil for anything else.
    func boolean(_ range: FieldRange) -> Bool? {
        let length = range.end - range.start
        guard length == 4 || length == 5 || length == 1 else { return nil }
        let first = bytes[range.start] | 0x20
        if length == 4, first == UInt8(ascii: "t"), bytes[range.start + 3] | 0x20 == UInt8(ascii: "e") { return true }
        if length == 5, first == UInt8(ascii: "f"), bytes[range.start + 4] | 0x20 == UInt8(ascii: "e") { return false }
        if length == 1, first == UInt8(ascii: "t") { return true }
        if length == 1, first == UInt8(ascii: "f") { return false }
        return nil
    }

    /// A year cell: empty → 0; four digits (or a date starting with them) → the year; else nil.
    func year(_ range: FieldRange) -> Int16? {
        var start = range.start
        var end = range.end
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        if start == end { return 0 }
        var value: Int16 = 0
        var digits = 0
        var index = start
        while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 4 {
            value = value * 10 + Int16(bytes[index] - 0x30)
            digits += 1
            index += 1
        }
        guard digits == 4, index == end || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".") else {
            return nil
        }
        return value
    }

    func parseChunk(
        _ records: ArraySlice<(start: Int, end: Int)>, columnCount: Int, roles: [Role?], flagBit: [Int: Int],
        idWithOfficeAndKind: Bool, header: [String], firstIndex: Int
    ) -> Chunk {
        var chunk = Chunk()
        let count = records.count
        chunk.ids.reserveCapacity(count)
        chunk.offices.reserveCapacity(count)
        chunk.kinds.reserveCapacity(count)
        chunk.patentTypes.reserveCapacity(count)
        chunk.priorityOffices.reserveCapacity(count)
        chunk.familyNumbers.reserveCapacity(count)
        chunk.publicationYears.reserveCapacity(count)
        chunk.priorityYears.reserveCapacity(count)
        chunk.flagMasks.reserveCapacity(count)
        let hasApplicants = roles.contains { $0 == .applicants }
        if hasApplicants { chunk.applicants.reserveCapacity(count) }
        // Interning small strings by their bytes avoids building a String per cell.
        var officeCache: [UInt64: UInt16] = [:]
        var kindCache: [UInt64: UInt16] = [:]
        var lastOffice: (code: UInt64, id: UInt16) = (UInt64.max, 0)
        var lastKind: (code: UInt64, id: UInt16) = (UInt64.max, 0)
        var typeCache: [(bytes: [UInt8], id: UInt16)] = []
        var cells = [FieldRange](repeating: FieldRange(start: 0, end: 0, quoted: false), count: columnCount)
        let flagForColumn: [Int] = (0..<columnCount).map { flagBit[$0] ?? -1 }

        for (offset, record) in records.enumerated() {
            let recordIndex = firstIndex + offset
            let cellCount = splitFields(record, into: &cells)
            func fail(_ column: Int?, _ message: String) {
                let field = column.map { header[$0] }
                let value = column.map { text(cells[$0]) }
                chunk.error = (recordIndex, field, value, message)
            }
            guard cellCount == columnCount else {
                fail(nil, "expected \(columnCount) columns as in the header, found \(cellCount)")
                return chunk
            }
            var numberCell = FieldRange(start: 0, end: 0, quoted: false)
            var office: UInt16 = LandscapeCorpus.noOffice
            var officeCell = FieldRange(start: 0, end: 0, quoted: false)
            var kind: UInt16 = LandscapeCorpus.noOffice
            var kindCell = FieldRange(start: 0, end: 0, quoted: false)
            var patentType: UInt16 = LandscapeCorpus.noOffice
            var priorityOffice: UInt16 = LandscapeCorpus.noOffice
            var family = UInt64.max
            var publicationYear: Int16 = 0
            var priorityYear: Int16 = 0
            var mask: UInt64 = 0
            var applicants: [String] = []
            for column in 0..<columnCount {
                let cell = cells[column]
                let bit = flagForColumn[column]
                if bit >= 0 {
                    guard let value = boolean(cell) else {
                        if cell.end == cell.start { continue }
                        fail(column, "expected true or false in a flag column")
                        return chunk
                    }
                    if value { mask |= 1 << UInt64(bit) }
                    continue
                }
                guard let role = roles[column] else { continue }
                switch role {
                case .id:
                    numberCell = trimmed(cell)
                    if numberCell.start == numberCell.end {
                        fail(column, "the document number is empty")
                        return chunk
                    }
                case .office, .priorityOffice:
                    let code = packedCode(cell)
                    let id: UInt16
                    if code == lastOffice.code, code != UInt64.max {
                        id = lastOffice.id
                    } else if let cache = officeCache[code] {
                        id = cache
                    } else {
                        let name = CorpusBuilder.officeCode(text(cell))
                        id = name.isEmpty ? LandscapeCorpus.noOffice : chunk.officeNames.id(name)
                        if code != UInt64.max { officeCache[code] = id }
                    }
                    lastOffice = (code, id)
                    if role == .office {
                        office = id
                        officeCell = trimmed(cell)
                    } else {
                        priorityOffice = id
                    }
                case .kind:
                    let code = packedCode(cell)
                    if code == lastKind.code, code != UInt64.max {
                        kind = lastKind.id
                    } else if let cached = kindCache[code] {
                        kind = cached
                    } else {
                        let name = text(trimmed(cell))
                        kind = name.isEmpty ? LandscapeCorpus.noOffice : chunk.kindNames.id(name)
                        if code != UInt64.max { kindCache[code] = kind }
                    }
                    lastKind = (code, kind)
                    kindCell = trimmed(cell)
                case .patentType:
                    // A handful of distinct types: compare bytes with those seen before.
                    let value = trimmed(cell)
                    if let cached = typeCache.first(where: { equal(value, $0.bytes) }) {
                        patentType = cached.id
                    } else {
                        let name = text(value)
                        patentType = name.isEmpty ? LandscapeCorpus.noOffice : chunk.typeNames.id(name)
                        typeCache.append((Array(bytes[value.start..<value.end]), patentType))
                    }
                case .family:
                    if let value = digits(cell) {
                        family = value
                    } else {
                        let name = text(trimmed(cell))
                        if !name.isEmpty { chunk.familyText[offset] = name }
                    }
                case .priorityYear, .publicationYear:
                    guard let value = year(cell) else {
                        fail(column, "expected a four-digit year such as 2016, or an empty cell")
                        return chunk
                    }
                    if role == .priorityYear { priorityYear = value } else { publicationYear = value }
                case .priorityKey:
                    let value = text(trimmed(cell))
                    if !value.isEmpty { chunk.priorityKeys[offset] = value }
                case .applicants:
                    applicants = Self.splitList(text(cell))
                }
            }
            chunk.ids.append(documentID(number: numberCell, office: idWithOfficeAndKind ? officeCell : nil, kind: kindCell))
            chunk.offices.append(office)
            chunk.kinds.append(kind)
            chunk.patentTypes.append(patentType)
            chunk.priorityOffices.append(priorityOffice)
            chunk.familyNumbers.append(family)
            chunk.publicationYears.append(publicationYear)
            chunk.priorityYears.append(priorityYear)
            chunk.flagMasks.append(mask)
            if hasApplicants { chunk.applicants.append(applicants) }
        }
        return chunk
    }

    /// `JP` + `2017207839` + `A` → `JP2017207839A` (the number alone when it already starts with the office),
    /// built from bytes in one go.
    func documentID(number: FieldRange, office: FieldRange?, kind: FieldRange) -> String {
        guard let office, office.end > office.start else { return text(number) }
        if number.quoted || office.quoted || kind.quoted {
            let officeText = text(office)
            let numberText = text(number)
            return numberText.hasPrefix(officeText) ? numberText : officeText + numberText + text(kind)
        }
        let officeLength = office.end - office.start
        if number.end - number.start >= officeLength,
           (0..<officeLength).allSatisfy({ bytes[number.start + $0] == bytes[office.start + $0] }) {
            return text(number)
        }
        let length = officeLength + (number.end - number.start) + (kind.end - kind.start)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            for range in [office, number, kind] {
                for index in range.start..<range.end {
                    buffer[at] = bytes[index]
                    at += 1
                }
            }
            return at
        }
    }

    /// Up to 7 bytes of a short cell packed into an integer (`UInt64.max` for longer cells): a cache key without a String.
    func packedCode(_ range: FieldRange) -> UInt64 {
        let length = range.end - range.start
        guard length <= 7 else { return UInt64.max }
        var value = UInt64(length)
        for index in range.start..<range.end { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// A cell of only ASCII digits (at most 18) as a number.
    func digits(_ range: FieldRange) -> UInt64? {
        let length = range.end - range.start
        guard length > 0, length <= 18 else { return nil }
        var value: UInt64 = 0
        for index in range.start..<range.end {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value
    }

    /// `A; B | C` → `["A", "B", "C"]`.
    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    // MARK: Merge

    func merge(_ chunks: [Chunk], flagNames: [String], count: Int) -> LandscapeCorpus {
        var builder = CorpusBuilder()
        builder.reserve(count)
        for name in flagNames { _ = builder.flag(name) }
        var numericFamilies: [UInt64: Int32] = [:]
        numericFamilies.reserveCapacity(count)
        var masks: [UInt64] = []
        masks.reserveCapacity(count)
        for chunk in chunks {
            let officeMap = chunk.officeNames.names.map { builder.officeCodes.id($0) }
            let kindMap = chunk.kindNames.names.map { builder.kindNames.id($0) }
            let typeMap = chunk.typeNames.names.map { builder.patentTypeNames.id($0) }
            func mapped(_ value: UInt16, _ map: [UInt16]) -> UInt16 {
                value == LandscapeCorpus.noOffice ? value : map[Int(value)]
            }
            let base = builder.ids.count
            builder.ids.append(contentsOf: chunk.ids)
            builder.offices.append(contentsOf: chunk.offices.lazy.map { mapped($0, officeMap) })
            builder.priorityOffices.append(contentsOf: chunk.priorityOffices.lazy.map { mapped($0, officeMap) })
            builder.kinds.append(contentsOf: chunk.kinds.lazy.map { mapped($0, kindMap) })
            builder.patentTypes.append(contentsOf: chunk.patentTypes.lazy.map { mapped($0, typeMap) })
            builder.publicationYears.append(contentsOf: chunk.publicationYears)
            builder.priorityYears.append(contentsOf: chunk.priorityYears)
            masks.append(contentsOf: chunk.flagMasks)
            for (offset, number) in chunk.familyNumbers.enumerated() {
                let document = base + offset
                if number != UInt64.max {
                    if let family = numericFamilies[number] {
                        builder.families.append(family)
                    } else {
                        let family = Int32(builder.familyCount)
                        builder.familyCount += 1
                        numericFamilies[number] = family
                        builder.families.append(family)
                    }
                } else {
                    builder.families.append(builder.family(key: CorpusBuilder.familyKey(
                        familyID: chunk.familyText[offset], priorityKey: chunk.priorityKeys[offset], documentIndex: document)))
                }
                if chunk.applicants.isEmpty {
                    builder.applicantStarts.append(Int32(builder.applicantIDs.count))
                } else {
                    var seen: [Int32] = []
                    for name in chunk.applicants[offset] {
                        if let id = builder.applicant(name), !seen.contains(id) { seen.append(id) }
                    }
                    builder.applicantIDs.append(contentsOf: seen)
                    builder.applicantStarts.append(Int32(builder.applicantIDs.count))
                }
            }
        }
        for (document, mask) in masks.enumerated() where mask != 0 {
            var bits = mask
            while bits != 0 {
                builder.flagMembers[bits.trailingZeroBitCount].append(Int32(document))
                bits &= bits &- 1
            }
        }
        return LandscapeCorpus(builder)
    }
}
