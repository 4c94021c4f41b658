import Storage

/// The landscape tables.
///
/// - `landscape_datasets`: a corpus (uploaded CSV/JSONL or an IPAI collection) and its state.
/// - `landscape_records`: one row per patent document of a dataset, in input order (`seq`), with
///   the family key already derived (family id, else earliest priority, else the document) so
///   SQL can group by family.
/// - `landscape_index_parts`: the dataset's positional index (`SearchIndex.bytes`) in parts.
/// - `landscape_reports`: a run: definition, options, status and the finished report (JSON).
/// - `landscape_members`: documents (`seq`) per category of a report (`dimension`/`category`; the
///   scope has both empty) — what the database's `GROUP BY` counts join.
/// - `landscape_families` (version 2): per family of a dataset, what needs the whole family and
///   the in-memory engine's rules (``FamilyTable``): counting year, office of first filing, whether
///   it came from a priority claim, whether the family was filed abroad.
/// - `landscape_applicants` (version 2): the distinct applicants (normalised key) of each family,
///   with the dataset's display name and organisation type of that key (from its first spelling).
enum LandscapeSchema {
    static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        // Ties in the applicant ranking break on the key by code point, as Swift's `<` does.
        let bytewise = dialect == .postgres ? "COLLATE \"C\"" : "COLLATE BINARY"
        return [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS landscape_datasets (
                  id BIGINT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL, file_name TEXT NOT NULL DEFAULT '',
                  collection_id BIGINT, status TEXT NOT NULL, message TEXT NOT NULL DEFAULT '',
                  documents INTEGER NOT NULL DEFAULT 0, families INTEGER NOT NULL DEFAULT 0, flag_names TEXT NOT NULL DEFAULT '',
                  has_text INTEGER NOT NULL DEFAULT 0, index_bytes BIGINT NOT NULL DEFAULT 0, job_id BIGINT,
                  created_by BIGINT, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS landscape_records (
                  dataset_id BIGINT NOT NULL, seq INTEGER NOT NULL, doc_id TEXT NOT NULL, family_key TEXT NOT NULL,
                  family_id TEXT, priority_key TEXT, office TEXT, kind TEXT, patent_type TEXT,
                  publication_year INTEGER, priority_year INTEGER, priority_office TEXT,
                  applicants TEXT NOT NULL DEFAULT '', symbols TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '',
                  title TEXT, abstract TEXT, claims TEXT,
                  PRIMARY KEY (dataset_id, seq))
                """,
                "CREATE INDEX IF NOT EXISTS landscape_records_by_family ON landscape_records (dataset_id, family_key)",
                """
                CREATE TABLE IF NOT EXISTS landscape_index_parts (
                  dataset_id BIGINT NOT NULL, part INTEGER NOT NULL, data \(blob) NOT NULL, PRIMARY KEY (dataset_id, part))
                """,
                """
                CREATE TABLE IF NOT EXISTS landscape_reports (
                  id BIGINT PRIMARY KEY, dataset_id BIGINT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL,
                  options TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', report TEXT,
                  aggregated_in TEXT NOT NULL DEFAULT '', job_id BIGINT, created_by BIGINT, created_at BIGINT NOT NULL,
                  finished_at BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS landscape_reports_by_dataset ON landscape_reports (dataset_id, id)",
                """
                CREATE TABLE IF NOT EXISTS landscape_members (
                  report_id BIGINT NOT NULL, dimension TEXT NOT NULL, category TEXT NOT NULL, seq INTEGER NOT NULL,
                  PRIMARY KEY (report_id, dimension, category, seq))
                """,
            ]),
            (2, [
                """
                CREATE TABLE IF NOT EXISTS landscape_families (
                  dataset_id BIGINT NOT NULL, family_key TEXT NOT NULL, year INTEGER, first_office TEXT,
                  office_from_priority INTEGER NOT NULL DEFAULT 0, filed_abroad INTEGER NOT NULL DEFAULT 0,
                  PRIMARY KEY (dataset_id, family_key))
                """,
                """
                CREATE TABLE IF NOT EXISTS landscape_applicants (
                  dataset_id BIGINT NOT NULL, family_key TEXT NOT NULL, applicant_key TEXT \(bytewise) NOT NULL,
                  name TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (dataset_id, family_key, applicant_key))
                """,
            ]),
        ]
    }
}
