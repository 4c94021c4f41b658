import Storage

/// The consultation tables (`cons_*`). Papers name their conversation without a foreign key (the
/// conversation tables belong to another module); the server checks the conversation exists.
/// Attachments live in the database, never under a web root.
enum ConsultationSchema {
    static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        return [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS cons_papers (
                  id BIGINT PRIMARY KEY, conversation_id BIGINT NOT NULL, created_at BIGINT NOT NULL, created_by BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS cons_papers_by_conversation ON cons_papers (conversation_id)",
                """
                CREATE TABLE IF NOT EXISTS cons_versions (
                  id BIGINT PRIMARY KEY, paper_id BIGINT NOT NULL REFERENCES cons_papers(id) ON DELETE CASCADE,
                  number INTEGER NOT NULL, title TEXT NOT NULL, intro TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL,
                  published_at BIGINT, created_at BIGINT NOT NULL, UNIQUE (paper_id, number))
                """,
                """
                CREATE TABLE IF NOT EXISTS cons_issues (
                  id BIGINT PRIMARY KEY, version_id BIGINT NOT NULL REFERENCES cons_versions(id) ON DELETE CASCADE,
                  number INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '{}', UNIQUE (version_id, number))
                """,
                """
                CREATE TABLE IF NOT EXISTS cons_questions (
                  id BIGINT PRIMARY KEY, issue_id BIGINT NOT NULL REFERENCES cons_issues(id) ON DELETE CASCADE,
                  number INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (issue_id, number))
                """,
                """
                CREATE TABLE IF NOT EXISTS cons_calls (
                  version_id BIGINT PRIMARY KEY REFERENCES cons_versions(id) ON DELETE CASCADE,
                  opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS cons_submissions (
                  id BIGINT PRIMARY KEY, version_id BIGINT NOT NULL REFERENCES cons_versions(id) ON DELETE CASCADE,
                  user_id BIGINT REFERENCES users(id) ON DELETE SET NULL, author_type TEXT NOT NULL, author_name TEXT NOT NULL,
                  country TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
                  created_at BIGINT NOT NULL, decided_by BIGINT, decided_at BIGINT, published_at BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS cons_submissions_by_version ON cons_submissions (version_id, status, id)",
                """
                CREATE TABLE IF NOT EXISTS cons_submission_issues (
                  submission_id BIGINT NOT NULL REFERENCES cons_submissions(id) ON DELETE CASCADE,
                  issue_number INTEGER NOT NULL, PRIMARY KEY (submission_id, issue_number))
                """,
                """
                CREATE TABLE IF NOT EXISTS cons_attachments (
                  submission_id BIGINT PRIMARY KEY REFERENCES cons_submissions(id) ON DELETE CASCADE,
                  file_name TEXT NOT NULL, bytes BIGINT NOT NULL, data \(blob) NOT NULL, uploaded_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS cons_issue_sources (
                  issue_id BIGINT NOT NULL REFERENCES cons_issues(id) ON DELETE CASCADE,
                  submission_id BIGINT NOT NULL REFERENCES cons_submissions(id) ON DELETE CASCADE,
                  PRIMARY KEY (issue_id, submission_id))
                """,
            ]),
        ]
    }
}
