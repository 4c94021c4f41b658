import Core

/// The database schema, as numbered migrations that both engines run: portable SQL with a few
/// dialect-specific type names. Every statement is idempotent (`IF NOT EXISTS`), and PostgreSQL
/// takes an advisory lock first, so several servers starting at once migrate once.
enum Migrations {
    static func all(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        let real = "DOUBLE PRECISION"
        return [
            (1, [
                """
                CREATE TABLE IF NOT EXISTS users (
                  id BIGINT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                  role TEXT NOT NULL, must_change_password INTEGER NOT NULL DEFAULT 0,
                  disabled INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS sessions (
                  token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS api_tokens (
                  id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
                  rate_per_minute INTEGER NOT NULL, created_at BIGINT NOT NULL, last_used_at BIGINT,
                  revoked INTEGER NOT NULL DEFAULT 0)
                """,
                """
                CREATE TABLE IF NOT EXISTS audit_log (
                  id BIGINT PRIMARY KEY, at BIGINT NOT NULL, user_id BIGINT, username TEXT,
                  action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', details TEXT NOT NULL DEFAULT '')
                """,
                """
                CREATE TABLE IF NOT EXISTS collections (
                  id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '',
                  created_at BIGINT NOT NULL, created_by BIGINT)
                """,
                """
                CREATE TABLE IF NOT EXISTS documents (
                  id BIGINT PRIMARY KEY, collection_id BIGINT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                  external_id TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,
                  UNIQUE (collection_id, external_id))
                """,
                """
                CREATE TABLE IF NOT EXISTS uploads (
                  id BIGINT PRIMARY KEY, created_at BIGINT NOT NULL, created_by BIGINT, file_name TEXT NOT NULL,
                  format TEXT NOT NULL, bytes BIGINT NOT NULL DEFAULT 0, chunks INTEGER NOT NULL DEFAULT 0)
                """,
                """
                CREATE TABLE IF NOT EXISTS upload_chunks (
                  upload_id BIGINT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                  data \(blob) NOT NULL, PRIMARY KEY (upload_id, seq))
                """,
                """
                CREATE TABLE IF NOT EXISTS jobs (
                  id BIGINT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL,
                  collection_id BIGINT REFERENCES collections(id) ON DELETE CASCADE, model_id BIGINT,
                  parameters TEXT NOT NULL, progress \(real) NOT NULL DEFAULT 0, phase TEXT NOT NULL DEFAULT '',
                  message TEXT NOT NULL DEFAULT '', result TEXT, created_by BIGINT, created_at BIGINT NOT NULL,
                  started_at BIGINT, finished_at BIGINT, heartbeat_at BIGINT, claimed_by TEXT,
                  cancel_requested INTEGER NOT NULL DEFAULT 0)
                """,
                "CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, id)",
                """
                CREATE TABLE IF NOT EXISTS models (
                  id BIGINT PRIMARY KEY, collection_id BIGINT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                  level TEXT NOT NULL, version INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 0,
                  metadata TEXT NOT NULL, evaluation TEXT, bytes BIGINT NOT NULL, created_at BIGINT NOT NULL,
                  job_id BIGINT, UNIQUE (collection_id, level, version))
                """,
                // At most one active model per collection and level, enforced by the database.
                "CREATE UNIQUE INDEX IF NOT EXISTS models_one_active ON models (collection_id, level) WHERE active = 1",
                """
                CREATE TABLE IF NOT EXISTS model_data (
                  model_id BIGINT PRIMARY KEY REFERENCES models(id) ON DELETE CASCADE, data \(blob) NOT NULL)
                """,
            ]),
        ]
    }

    /// Brings the schema up to date.
    static func run(on database: any SQLDatabase) async throws(IPAIError) {
        // PostgreSQL: under the lock, as two servers running CREATE TABLE IF NOT EXISTS at the
        // same moment can both try to create it (a unique violation in the catalogue).
        var create: [SQLStatement] = []
        if database.dialect == .postgres { create.append(SQLStatement("SELECT pg_advisory_xact_lock(7341201)")) }
        create.append(SQLStatement(
            "CREATE TABLE IF NOT EXISTS ipai_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"))
        _ = try await database.transaction(create)
        let applied = try await database.query(SQLStatement("SELECT COALESCE(MAX(version), 0) AS version FROM ipai_schema"))
        let current = try applied.first?.int("version") ?? 0
        for migration in all(database.dialect) where migration.version > current {
            var statements: [SQLStatement] = []
            if database.dialect == .postgres {
                statements.append(SQLStatement("SELECT pg_advisory_xact_lock(7341201)"))
            }
            statements += migration.statements.map { SQLStatement($0) }
            statements.append(SQLStatement(
                "INSERT INTO ipai_schema (version, applied_at) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM ipai_schema WHERE version = ?)",
                [.integer(Int64(migration.version)), .integer(Clock.milliseconds()), .integer(Int64(migration.version))]))
            _ = try await database.transaction(statements)
        }
    }

    /// Brings a service module's tables up to date; its versions are kept in `ipai_module_schema`.
    static func run(
        module: String, _ migrations: [(version: Int, statements: [String])], on database: any SQLDatabase
    ) async throws(IPAIError) {
        var create: [SQLStatement] = []
        if database.dialect == .postgres { create.append(SQLStatement("SELECT pg_advisory_xact_lock(7341201)")) }
        create.append(SQLStatement(
            "CREATE TABLE IF NOT EXISTS ipai_module_schema (module TEXT NOT NULL, version INTEGER NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))"))
        _ = try await database.transaction(create)
        let applied = try await database.query(SQLStatement(
            "SELECT COALESCE(MAX(version), 0) AS version FROM ipai_module_schema WHERE module = ?", [.text(module)]))
        let current = try applied.first?.int("version") ?? 0
        for migration in migrations where migration.version > current {
            var statements: [SQLStatement] = []
            if database.dialect == .postgres { statements.append(SQLStatement("SELECT pg_advisory_xact_lock(7341201)")) }
            statements += migration.statements.map { SQLStatement($0) }
            statements.append(SQLStatement(
                "INSERT INTO ipai_module_schema (module, version, applied_at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ipai_module_schema WHERE module = ? AND version = ?)",
                [.text(module), .integer(Int64(migration.version)), .integer(Clock.milliseconds()), .text(module), .integer(Int64(migration.version))]))
            _ = try await database.transaction(statements)
        }
    }
}
