import Core

extension Store {
    // MARK: Users

    public func createUser(username: String, passwordHash: String, role: Role, mustChangePassword: Bool) async throws(IPAIError) -> UserRecord {
        let user = UserRecord(
            id: IdentifierGenerator.next(), username: username, passwordHash: passwordHash, role: role,
            mustChangePassword: mustChangePassword, disabled: false, createdAt: Clock.milliseconds())
        do {
            try await rows(
                "INSERT INTO users (id, username, password_hash, role, must_change_password, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
                [.integer(user.id), .text(username), .text(passwordHash), .text(role.rawValue), SQLValue(mustChangePassword), .integer(user.createdAt)])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "a user named '\(username)' already exists")
        }
        return user
    }

    public func user(id: Int64) async throws(IPAIError) -> UserRecord? {
        try await rows("SELECT * FROM users WHERE id = ?", [.integer(id)]).first.map(Self.user)
    }

    public func user(named username: String) async throws(IPAIError) -> UserRecord? {
        try await rows("SELECT * FROM users WHERE username = ?", [.text(username)]).first.map(Self.user)
    }

    public func users() async throws(IPAIError) -> [UserRecord] {
        var result: [UserRecord] = []
        for row in try await rows("SELECT * FROM users ORDER BY username") { result.append(try Self.user(row)) }
        return result
    }

    public func userCount() async throws(IPAIError) -> Int {
        try await rows("SELECT COUNT(*) AS n FROM users").first?.int("n") ?? 0
    }

    /// Changes a user. A new password (`passwordHash`) ends the user's sessions — all of them (an
    /// administrator's reset), or all but `keepingSession`, the session the user changed their own
    /// password from. Disabling the account ends every session.
    public func updateUser(
        id: Int64, role: Role? = nil, disabled: Bool? = nil, passwordHash: String? = nil, mustChangePassword: Bool? = nil,
        keepingSession tokenHash: String? = nil
    ) async throws(IPAIError) {
        var statements: [SQLStatement] = []
        if let role { statements.append(SQLStatement("UPDATE users SET role = ? WHERE id = ?", [.text(role.rawValue), .integer(id)])) }
        if let disabled { statements.append(SQLStatement("UPDATE users SET disabled = ? WHERE id = ?", [SQLValue(disabled), .integer(id)])) }
        if let passwordHash { statements.append(SQLStatement("UPDATE users SET password_hash = ? WHERE id = ?", [.text(passwordHash), .integer(id)])) }
        if let mustChangePassword {
            statements.append(SQLStatement("UPDATE users SET must_change_password = ? WHERE id = ?", [SQLValue(mustChangePassword), .integer(id)]))
        }
        if disabled == true {
            // A disabled account loses its sessions at once.
            statements.append(SQLStatement("DELETE FROM sessions WHERE user_id = ?", [.integer(id)]))
        } else if passwordHash != nil {
            // Whoever knew the old password (or held a session opened with it) is signed out.
            if let tokenHash {
                statements.append(SQLStatement(
                    "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", [.integer(id), .text(tokenHash)]))
            } else {
                statements.append(SQLStatement("DELETE FROM sessions WHERE user_id = ?", [.integer(id)]))
            }
        }
        guard !statements.isEmpty else { return }
        _ = try await database.transaction(statements)
    }

    static func user(_ row: SQLRow) throws(IPAIError) -> UserRecord {
        UserRecord(
            id: try row.int64("id"), username: try row.string("username"), passwordHash: try row.string("password_hash"),
            role: Role(rawValue: try row.string("role")) ?? .viewer, mustChangePassword: try row.bool("must_change_password"),
            disabled: try row.bool("disabled"), createdAt: try row.int64("created_at"))
    }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord) async throws(IPAIError) {
        try await rows(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [.text(session.tokenHash), .integer(session.userID), .text(session.csrfToken), .integer(session.createdAt), .integer(session.expiresAt)])
    }

    /// The session and its user, if the session exists, has not expired and the user is enabled.
    public func session(tokenHash: String) async throws(IPAIError) -> (SessionRecord, UserRecord)? {
        let found = try await rows(
            """
            SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at AS session_created, s.expires_at, u.*
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0
            """, [.text(tokenHash), .integer(Clock.milliseconds())])
        guard let row = found.first else { return nil }
        let session = SessionRecord(
            tokenHash: try row.string("token_hash"), userID: try row.int64("user_id"), csrfToken: try row.string("csrf_token"),
            createdAt: try row.int64("session_created"), expiresAt: try row.int64("expires_at"))
        return (session, try Self.user(row))
    }

    public func deleteSession(tokenHash: String) async throws(IPAIError) {
        try await rows("DELETE FROM sessions WHERE token_hash = ?", [.text(tokenHash)])
    }

    public func deleteExpiredSessions() async throws(IPAIError) {
        try await rows("DELETE FROM sessions WHERE expires_at <= ?", [.integer(Clock.milliseconds())])
    }

    // MARK: API tokens

    public func createToken(userID: Int64, name: String, tokenHash: String, prefix: String, ratePerMinute: Int) async throws(IPAIError) -> APITokenRecord {
        let token = APITokenRecord(
            id: IdentifierGenerator.next(), userID: userID, name: name, tokenHash: tokenHash, prefix: prefix,
            ratePerMinute: ratePerMinute, createdAt: Clock.milliseconds(), lastUsedAt: nil, revoked: false)
        try await rows(
            "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, rate_per_minute, created_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            [.integer(token.id), .integer(userID), .text(name), .text(tokenHash), .text(prefix), .integer(Int64(ratePerMinute)), .integer(token.createdAt)])
        return token
    }

    /// The token and its user, if the token is valid and the user enabled.
    public func token(hash: String) async throws(IPAIError) -> (APITokenRecord, UserRecord)? {
        let found = try await rows(
            """
            SELECT t.id AS token_id, t.user_id, t.name, t.token_hash, t.prefix, t.rate_per_minute, t.created_at AS token_created,
                   t.last_used_at, t.revoked, u.*
            FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked = 0 AND u.disabled = 0
            """, [.text(hash)])
        guard let row = found.first else { return nil }
        let token = APITokenRecord(
            id: try row.int64("token_id"), userID: try row.int64("user_id"), name: try row.string("name"),
            tokenHash: try row.string("token_hash"), prefix: try row.string("prefix"), ratePerMinute: try row.int("rate_per_minute"),
            createdAt: try row.int64("token_created"), lastUsedAt: row.optionalInt64("last_used_at"), revoked: false)
        return (token, try Self.user(row))
    }

    public func tokens(userID: Int64? = nil) async throws(IPAIError) -> [APITokenRecord] {
        let found = userID == nil
            ? try await rows("SELECT * FROM api_tokens ORDER BY id DESC")
            : try await rows("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id DESC", [.integer(userID!)])
        var result: [APITokenRecord] = []
        for row in found {
            result.append(APITokenRecord(
                id: try row.int64("id"), userID: try row.int64("user_id"), name: try row.string("name"),
                tokenHash: try row.string("token_hash"), prefix: try row.string("prefix"),
                ratePerMinute: try row.int("rate_per_minute"), createdAt: try row.int64("created_at"),
                lastUsedAt: row.optionalInt64("last_used_at"), revoked: try row.bool("revoked")))
        }
        return result
    }

    public func revokeToken(id: Int64) async throws(IPAIError) -> Bool {
        let changed = try await rows("UPDATE api_tokens SET revoked = 1 WHERE id = ? AND revoked = 0 RETURNING id", [.integer(id)])
        return !changed.isEmpty
    }

    public func touchToken(id: Int64) async throws(IPAIError) {
        try await rows("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [.integer(Clock.milliseconds()), .integer(id)])
    }

    // MARK: Audit log

    public func audit(user: UserRecord?, action: String, target: String = "", details: String = "") async throws(IPAIError) {
        try await rows(
            "INSERT INTO audit_log (id, at, user_id, username, action, target, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.integer(IdentifierGenerator.next()), .integer(Clock.milliseconds()), SQLValue(user?.id), SQLValue(user?.username),
             .text(action), .text(target), .text(details)])
    }

    public func auditLog(limit: Int = 100, cursor: Int64? = nil) async throws(IPAIError) -> Page<AuditEntry> {
        try await page("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?", [], limit: limit, cursor: cursor) { row throws(IPAIError) in
            AuditEntry(
                id: try row.int64("id"), at: try row.int64("at"), userID: row.optionalInt64("user_id"),
                username: row.optionalString("username"), action: try row.string("action"), target: try row.string("target"),
                details: try row.string("details"))
        }
    }
}
