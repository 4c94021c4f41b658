import Storage

/// The marks tables.
///
/// - `marks`: one row per mark; Vienna codes and Nice classes as space-separated text (the search
///   service filters in memory, where the index is).
/// - `mark_images`: the original file (never served as is) and the PNG thumbnail pages show.
/// - `mark_signatures`: the encoded descriptors the index loads at start, with their format version.
enum MarkSchema {
    static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        return [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS marks (
                  id BIGINT PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',
                  vienna TEXT NOT NULL DEFAULT '', nice TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '',
                  status TEXT NOT NULL, filed TEXT, registered TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS marks_by_status ON marks (status, id)",
                """
                CREATE TABLE IF NOT EXISTS mark_images (
                  mark_id BIGINT PRIMARY KEY REFERENCES marks(id) ON DELETE CASCADE, format TEXT NOT NULL,
                  bytes BIGINT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
                  original \(blob) NOT NULL, thumbnail \(blob) NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS mark_signatures (
                  mark_id BIGINT PRIMARY KEY REFERENCES marks(id) ON DELETE CASCADE, version INTEGER NOT NULL,
                  data \(blob) NOT NULL)
                """,
            ]),
        ]
    }
}
