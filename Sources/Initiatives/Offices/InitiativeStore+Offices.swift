import Core
import Storage

extension InitiativeStore {
    // MARK: Offices

    /// Adds an office. A signed-in user's request (`approved: false`) waits for an administrator and
    /// makes the requester a pending representative; an administrator may add an office approved at once.
    /// - Throws: `invalid_input` naming the field (name, country, website).
    public func createOffice(
        name: LocalizedText, country: String, kind: OfficeKind, website: String = "", requestedBy: Int64?, approved: Bool = false
    ) async throws(IPAIError) -> OfficeRecord {
        try InitiativeChecks.text(name, field: "name", required: true, limit: 300)
        let code = try InitiativeChecks.country(country)
        let website = website.trimmingCharacters(in: .whitespaces)
        try InitiativeChecks.link(website, field: "website")
        let now = Clock.milliseconds()
        let status: ApprovalStatus = approved ? .approved : .pending
        let office = OfficeRecord(
            id: IdentifierGenerator.next(), name: name, country: code, kind: kind, website: website, status: status, createdAt: now,
            createdBy: requestedBy, decidedAt: approved ? now : nil, decidedBy: approved ? requestedBy : nil)
        var statements = [SQLStatement(
            """
            INSERT INTO init_offices (id, name, country, kind, website, status, created_at, created_by, decided_at, decided_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(office.id), .text(name.json), .text(code), .text(kind.rawValue), .text(website), .text(status.rawValue),
             .integer(now), SQLValue(requestedBy), SQLValue(office.decidedAt), SQLValue(office.decidedBy)])]
        if let requestedBy, !approved {
            statements.append(SQLStatement(
                "INSERT INTO init_representatives (id, office_id, user_id, status, created_at) VALUES (?, ?, ?, 'pending', ?)",
                [.integer(IdentifierGenerator.next()), .integer(office.id), .integer(requestedBy), .integer(now)]))
        }
        _ = try await database.transaction(statements)
        return office
    }

    public func office(id: Int64) async throws(IPAIError) -> OfficeRecord? {
        try await store.rows("SELECT * FROM init_offices WHERE id = ?", [.integer(id)]).first.map(Self.office)
    }

    /// Offices by country then id; `status` nil lists every office.
    public func offices(status: ApprovalStatus? = .approved) async throws(IPAIError) -> [OfficeRecord] {
        let rows: [SQLRow]
        if let status {
            rows = try await store.rows("SELECT * FROM init_offices WHERE status = ? ORDER BY country, id", [.text(status.rawValue)])
        } else {
            rows = try await store.rows("SELECT * FROM init_offices ORDER BY country, id")
        }
        var result: [OfficeRecord] = []
        for row in rows { result.append(try Self.office(row)) }
        return result
    }

    /// Approves or rejects an office. Its pending representatives share the decision (they asked with it).
    /// - Returns: the office as decided, or nil if it does not exist.
    public func decideOffice(id: Int64, status: ApprovalStatus, decidedBy: Int64?) async throws(IPAIError) -> OfficeRecord? {
        guard status != .pending else {
            throw IPAIError(.invalidInput, "a decision approves or rejects", at: InputLocation(field: "decision", value: status.rawValue))
        }
        let now = Clock.milliseconds()
        _ = try await database.transaction([
            SQLStatement(
                "UPDATE init_offices SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?",
                [.text(status.rawValue), .integer(now), SQLValue(decidedBy), .integer(id)]),
            SQLStatement(
                "UPDATE init_representatives SET status = ?, decided_at = ?, decided_by = ? WHERE office_id = ? AND status = 'pending'",
                [.text(status.rawValue), .integer(now), SQLValue(decidedBy), .integer(id)]),
        ])
        return try await office(id: id)
    }

    static func office(_ row: SQLRow) throws(IPAIError) -> OfficeRecord {
        let kind = try row.string("kind")
        let status = try row.string("status")
        guard let parsedKind = OfficeKind(rawValue: kind), let parsedStatus = ApprovalStatus(rawValue: status) else {
            throw IPAIError(.storageFailure, "stored office kind '\(kind)' or status '\(status)' is unknown")
        }
        return OfficeRecord(
            id: try row.int64("id"), name: LocalizedText(json: try row.string("name")), country: try row.string("country"),
            kind: parsedKind, website: try row.string("website"), status: parsedStatus, createdAt: try row.int64("created_at"),
            createdBy: row.optionalInt64("created_by"), decidedAt: row.optionalInt64("decided_at"),
            decidedBy: row.optionalInt64("decided_by"))
    }

    // MARK: Representatives

    /// Asks for `userID` to represent an office already listed; waits for an administrator unless `approved`.
    /// - Throws: `not_found` for an unknown office, `conflict` if the user already asked or represents it.
    public func addRepresentative(officeID: Int64, userID: Int64, approved: Bool = false, decidedBy: Int64? = nil) async throws(IPAIError) -> RepresentativeRecord {
        guard try await office(id: officeID) != nil else {
            throw IPAIError(.notFound, "office \(officeID) does not exist", at: InputLocation(field: "office_id", value: String(officeID)))
        }
        let now = Clock.milliseconds()
        let record = RepresentativeRecord(
            id: IdentifierGenerator.next(), officeID: officeID, userID: userID, status: approved ? .approved : .pending, createdAt: now,
            decidedAt: approved ? now : nil, decidedBy: approved ? decidedBy : nil)
        do {
            _ = try await store.rows(
                "INSERT INTO init_representatives (id, office_id, user_id, status, created_at, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.integer(record.id), .integer(officeID), .integer(userID), .text(record.status.rawValue), .integer(now),
                 SQLValue(record.decidedAt), SQLValue(record.decidedBy)])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "this user has already asked to represent office \(officeID)", at: InputLocation(field: "user_id", value: String(userID)))
        }
        return record
    }

    public func representative(id: Int64) async throws(IPAIError) -> RepresentativeRecord? {
        try await store.rows("SELECT * FROM init_representatives WHERE id = ?", [.integer(id)]).first.map(Self.representative)
    }

    /// An office's representatives (every status), oldest first.
    public func representatives(officeID: Int64) async throws(IPAIError) -> [RepresentativeRecord] {
        var result: [RepresentativeRecord] = []
        for row in try await store.rows("SELECT * FROM init_representatives WHERE office_id = ? ORDER BY id", [.integer(officeID)]) {
            result.append(try Self.representative(row))
        }
        return result
    }

    /// Requests waiting for a decision, oldest first.
    public func pendingRepresentatives() async throws(IPAIError) -> [RepresentativeRecord] {
        var result: [RepresentativeRecord] = []
        for row in try await store.rows("SELECT * FROM init_representatives WHERE status = 'pending' ORDER BY id") {
            result.append(try Self.representative(row))
        }
        return result
    }

    /// The user's requests and roles, with their offices (every status), oldest first.
    public func representations(userID: Int64) async throws(IPAIError) -> [(RepresentativeRecord, OfficeRecord)] {
        var result: [(RepresentativeRecord, OfficeRecord)] = []
        for row in try await store.rows(
            "SELECT * FROM init_representatives WHERE user_id = ? ORDER BY id", [.integer(userID)]) {
            let representative = try Self.representative(row)
            if let office = try await office(id: representative.officeID) { result.append((representative, office)) }
        }
        return result
    }

    /// Approved offices the user is an approved representative of: the offices they may speak for.
    public func representedOffices(userID: Int64) async throws(IPAIError) -> [OfficeRecord] {
        try await representations(userID: userID).filter { $0.0.status == .approved && $0.1.isApproved }.map(\.1)
    }

    /// Whether the user may speak for the office (both approved).
    public func isRepresentative(userID: Int64, officeID: Int64) async throws(IPAIError) -> Bool {
        let rows = try await store.rows(
            """
            SELECT 1 AS found FROM init_representatives r JOIN init_offices o ON o.id = r.office_id
            WHERE r.user_id = ? AND r.office_id = ? AND r.status = 'approved' AND o.status = 'approved'
            """, [.integer(userID), .integer(officeID)])
        return !rows.isEmpty
    }

    /// Approves or rejects one representative.
    public func decideRepresentative(id: Int64, status: ApprovalStatus, decidedBy: Int64?) async throws(IPAIError) -> RepresentativeRecord? {
        guard status != .pending else {
            throw IPAIError(.invalidInput, "a decision approves or rejects", at: InputLocation(field: "decision", value: status.rawValue))
        }
        _ = try await store.rows(
            "UPDATE init_representatives SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?",
            [.text(status.rawValue), .integer(Clock.milliseconds()), SQLValue(decidedBy), .integer(id)])
        return try await representative(id: id)
    }

    static func representative(_ row: SQLRow) throws(IPAIError) -> RepresentativeRecord {
        let status = try row.string("status")
        guard let parsed = ApprovalStatus(rawValue: status) else {
            throw IPAIError(.storageFailure, "stored representative status '\(status)' is unknown")
        }
        return RepresentativeRecord(
            id: try row.int64("id"), officeID: try row.int64("office_id"), userID: try row.int64("user_id"), status: parsed,
            createdAt: try row.int64("created_at"), decidedAt: row.optionalInt64("decided_at"), decidedBy: row.optionalInt64("decided_by"))
    }
}
