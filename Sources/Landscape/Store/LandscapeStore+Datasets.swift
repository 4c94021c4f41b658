import Core
import Storage

extension LandscapeStore {
    /// Separates list items (applicants, symbols, flags) in one text column: names may hold `;` or `,`.
    static let separator: Character = "\u{1F}"

    static let datasetColumns = """
        id, name, source, file_name, collection_id, status, message, documents, families, flag_names, has_text, index_bytes,
        job_id, created_by, created_at
        """

    /// Registers a dataset in state `importing` (its job fills it).
    public func createDataset(
        name: String, source: LandscapeDataset.Source, fileName: String = "", collectionID: Int64? = nil, createdBy: Int64?
    ) async throws(IPAIError) -> LandscapeDataset {
        try await ready()
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw IPAIError(.invalidInput, "a dataset needs a name of 1 to 200 characters", at: InputLocation(field: "name", value: name))
        }
        let id = IdentifierGenerator.next()
        try await database.query(
            """
            INSERT INTO landscape_datasets (id, name, source, file_name, collection_id, status, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            .integer(id), .text(trimmed), .text(source.rawValue), .text(fileName), SQLValue(collectionID),
            .text(LandscapeDataset.Status.importing.rawValue), SQLValue(createdBy), .integer(Clock.milliseconds()))
        guard let dataset = try await dataset(id: id) else { throw IPAIError(.storageFailure, "dataset \(id) vanished after it was created") }
        return dataset
    }

    public func dataset(id: Int64) async throws(IPAIError) -> LandscapeDataset? {
        try await ready()
        return try await store.rows("SELECT \(Self.datasetColumns) FROM landscape_datasets WHERE id = ?", [.integer(id)]).first.map(Self.dataset)
    }

    /// Datasets newest first, a keyset page at a time.
    public func datasets(limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<LandscapeDataset> {
        try await ready()
        return try await store.page(
            "SELECT \(Self.datasetColumns) FROM landscape_datasets WHERE id < ? ORDER BY id DESC LIMIT ?", [],
            limit: limit, cursor: cursor, map: Self.dataset)
    }

    /// Notes the job that imports the dataset.
    public func setDatasetJob(id: Int64, jobID: Int64) async throws(IPAIError) {
        try await ready()
        try await database.query("UPDATE landscape_datasets SET job_id = ? WHERE id = ?", .integer(jobID), .integer(id))
    }

    /// Marks an import as failed with its reason; its records (if any) are removed.
    public func failDataset(id: Int64, message: String) async throws(IPAIError) {
        try await ready()
        _ = try await database.transaction(Self.clearFamilyStatements(datasetID: id) + [
            SQLStatement("DELETE FROM landscape_records WHERE dataset_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM landscape_index_parts WHERE dataset_id = ?", [.integer(id)]),
            SQLStatement("UPDATE landscape_datasets SET status = ?, message = ?, documents = 0, families = 0 WHERE id = ?",
                         [.text(LandscapeDataset.Status.failed.rawValue), .text(message), .integer(id)]),
        ])
    }

    /// Deletes a dataset with its records, index and reports. Returns false if it was not there.
    @discardableResult
    public func deleteDataset(id: Int64) async throws(IPAIError) -> Bool {
        try await ready()
        let results = try await database.transaction(Self.clearFamilyStatements(datasetID: id) + [
            SQLStatement("DELETE FROM landscape_members WHERE report_id IN (SELECT id FROM landscape_reports WHERE dataset_id = ?)", [.integer(id)]),
            SQLStatement("DELETE FROM landscape_reports WHERE dataset_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM landscape_index_parts WHERE dataset_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM landscape_records WHERE dataset_id = ?", [.integer(id)]),
            SQLStatement("DELETE FROM landscape_datasets WHERE id = ? RETURNING id", [.integer(id)]),
        ])
        return !(results.last ?? []).isEmpty
    }

    /// Stores every record of a dataset (replacing any earlier ones) in input order, in transactions
    /// of `batch` records, and marks the dataset ready with its counts. Earlier family rows go too:
    /// ``saveFamilies(_:records:datasetID:)`` stores the new ones.
    /// - Parameter progress: told after each batch (`storing`, records written, total).
    public func saveRecords(
        _ records: [LandscapeRecord], flagNames: [String], families: Int, datasetID: Int64, batch: Int = 500,
        progress: (any ProgressReporter)? = nil, shouldStop: () -> Bool = { false }
    ) async throws(IPAIError) {
        try await ready()
        try await clearFamilies(datasetID: datasetID)
        try await database.query("DELETE FROM landscape_records WHERE dataset_id = ?", .integer(datasetID))
        var start = 0
        var hasText = false
        progress?.report(phase: "storing", completed: 0, total: records.count)
        while start < records.count {
            let end = min(start + batch, records.count)
            var statements: [SQLStatement] = []
            var chunkStart = start
            while chunkStart < end {
                let chunkEnd = min(chunkStart + 50, end)
                var arguments: [SQLValue] = []
                arguments.reserveCapacity((chunkEnd - chunkStart) * 18)
                for seq in chunkStart..<chunkEnd {
                    let record = records[seq]
                    if record.title != nil || record.abstract != nil || record.claims != nil { hasText = true }
                    arguments += Self.values(record, seq: seq, datasetID: datasetID)
                }
                let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunkEnd - chunkStart)
                statements.append(SQLStatement(
                    """
                    INSERT INTO landscape_records (dataset_id, seq, doc_id, family_key, family_id, priority_key, office, kind, patent_type,
                      publication_year, priority_year, priority_office, applicants, symbols, flags, title, abstract, claims)
                    VALUES \(rows.joined(separator: ", "))
                    """, arguments))
                chunkStart = chunkEnd
            }
            _ = try await database.transaction(statements)
            start = end
            progress?.report(phase: "storing", completed: start, total: records.count)
            if shouldStop() { throw IPAIError(.cancelled, "cancelled") }
        }
        try await database.query(
            "UPDATE landscape_datasets SET status = ?, message = '', documents = ?, families = ?, flag_names = ?, has_text = ? WHERE id = ?",
            .text(LandscapeDataset.Status.ready.rawValue), .integer(Int64(records.count)), .integer(Int64(families)),
            .text(flagNames.joined(separator: String(Self.separator))), SQLValue(hasText), .integer(datasetID))
    }

    /// Every record of a dataset, in input order, `batch` rows per query.
    public func records(datasetID: Int64, batch: Int = 5000, progress: (any ProgressReporter)? = nil) async throws(IPAIError) -> [LandscapeRecord] {
        try await ready()
        let total = try await store.rows("SELECT COUNT(*) AS n FROM landscape_records WHERE dataset_id = ?", [.integer(datasetID)]).first?.int("n") ?? 0
        var records: [LandscapeRecord] = []
        records.reserveCapacity(total)
        var after = -1
        while true {
            let rows = try await store.rows(
                """
                SELECT seq, doc_id, family_id, priority_key, office, kind, patent_type, publication_year, priority_year,
                  priority_office, applicants, symbols, flags, title, abstract, claims
                FROM landscape_records WHERE dataset_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, [.integer(datasetID), .integer(Int64(after)), .integer(Int64(batch))])
            for row in rows { records.append(try Self.record(row)) }
            progress?.report(phase: "loading", completed: records.count, total: total)
            guard let last = rows.last, rows.count == batch else { break }
            after = try last.int("seq")
        }
        return records
    }

    /// The family key the in-memory corpus groups by: family id, else earliest priority, else the document.
    static func familyKey(_ record: LandscapeRecord) -> String {
        if let family = record.familyID, !family.isEmpty { return "F" + family }
        if let priority = record.priorityKey, !priority.isEmpty { return "P" + priority }
        return "D" + record.id
    }

    static func office(_ raw: String?) -> SQLValue {
        guard let raw else { return .null }
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        return code.isEmpty ? .null : .text(code)
    }

    static func year(_ value: Int?) -> SQLValue {
        guard let value, value > 0, value < Int(Int16.max) else { return .null }
        return .integer(Int64(value))
    }

    static func values(_ record: LandscapeRecord, seq: Int, datasetID: Int64) -> [SQLValue] {
        let separator = String(Self.separator)
        return [
            .integer(datasetID), .integer(Int64(seq)), .text(record.id), .text(familyKey(record)), SQLValue(record.familyID),
            SQLValue(record.priorityKey), office(record.office), SQLValue(record.kind), SQLValue(record.patentType),
            year(record.publicationYear), year(record.priorityYear), office(record.priorityOffice),
            .text(record.applicants.joined(separator: separator)), .text(record.symbols.joined(separator: separator)),
            .text(record.flags.joined(separator: separator)), SQLValue(record.title), SQLValue(record.abstract), SQLValue(record.claims),
        ]
    }

    static func list(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: separator, omittingEmptySubsequences: true).map(String.init)
    }

    static func record(_ row: SQLRow) throws(IPAIError) -> LandscapeRecord {
        LandscapeRecord(
            id: try row.string("doc_id"), familyID: row.optionalString("family_id"), priorityKey: row.optionalString("priority_key"),
            office: row.optionalString("office"), kind: row.optionalString("kind"), patentType: row.optionalString("patent_type"),
            publicationYear: row.optionalInt64("publication_year").map(Int.init), priorityYear: row.optionalInt64("priority_year").map(Int.init),
            priorityOffice: row.optionalString("priority_office"), applicants: list(row.optionalString("applicants")),
            title: row.optionalString("title"), abstract: row.optionalString("abstract"), claims: row.optionalString("claims"),
            symbols: list(row.optionalString("symbols")), flags: list(row.optionalString("flags")))
    }

    static func dataset(_ row: SQLRow) throws(IPAIError) -> LandscapeDataset {
        LandscapeDataset(
            id: try row.int64("id"), name: try row.string("name"),
            source: LandscapeDataset.Source(rawValue: try row.string("source")) ?? .csv, fileName: row.optionalString("file_name") ?? "",
            collectionID: row.optionalInt64("collection_id"),
            status: LandscapeDataset.Status(rawValue: try row.string("status")) ?? .failed, message: row.optionalString("message") ?? "",
            documents: try row.int("documents"), families: try row.int("families"), flagNames: list(row.optionalString("flag_names")),
            hasText: try row.bool("has_text"), indexBytes: try row.int64("index_bytes"), jobID: row.optionalInt64("job_id"),
            createdBy: row.optionalInt64("created_by"), createdAt: try row.int64("created_at"))
    }
}
