import Core
import Storage

extension LandscapeStore {
    /// Stores, per family of a dataset, what the database cannot derive row by row with the
    /// in-memory engine's own rules (``FamilyTable``, ``ApplicantName``): the counting year, the
    /// office of first filing (from a priority claim or inferred), whether it was filed abroad, and
    /// the family's distinct applicants with their display name and organisation type. Replaces
    /// earlier rows of the dataset. The first-filing, applicant and co-occurrence tables of
    /// ``aggregate(reportID:datasetID:topApplicants:)`` count these rows.
    ///
    /// - Parameters:
    ///   - corpus: built from `records`, in the same order (as stored by ``saveRecords(_:flagNames:families:datasetID:batch:progress:shouldStop:)``).
    ///   - records: the dataset's records; they name each family by its stored key.
    public func saveFamilies(_ corpus: LandscapeCorpus, records: [LandscapeRecord], datasetID: Int64) async throws(IPAIError) {
        try await ready()
        guard records.count == corpus.documentCount else {
            throw IPAIError(
                .invalidArgument,
                "the corpus has \(corpus.documentCount) documents but \(records.count) records were given for dataset \(datasetID); build the corpus from the stored records")
        }
        try await clearFamilies(datasetID: datasetID)
        let table = corpus.familyTable
        var statements: [SQLStatement] = []
        var familyRows = FamilyRowBatch(
            prefix: "INSERT INTO landscape_families (dataset_id, family_key, year, first_office, office_from_priority, filed_abroad) VALUES ",
            columns: 6)
        var applicantRows = FamilyRowBatch(
            prefix: "INSERT INTO landscape_applicants (dataset_id, family_key, applicant_key, name, type) VALUES ", columns: 5)
        for family in 0..<table.count {
            let first = Int(table.documents[Int(table.documentStarts[family])])
            let key = Self.familyKey(records[first])
            let office = table.firstOffices[family]
            let year = Int(table.years[family])
            familyRows.append([
                .integer(datasetID), .text(key), year > 0 ? .integer(Int64(year)) : .null,
                office == LandscapeCorpus.noOffice ? .null : .text(corpus.officeCodes[Int(office)]),
                SQLValue(table.firstOfficeFromPriority.contains(family)), SQLValue(table.filedAbroad.contains(family)),
            ], into: &statements)
            for slot in Int(table.applicantStarts[family])..<Int(table.applicantStarts[family + 1]) {
                let applicant = corpus.applicants[Int(table.applicantIDs[slot])]
                applicantRows.append(
                    [.integer(datasetID), .text(key), .text(applicant.key), .text(applicant.name), .text(applicant.type.rawValue)],
                    into: &statements)
            }
            if statements.count >= 20 {
                _ = try await database.transaction(statements)
                statements.removeAll(keepingCapacity: true)
            }
        }
        familyRows.flush(into: &statements)
        applicantRows.flush(into: &statements)
        if !statements.isEmpty { _ = try await database.transaction(statements) }
    }

    /// Whether the dataset's family rows are stored (datasets imported before they existed have none).
    public func hasFamilies(datasetID: Int64) async throws(IPAIError) -> Bool {
        try await ready()
        return try await !store.rows(
            "SELECT 1 AS found FROM landscape_families WHERE dataset_id = ? LIMIT 1", [.integer(datasetID)]).isEmpty
    }

    func clearFamilies(datasetID: Int64) async throws(IPAIError) {
        _ = try await database.transaction(Self.clearFamilyStatements(datasetID: datasetID))
    }

    static func clearFamilyStatements(datasetID: Int64) -> [SQLStatement] {
        [
            SQLStatement("DELETE FROM landscape_applicants WHERE dataset_id = ?", [.integer(datasetID)]),
            SQLStatement("DELETE FROM landscape_families WHERE dataset_id = ?", [.integer(datasetID)]),
        ]
    }
}

/// Rows of one table gathered into multi-row `INSERT`s of at most 200 rows.
private struct FamilyRowBatch {
    let prefix: String
    let columns: Int
    var arguments: [SQLValue] = []
    var rows = 0

    init(prefix: String, columns: Int) {
        self.prefix = prefix
        self.columns = columns
    }

    mutating func append(_ values: [SQLValue], into statements: inout [SQLStatement]) {
        arguments += values
        rows += 1
        if rows == 200 { flush(into: &statements) }
    }

    mutating func flush(into statements: inout [SQLStatement]) {
        guard rows > 0 else { return }
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        statements.append(SQLStatement(prefix + Array(repeating: row, count: rows).joined(separator: ", "), arguments))
        arguments.removeAll(keepingCapacity: true)
        rows = 0
    }
}
