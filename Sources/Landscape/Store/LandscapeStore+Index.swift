import Core
import PatentSearch
import Storage

extension LandscapeStore {
    /// Bytes per stored index part (PostgreSQL and SQLite both take larger values, but smaller
    /// parts keep each round trip and the memory of one statement modest).
    static let indexPartBytes = 4 << 20

    /// Stores a dataset's positional index (its persisted bytes, in parts), replacing any earlier one.
    public func saveIndex(_ index: SearchIndex, datasetID: Int64) async throws(IPAIError) {
        try await ready()
        let bytes = index.bytes
        var statements = [SQLStatement("DELETE FROM landscape_index_parts WHERE dataset_id = ?", [.integer(datasetID)])]
        var part = 0
        var start = 0
        repeat {
            let end = min(start + Self.indexPartBytes, bytes.count)
            statements.append(SQLStatement(
                "INSERT INTO landscape_index_parts (dataset_id, part, data) VALUES (?, ?, ?)",
                [.integer(datasetID), .integer(Int64(part)), .blob(Array(bytes[start..<end]))]))
            part += 1
            start = end
        } while start < bytes.count
        statements.append(SQLStatement(
            "UPDATE landscape_datasets SET index_bytes = ? WHERE id = ?", [.integer(Int64(bytes.count)), .integer(datasetID)]))
        _ = try await database.transaction(statements)
    }

    /// The dataset's stored index, nil if it has none.
    /// - Throws: `corrupt_model` when the stored bytes fail the index's checks.
    public func index(datasetID: Int64) async throws(IPAIError) -> SearchIndex? {
        try await ready()
        let parts = try await store.rows(
            "SELECT part FROM landscape_index_parts WHERE dataset_id = ? ORDER BY part", [.integer(datasetID)])
        guard !parts.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for row in parts {
            let part = try row.int64("part")
            guard let data = try await store.rows(
                "SELECT data FROM landscape_index_parts WHERE dataset_id = ? AND part = ?", [.integer(datasetID), .integer(part)]
            ).first?["data"].bytes else { continue }
            bytes += data
        }
        return try SearchIndex(bytes: bytes, sourceName: "the index of landscape dataset \(datasetID)")
    }
}
