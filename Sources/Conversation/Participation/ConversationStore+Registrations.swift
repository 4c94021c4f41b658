import Core
import Storage

extension ConversationStore {
    /// Asks to take part in a conversation; the registration waits for approval.
    /// - Throws: `conflict` if this user already registered for the conversation.
    public func createRegistration(
        conversationID: Int64, userID: Int64, category: ParticipantCategory, delegation: String, displayName: String
    ) async throws(IPAIError) -> RegistrationRecord {
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw IPAIError(.invalidInput, "a registration needs a name of 1 to 200 characters", at: InputLocation(field: "display_name"))
        }
        let delegation = delegation.trimmingCharacters(in: .whitespacesAndNewlines)
        if category.mayRequestFloor, delegation.isEmpty {
            throw IPAIError(
                .invalidInput, "a \(category.rawValue) registration names the member state or organisation it represents",
                at: InputLocation(field: "delegation"))
        }
        let record = RegistrationRecord(
            id: IdentifierGenerator.next(), conversationID: conversationID, userID: userID, category: category,
            delegation: delegation, displayName: name, status: .pending, focalPoint: false, createdAt: Clock.milliseconds(),
            decidedBy: nil, decidedAt: nil, note: "")
        do {
            try await store.rows(
                """
                INSERT INTO conv_registrations (id, conversation_id, user_id, category, delegation, display_name, status,
                  focal_point, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
                """,
                [.integer(record.id), .integer(conversationID), .integer(userID), .text(category.rawValue), .text(delegation),
                 .text(name), .text(record.status.rawValue), .integer(record.createdAt)])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "you have already registered for this conversation")
        }
        return record
    }

    /// The registration with this id, whatever its status.
    public func registration(id: Int64) async throws(IPAIError) -> RegistrationRecord? {
        try await store.rows("SELECT * FROM conv_registrations WHERE id = ?", [.integer(id)]).first.map(Self.registration)
    }

    /// The user's registration for the conversation, whatever its status.
    public func registration(conversationID: Int64, userID: Int64) async throws(IPAIError) -> RegistrationRecord? {
        try await store.rows(
            "SELECT * FROM conv_registrations WHERE conversation_id = ? AND user_id = ?", [.integer(conversationID), .integer(userID)]
        ).first.map(Self.registration)
    }

    /// The user's registration if it is approved (what rights in a conversation rest on).
    public func approvedRegistration(conversationID: Int64, userID: Int64) async throws(IPAIError) -> RegistrationRecord? {
        guard let found = try await registration(conversationID: conversationID, userID: userID), found.isApproved else { return nil }
        return found
    }

    /// Approves, rejects or withdraws a registration, recording who decided and when.
    public func decideRegistration(
        id: Int64, status: RegistrationStatus, decidedBy: Int64?, note: String = ""
    ) async throws(IPAIError) -> RegistrationRecord? {
        // Only an approved registration can be a focal point: any other decision ends that role.
        try await store.rows(
            """
            UPDATE conv_registrations SET status = ?, decided_by = ?, decided_at = ?, note = ?,
              focal_point = CASE WHEN ? = 'approved' THEN focal_point ELSE 0 END WHERE id = ?
            """,
            [.text(status.rawValue), SQLValue(decidedBy), .integer(Clock.milliseconds()), .text(note), .text(status.rawValue), .integer(id)])
        return try await registration(id: id)
    }

    static func registration(_ row: SQLRow) throws(IPAIError) -> RegistrationRecord {
        let category = try row.string("category")
        let status = try row.string("status")
        guard let parsedCategory = ParticipantCategory(rawValue: category), let parsedStatus = RegistrationStatus(rawValue: status) else {
            throw IPAIError(.storageFailure, "stored registration has an unknown category '\(category)' or status '\(status)'")
        }
        return RegistrationRecord(
            id: try row.int64("id"), conversationID: try row.int64("conversation_id"), userID: try row.int64("user_id"),
            category: parsedCategory, delegation: try row.string("delegation"), displayName: try row.string("display_name"),
            status: parsedStatus, focalPoint: try row.bool("focal_point"), createdAt: try row.int64("created_at"),
            decidedBy: row.optionalInt64("decided_by"), decidedAt: row.optionalInt64("decided_at"), note: try row.string("note"))
    }
}
