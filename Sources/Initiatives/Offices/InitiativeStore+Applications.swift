import Core
import Storage

extension InitiativeStore {
    /// Adds an AI application to an office's description.
    /// - Throws: `not_found` for an unknown office; `invalid_input` naming the field.
    public func createApplication(officeID: Int64, _ draft: ApplicationDraft, by userID: Int64?) async throws(IPAIError) -> ApplicationRecord {
        guard let office = try await office(id: officeID) else {
            throw IPAIError(.notFound, "office \(officeID) does not exist", at: InputLocation(field: "office_id", value: String(officeID)))
        }
        let draft = try Self.checked(draft)
        let now = Clock.milliseconds()
        let record = ApplicationRecord(id: IdentifierGenerator.next(), officeID: officeID, draft: draft, createdAt: now, updatedAt: now, updatedBy: userID)
        _ = try await store.rows(
            """
            INSERT INTO init_applications (id, office_id, name, description, category, status, since, since_year, technology,
              contact_name, contact_email, contact_public, link, search_text, created_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(record.id), .integer(officeID)] + Self.fields(draft, office: office)
                + [.integer(now), .integer(now), SQLValue(userID)])
        return record
    }

    /// Replaces an application's fields.
    /// - Returns: the application as saved, or nil if it does not exist.
    public func updateApplication(id: Int64, _ draft: ApplicationDraft, by userID: Int64?) async throws(IPAIError) -> ApplicationRecord? {
        guard let existing = try await application(id: id), let office = try await office(id: existing.officeID) else { return nil }
        let draft = try Self.checked(draft)
        _ = try await store.rows(
            """
            UPDATE init_applications SET name = ?, description = ?, category = ?, status = ?, since = ?, since_year = ?, technology = ?,
              contact_name = ?, contact_email = ?, contact_public = ?, link = ?, search_text = ?, updated_at = ?, updated_by = ?
            WHERE id = ?
            """,
            Self.fields(draft, office: office) + [.integer(Clock.milliseconds()), SQLValue(userID), .integer(id)])
        return try await application(id: id)
    }

    /// Removes an application; false if there was none.
    @discardableResult
    public func deleteApplication(id: Int64) async throws(IPAIError) -> Bool {
        guard try await application(id: id) != nil else { return false }
        _ = try await store.rows("DELETE FROM init_applications WHERE id = ?", [.integer(id)])
        return true
    }

    public func application(id: Int64) async throws(IPAIError) -> ApplicationRecord? {
        try await store.rows("SELECT * FROM init_applications WHERE id = ?", [.integer(id)]).first.map(Self.application)
    }

    /// An office's applications, newest first.
    public func applications(officeID: Int64) async throws(IPAIError) -> [ApplicationRecord] {
        var result: [ApplicationRecord] = []
        for row in try await store.rows("SELECT * FROM init_applications WHERE office_id = ? ORDER BY id DESC", [.integer(officeID)]) {
            result.append(try Self.application(row))
        }
        return result
    }

    // MARK: The public index

    /// The public index: applications of approved offices that match `filter`, newest first, a page at a time.
    public func index(_ filter: IndexFilter, limit: Int = 50, cursor: Int64? = nil) async throws(IPAIError) -> Page<IndexEntry> {
        let (condition, arguments) = Self.condition(filter)
        let sql = """
            SELECT a.*, o.name AS office_name, o.country AS office_country, o.kind AS office_kind, o.website AS office_website,
              o.status AS office_status, o.created_at AS office_created_at, o.created_by AS office_created_by,
              o.decided_at AS office_decided_at, o.decided_by AS office_decided_by
            FROM init_applications a JOIN init_offices o ON o.id = a.office_id
            WHERE \(condition) AND a.id < ? ORDER BY a.id DESC LIMIT ?
            """
        return try await store.page(sql, arguments, limit: limit, cursor: cursor) { row throws(IPAIError) in
            let office = OfficeRecord(
                id: try row.int64("office_id"), name: LocalizedText(json: try row.string("office_name")),
                country: try row.string("office_country"), kind: OfficeKind(rawValue: try row.string("office_kind")) ?? .national,
                website: try row.string("office_website"), status: .approved, createdAt: try row.int64("office_created_at"),
                createdBy: row.optionalInt64("office_created_by"), decidedAt: row.optionalInt64("office_decided_at"),
                decidedBy: row.optionalInt64("office_decided_by"))
            return IndexEntry(application: try Self.application(row), office: office)
        }
    }

    /// How many applications of the index match `filter` in each category (every category listed, zeros included).
    /// The category filter itself is ignored, so the counts show what choosing another category would give.
    public func categoryCounts(_ filter: IndexFilter) async throws(IPAIError) -> [(UseCategory, Int)] {
        var filter = filter
        filter.categories = []
        let (condition, arguments) = Self.condition(filter)
        let rows = try await store.rows(
            """
            SELECT a.category AS category, COUNT(*) AS n FROM init_applications a JOIN init_offices o ON o.id = a.office_id
            WHERE \(condition) GROUP BY a.category
            """, arguments)
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.string("category")] = try row.int("n") }
        return UseCategory.allCases.map { ($0, counts[$0.rawValue] ?? 0) }
    }

    /// Every application of the index that matches `filter` (for exports), newest first.
    public func allIndexEntries(_ filter: IndexFilter) async throws(IPAIError) -> [IndexEntry] {
        var entries: [IndexEntry] = []
        var cursor: Int64? = nil
        repeat {
            let page = try await index(filter, limit: 1000, cursor: cursor)
            entries += page.items
            cursor = page.next
        } while cursor != nil
        return entries
    }

    static func condition(_ filter: IndexFilter) -> (String, [SQLValue]) {
        var parts = ["o.status = 'approved'"]
        var arguments: [SQLValue] = []
        if !filter.categories.isEmpty {
            parts.append("a.category IN (" + filter.categories.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments += filter.categories.map(\.rawValue).sorted().map(SQLValue.text)
        }
        if !filter.statuses.isEmpty {
            parts.append("a.status IN (" + filter.statuses.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments += filter.statuses.map(\.rawValue).sorted().map(SQLValue.text)
        }
        if let officeID = filter.officeID {
            parts.append("a.office_id = ?")
            arguments.append(.integer(officeID))
        }
        if let country = filter.country, !country.isEmpty {
            parts.append("o.country = ?")
            arguments.append(.text(country.uppercased()))
        }
        if let from = filter.sinceFrom {
            parts.append("a.since_year >= ?")
            arguments.append(.integer(Int64(from)))
        }
        if let to = filter.sinceTo {
            parts.append("a.since_year <= ?")
            arguments.append(.integer(Int64(to)))
        }
        for word in (filter.text ?? "").lowercased().split(whereSeparator: \.isWhitespace).prefix(10) {
            parts.append("a.search_text LIKE ? ESCAPE '\\'")
            let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            arguments.append(.text("%" + escaped + "%"))
        }
        return (parts.joined(separator: " AND "), arguments)
    }

    static func checked(_ draft: ApplicationDraft) throws(IPAIError) -> ApplicationDraft {
        var draft = draft
        try InitiativeChecks.text(draft.name, field: "name", required: true, limit: 300)
        try InitiativeChecks.text(draft.description, field: "description", required: false, limit: 10_000)
        draft.since = try InitiativeChecks.since(draft.since)
        draft.contactEmail = try InitiativeChecks.email(draft.contactEmail)
        draft.link = draft.link.trimmingCharacters(in: .whitespaces)
        try InitiativeChecks.link(draft.link, field: "link")
        draft.technology = draft.technology.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.contactName = draft.contactName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard draft.technology.count <= 5000 else {
            throw IPAIError(.invalidInput, "at most 5000 characters", at: InputLocation(field: "technology"))
        }
        guard draft.contactName.count <= 200 else {
            throw IPAIError(.invalidInput, "at most 200 characters", at: InputLocation(field: "contact_name"))
        }
        return draft
    }

    /// name … search_text, in the column order of the INSERT and UPDATE statements.
    static func fields(_ draft: ApplicationDraft, office: OfficeRecord) -> [SQLValue] {
        // Lowercased by Swift (which knows every script), so LIKE needs no case folding of its own.
        let search = (Array(draft.name.values.values) + Array(draft.description.values.values) + [draft.technology]
            + Array(office.name.values.values) + [office.country]).joined(separator: " ").lowercased()
        return [
            .text(draft.name.json), .text(draft.description.json), .text(draft.category.rawValue), .text(draft.status.rawValue),
            .text(draft.since), SQLValue(Int(draft.since.prefix(4))), .text(draft.technology), .text(draft.contactName),
            .text(draft.contactEmail), SQLValue(draft.contactPublic), .text(draft.link), .text(search),
        ]
    }

    static func application(_ row: SQLRow) throws(IPAIError) -> ApplicationRecord {
        let category = try row.string("category")
        let status = try row.string("status")
        guard let parsedCategory = UseCategory(rawValue: category), let parsedStatus = ApplicationStatus(rawValue: status) else {
            throw IPAIError(.storageFailure, "stored application category '\(category)' or status '\(status)' is unknown")
        }
        let draft = ApplicationDraft(
            name: LocalizedText(json: try row.string("name")), description: LocalizedText(json: try row.string("description")),
            category: parsedCategory, status: parsedStatus, since: try row.string("since"), technology: try row.string("technology"),
            contactName: try row.string("contact_name"), contactEmail: try row.string("contact_email"),
            contactPublic: try row.bool("contact_public"), link: try row.string("link"))
        return ApplicationRecord(
            id: try row.int64("id"), officeID: try row.int64("office_id"), draft: draft, createdAt: try row.int64("created_at"),
            updatedAt: try row.int64("updated_at"), updatedBy: row.optionalInt64("updated_by"))
    }
}
