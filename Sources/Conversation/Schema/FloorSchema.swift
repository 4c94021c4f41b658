import Storage

extension ConversationSchema {
    /// The list of speakers and the record of interventions.
    ///
    /// - `conv_floor_settings`: one row per panel (ordering policy, cap, speaking time, whether the
    ///   floor is open) and a `revision` every floor change increments in its transaction — which
    ///   also serialises the changes of one panel on PostgreSQL (row lock) and tells live viewers
    ///   which state is newer.
    /// - `conv_speaker_requests`: one row per request; a re-request is a new row, so it sorts last.
    ///   The partial unique index lets at most one request per panel have the floor, whatever
    ///   several servers do at the same moment.
    /// - `conv_interventions`: what was said, written when the moderator ends a speaker's time.
    static func floor(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS conv_floor_settings (
                  panel_id BIGINT PRIMARY KEY REFERENCES conv_panels(id) ON DELETE CASCADE,
                  policy TEXT NOT NULL DEFAULT 'order_of_request', delegation_cap INTEGER NOT NULL DEFAULT 0,
                  speaking_seconds INTEGER NOT NULL DEFAULT 180, warning_seconds INTEGER NOT NULL DEFAULT 30,
                  floor_open INTEGER NOT NULL DEFAULT 0, opened_at BIGINT, revision BIGINT NOT NULL DEFAULT 0,
                  updated_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS conv_speaker_requests (
                  id BIGINT PRIMARY KEY, panel_id BIGINT NOT NULL REFERENCES conv_panels(id) ON DELETE CASCADE,
                  conversation_id BIGINT NOT NULL, registration_id BIGINT NOT NULL REFERENCES conv_registrations(id) ON DELETE CASCADE,
                  user_id BIGINT NOT NULL, speaker_name TEXT NOT NULL, delegation TEXT NOT NULL, category TEXT NOT NULL,
                  kind TEXT NOT NULL, status TEXT NOT NULL, advance INTEGER NOT NULL DEFAULT 0, requested_at BIGINT NOT NULL,
                  started_at BIGINT, ended_at BIGINT, intervention_id BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS conv_speaker_requests_by_panel ON conv_speaker_requests (panel_id, status, id)",
                """
                CREATE UNIQUE INDEX IF NOT EXISTS conv_speaker_requests_one_speaker
                  ON conv_speaker_requests (panel_id) WHERE status = 'speaking'
                """,
                """
                CREATE UNIQUE INDEX IF NOT EXISTS conv_speaker_requests_one_pending
                  ON conv_speaker_requests (panel_id, delegation, kind) WHERE status IN ('waiting', 'speaking')
                """,
                """
                CREATE TABLE IF NOT EXISTS conv_interventions (
                  id BIGINT PRIMARY KEY, panel_id BIGINT NOT NULL REFERENCES conv_panels(id) ON DELETE CASCADE,
                  session_id BIGINT NOT NULL, conversation_id BIGINT NOT NULL, request_id BIGINT NOT NULL UNIQUE,
                  user_id BIGINT, speaker_name TEXT NOT NULL, delegation TEXT NOT NULL, category TEXT NOT NULL,
                  kind TEXT NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL, video_seconds BIGINT,
                  statement TEXT NOT NULL DEFAULT '', statement_published INTEGER NOT NULL DEFAULT 0,
                  statement_by BIGINT, statement_at BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS conv_interventions_by_panel ON conv_interventions (panel_id, started_at)",
                "CREATE INDEX IF NOT EXISTS conv_interventions_by_session ON conv_interventions (session_id, started_at)",
            ]),
        ]
    }
}
