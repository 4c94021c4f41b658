import Storage

/// The initiatives tables (`init_*`). Content fields that exist per language hold a JSON object
/// (``Core/LocalizedText``); questionnaires and answers are JSON too.
enum InitiativeSchema {
    static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS init_offices (
                  id BIGINT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, kind TEXT NOT NULL,
                  website TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, created_at BIGINT NOT NULL, created_by BIGINT,
                  decided_at BIGINT, decided_by BIGINT)
                """,
                """
                CREATE TABLE IF NOT EXISTS init_representatives (
                  id BIGINT PRIMARY KEY, office_id BIGINT NOT NULL REFERENCES init_offices(id) ON DELETE CASCADE,
                  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE, status TEXT NOT NULL,
                  created_at BIGINT NOT NULL, decided_at BIGINT, decided_by BIGINT, UNIQUE (office_id, user_id))
                """,
                "CREATE INDEX IF NOT EXISTS init_representatives_by_user ON init_representatives (user_id)",
                """
                CREATE TABLE IF NOT EXISTS init_applications (
                  id BIGINT PRIMARY KEY, office_id BIGINT NOT NULL REFERENCES init_offices(id) ON DELETE CASCADE,
                  name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '{}', category TEXT NOT NULL, status TEXT NOT NULL,
                  since TEXT NOT NULL DEFAULT '', since_year INTEGER, technology TEXT NOT NULL DEFAULT '',
                  contact_name TEXT NOT NULL DEFAULT '', contact_email TEXT NOT NULL DEFAULT '',
                  contact_public INTEGER NOT NULL DEFAULT 0, link TEXT NOT NULL DEFAULT '', search_text TEXT NOT NULL DEFAULT '',
                  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, updated_by BIGINT)
                """,
                "CREATE INDEX IF NOT EXISTS init_applications_by_office ON init_applications (office_id)",
                """
                CREATE TABLE IF NOT EXISTS init_surveys (
                  id BIGINT PRIMARY KEY, title TEXT NOT NULL, opens_on TEXT NOT NULL, closes_on TEXT NOT NULL,
                  status TEXT NOT NULL, questions TEXT NOT NULL DEFAULT '[]', created_at BIGINT NOT NULL, created_by BIGINT,
                  opened_at BIGINT, closed_at BIGINT)
                """,
                """
                CREATE TABLE IF NOT EXISTS init_survey_responses (
                  survey_id BIGINT NOT NULL REFERENCES init_surveys(id) ON DELETE CASCADE,
                  office_id BIGINT NOT NULL REFERENCES init_offices(id) ON DELETE CASCADE,
                  answers TEXT NOT NULL, submitted_by BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                  PRIMARY KEY (survey_id, office_id))
                """,
            ]),
        ]
    }
}
