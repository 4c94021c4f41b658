import Storage

extension ConversationSchema {
    /// Registrations (one per person and conversation) and their credentials (note verbale or
    /// nomination letter, PDF), kept in the database — never under a web root.
    static func participation(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        return [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS conv_registrations (
                  id BIGINT PRIMARY KEY, conversation_id BIGINT NOT NULL REFERENCES conv_conversations(id) ON DELETE CASCADE,
                  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE, category TEXT NOT NULL,
                  delegation TEXT NOT NULL DEFAULT '', display_name TEXT NOT NULL, status TEXT NOT NULL,
                  focal_point INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, decided_by BIGINT, decided_at BIGINT,
                  note TEXT NOT NULL DEFAULT '', UNIQUE (conversation_id, user_id))
                """,
                "CREATE INDEX IF NOT EXISTS conv_registrations_by_delegation ON conv_registrations (conversation_id, delegation)",
                """
                CREATE TABLE IF NOT EXISTS conv_credentials (
                  registration_id BIGINT PRIMARY KEY REFERENCES conv_registrations(id) ON DELETE CASCADE,
                  file_name TEXT NOT NULL, bytes BIGINT NOT NULL, data \(blob) NOT NULL, uploaded_at BIGINT NOT NULL)
                """,
            ]),
        ]
    }
}
