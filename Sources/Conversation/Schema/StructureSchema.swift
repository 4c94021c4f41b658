import Storage

extension ConversationSchema {
    /// Conversations, sessions, panels, agenda items and outcome lists. Content fields that exist
    /// per language hold a JSON object (``Core/LocalizedText``).
    static func structure(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS conv_conversations (
                  id BIGINT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '{}',
                  created_at BIGINT NOT NULL, created_by BIGINT)
                """,
                """
                CREATE TABLE IF NOT EXISTS conv_sessions (
                  id BIGINT PRIMARY KEY, conversation_id BIGINT NOT NULL REFERENCES conv_conversations(id) ON DELETE CASCADE,
                  number INTEGER NOT NULL, title TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
                  place TEXT NOT NULL DEFAULT '', format TEXT NOT NULL, languages TEXT NOT NULL DEFAULT 'en',
                  webcast_url TEXT NOT NULL DEFAULT '', archive_url TEXT NOT NULL DEFAULT '',
                  video_started_at BIGINT, created_at BIGINT NOT NULL, UNIQUE (conversation_id, number))
                """,
                """
                CREATE TABLE IF NOT EXISTS conv_panels (
                  id BIGINT PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES conv_sessions(id) ON DELETE CASCADE,
                  conversation_id BIGINT NOT NULL REFERENCES conv_conversations(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL, theme TEXT NOT NULL, moderator_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                  panelists TEXT NOT NULL DEFAULT '[]', questions TEXT NOT NULL DEFAULT '[]', documents TEXT NOT NULL DEFAULT '[]',
                  slots TEXT NOT NULL DEFAULT '[]', created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS conv_panels_by_session ON conv_panels (session_id, position)",
            ]),
        ]
    }
}
