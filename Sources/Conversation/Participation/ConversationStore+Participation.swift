import Core
import Foundation
import Storage

extension ConversationStore {
    /// Registers a user for a conversation after checking every field, with the credential if one
    /// is given — all in one transaction, so a refused file leaves nothing behind.
    ///
    /// A `member_state` registration names a UN member state (alpha-3 code or English name; the
    /// English name is stored); `igo`/`ngo` name their organisation. A withdrawn registration may
    /// be replaced by a new one; any other existing registration is a conflict.
    ///
    /// ```swift
    /// let registration = try await conversations.register(
    ///     conversationID: id, userID: user.id, category: .memberState, delegation: "FRA", displayName: "Jeanne Martin",
    ///     credential: CredentialUpload(fileName: "note.pdf", declaredType: "application/pdf", bytes: pdf))
    /// ```
    /// - Throws: `notFound` for an unknown conversation; `invalidInput` naming the field for a bad
    ///   delegation, name or credential; `credentialTooLarge` over 5 MiB; `conflict` if already registered.
    public func register(
        conversationID: Int64, userID: Int64, category: ParticipantCategory, delegation: String, displayName: String,
        credential: CredentialUpload? = nil
    ) async throws(IPAIError) -> RegistrationRecord {
        guard try await conversation(id: conversationID) != nil else {
            throw IPAIError(.notFound, "conversation \(conversationID) does not exist")
        }
        let delegation = try Self.normalisedDelegation(delegation, category: category)
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw IPAIError(.invalidInput, "a registration needs a name of 1 to 200 characters", at: InputLocation(field: "display_name"))
        }
        if let credential { try Credential.check(credential.bytes, declaredType: credential.declaredType, fileName: credential.fileName) }
        var statements: [SQLStatement] = []
        if let existing = try await registration(conversationID: conversationID, userID: userID) {
            guard existing.status == .withdrawn else {
                throw IPAIError(
                    .conflict, "you have already registered for this conversation (status: \(existing.status.rawValue))",
                    at: InputLocation(field: "conversation_id", value: String(conversationID)))
            }
            statements.append(SQLStatement("DELETE FROM conv_registrations WHERE id = ?", [.integer(existing.id)]))
        }
        let record = RegistrationRecord(
            id: IdentifierGenerator.next(), conversationID: conversationID, userID: userID, category: category,
            delegation: delegation, displayName: name, status: .pending, focalPoint: false, createdAt: Clock.milliseconds(),
            decidedBy: nil, decidedAt: nil, note: "")
        statements.append(SQLStatement(
            """
            INSERT INTO conv_registrations (id, conversation_id, user_id, category, delegation, display_name, status,
              focal_point, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
            """,
            [.integer(record.id), .integer(conversationID), .integer(userID), .text(category.rawValue), .text(delegation),
             .text(name), .text(record.status.rawValue), .integer(record.createdAt)]))
        if let credential { statements.append(Self.insertCredential(registrationID: record.id, credential)) }
        do {
            _ = try await database.transaction(statements)
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "you have already registered for this conversation")
        }
        return record
    }

    /// The delegation as stored: a member state's English name, an organisation's trimmed name.
    static func normalisedDelegation(_ text: String, category: ParticipantCategory) throws(IPAIError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch category {
        case .memberState:
            guard let state = MemberStates.find(trimmed) else {
                throw IPAIError(
                    .invalidInput, "'\(trimmed)' is not a member state of the United Nations; choose one from the list (ISO 3166 alpha-3 code or English name)",
                    at: InputLocation(field: "delegation", value: trimmed))
            }
            return state.name
        case .igo, .ngo:
            guard (2...200).contains(trimmed.count) else {
                throw IPAIError(
                    .invalidInput, "an observer registration names its organisation in 2 to 200 characters",
                    at: InputLocation(field: "delegation", value: trimmed))
            }
            return trimmed
        default:
            guard trimmed.count <= 200 else {
                throw IPAIError(.invalidInput, "the organisation name has more than 200 characters", at: InputLocation(field: "delegation"))
            }
            return trimmed
        }
    }

    /// Registrations of a conversation, newest first, optionally of one status and one delegation
    /// (the name as stored, compared without case).
    public func registrations(
        conversationID: Int64, status: RegistrationStatus? = nil, delegation: String? = nil, limit: Int = 50, cursor: Int64? = nil
    ) async throws(IPAIError) -> Page<RegistrationRecord> {
        var sql = "SELECT * FROM conv_registrations WHERE conversation_id = ?"
        var arguments: [SQLValue] = [.integer(conversationID)]
        if let status {
            sql += " AND status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let delegation {
            sql += " AND LOWER(delegation) = LOWER(?)"
            arguments.append(.text(delegation.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        sql += " AND id < ? ORDER BY id DESC LIMIT ?"
        return try await store.page(sql, arguments, limit: limit, cursor: cursor) { row throws(IPAIError) in try Self.registration(row) }
    }

    /// Names or un-names an approved delegation registration as its delegation's focal point.
    /// - Throws: `notFound`; `conflict` if the registration is not approved or not of a delegation.
    public func setFocalPoint(id: Int64, _ focalPoint: Bool) async throws(IPAIError) -> RegistrationRecord {
        guard let found = try await registration(id: id) else { throw IPAIError(.notFound, "registration \(id) does not exist") }
        if focalPoint {
            guard found.isApproved, found.category.isDelegation else {
                throw IPAIError(
                    .conflict, "only an approved member-state or observer registration can be a focal point (this one is \(found.category.rawValue), \(found.status.rawValue))",
                    at: InputLocation(field: "focal_point"))
            }
        }
        try await store.rows("UPDATE conv_registrations SET focal_point = ? WHERE id = ?", [SQLValue(focalPoint), .integer(id)])
        return try await registration(id: id) ?? found
    }

    /// The approved registrations of a conversation, by category, delegation and name.
    public func participants(conversationID: Int64) async throws(IPAIError) -> [RegistrationRecord] {
        var result: [RegistrationRecord] = []
        for row in try await store.rows(
            "SELECT * FROM conv_registrations WHERE conversation_id = ? AND status = 'approved' ORDER BY category, delegation, display_name, id",
            [.integer(conversationID)])
        {
            result.append(try Self.registration(row))
        }
        return result
    }

    /// The member-state delegations and observer organisations with approved people, states first,
    /// each group by name.
    public func participatingDelegations(conversationID: Int64) async throws(IPAIError) -> [ParticipatingDelegation] {
        var groups: [String: ParticipatingDelegation] = [:]
        for registration in try await participants(conversationID: conversationID) where registration.category.isDelegation {
            let family = registration.category == .memberState ? "s" : "o"
            let key = family + registration.delegation.lowercased()
            if groups[key] == nil {
                groups[key] = ParticipatingDelegation(
                    name: registration.delegation, category: registration.category,
                    code: registration.category == .memberState ? MemberStates.find(registration.delegation)?.code : nil, people: 0)
            }
            groups[key]?.people += 1
        }
        return groups.values.sorted { a, b in
            let (stateA, stateB) = (a.category == .memberState, b.category == .memberState)
            if stateA != stateB { return stateA }
            return a.name.localizedStandardCompare(b.name) == .orderedAscending
        }
    }

    // MARK: Credentials

    /// Stores (or replaces) a registration's credential after checking it.
    /// - Throws: `notFound`; `invalidInput`/`credentialTooLarge` as ``Credential/check(_:declaredType:fileName:)``.
    @discardableResult
    public func uploadCredential(registrationID: Int64, _ credential: CredentialUpload) async throws(IPAIError) -> CredentialRecord {
        guard try await registration(id: registrationID) != nil else {
            throw IPAIError(.notFound, "registration \(registrationID) does not exist")
        }
        try Credential.check(credential.bytes, declaredType: credential.declaredType, fileName: credential.fileName)
        let insert = Self.insertCredential(registrationID: registrationID, credential)
        _ = try await database.transaction([
            SQLStatement("DELETE FROM conv_credentials WHERE registration_id = ?", [.integer(registrationID)]), insert,
        ])
        return try await self.credential(registrationID: registrationID)
            ?? CredentialRecord(registrationID: registrationID, fileName: Credential.safeFileName(credential.fileName), bytes: Int64(credential.bytes.count), uploadedAt: Clock.milliseconds())
    }

    static func insertCredential(registrationID: Int64, _ credential: CredentialUpload) -> SQLStatement {
        SQLStatement(
            "INSERT INTO conv_credentials (registration_id, file_name, bytes, data, uploaded_at) VALUES (?, ?, ?, ?, ?)",
            [.integer(registrationID), .text(Credential.safeFileName(credential.fileName)), .integer(Int64(credential.bytes.count)),
             .blob(credential.bytes), .integer(Clock.milliseconds())])
    }

    /// What is on file for a registration (without the content).
    public func credential(registrationID: Int64) async throws(IPAIError) -> CredentialRecord? {
        try await store.rows(
            "SELECT registration_id, file_name, bytes, uploaded_at FROM conv_credentials WHERE registration_id = ?", [.integer(registrationID)]
        ).first.map(Self.credential)
    }

    /// The credential and its content, for a download.
    public func credentialFile(registrationID: Int64) async throws(IPAIError) -> (CredentialRecord, [UInt8])? {
        guard let row = try await store.rows(
            "SELECT registration_id, file_name, bytes, uploaded_at, data FROM conv_credentials WHERE registration_id = ?",
            [.integer(registrationID)]
        ).first else { return nil }
        return (try Self.credential(row), row["data"].bytes ?? [])
    }

    /// The credentials on file for a conversation's registrations, by registration id (without content).
    public func credentials(conversationID: Int64) async throws(IPAIError) -> [Int64: CredentialRecord] {
        var result: [Int64: CredentialRecord] = [:]
        for row in try await store.rows(
            """
            SELECT c.registration_id, c.file_name, c.bytes, c.uploaded_at FROM conv_credentials c
              JOIN conv_registrations r ON r.id = c.registration_id WHERE r.conversation_id = ?
            """, [.integer(conversationID)])
        {
            let record = try Self.credential(row)
            result[record.registrationID] = record
        }
        return result
    }

    static func credential(_ row: SQLRow) throws(IPAIError) -> CredentialRecord {
        CredentialRecord(
            registrationID: try row.int64("registration_id"), fileName: try row.string("file_name"), bytes: try row.int64("bytes"),
            uploadedAt: try row.int64("uploaded_at"))
    }
}
