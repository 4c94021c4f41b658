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
                // Agenda items of a session; a link names an issue (and optionally one of its questions) of an
                // issues paper. No foreign key to the consultation tables: the Server checks links through
                // ConsultationStore, so the modules stay independent.
                """
                CREATE TABLE IF NOT EXISTS conv_agenda_items (
                  id BIGINT PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES conv_sessions(id) ON DELETE CASCADE,
                  conversation_id BIGINT NOT NULL REFERENCES conv_conversations(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL, title TEXT NOT NULL, panel_id BIGINT REFERENCES conv_panels(id) ON DELETE SET NULL,
                  starts_at TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS conv_agenda_items_by_session ON conv_agenda_items (session_id, position)",
                """
                CREATE TABLE IF NOT EXISTS conv_agenda_links (
                  agenda_item_id BIGINT NOT NULL REFERENCES conv_agenda_items(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL, issue_id BIGINT NOT NULL, question_id BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS conv_agenda_links_by_item ON conv_agenda_links (agenda_item_id, position)",
                // The two outcome lists (kind further_discussion / immediate_attention) and the sources of each
                // item (interventions, published submissions), checked by the Server.
                """
                CREATE TABLE IF NOT EXISTS conv_outcomes (
                  id BIGINT PRIMARY KEY, conversation_id BIGINT NOT NULL REFERENCES conv_conversations(id) ON DELETE CASCADE,
                  kind TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL, created_at BIGINT NOT NULL,
                  updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS conv_outcomes_by_list ON conv_outcomes (conversation_id, kind, position)",
                """
                CREATE TABLE IF NOT EXISTS conv_outcome_sources (
                  outcome_id BIGINT NOT NULL REFERENCES conv_outcomes(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL, source_kind TEXT NOT NULL, source_id BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS conv_outcome_sources_by_outcome ON conv_outcome_sources (outcome_id, position)",
            ]),
        ]
    }
}
