import Core
import Storage

extension ConversationStore {
    /// The notification every floor change of a panel publishes (`floor:<panelID>`), on this server
    /// and, through PostgreSQL, on every other one.
    public static func floorMessage(panelID: Int64) -> String { "floor:\(panelID)" }

    /// The panel id in a ``floorMessage(panelID:)``, or nil for another kind of message.
    public static func floorPanel(inMessage message: String) -> Int64? {
        guard message.hasPrefix("floor:") else { return nil }
        return Int64(message.dropFirst("floor:".count))
    }

    // MARK: Settings

    /// The panel's floor settings (the defaults until someone changes them).
    public func floorSettings(panelID: Int64) async throws(IPAIError) -> FloorSettings {
        guard let row = try await store.rows("SELECT * FROM conv_floor_settings WHERE panel_id = ?", [.integer(panelID)]).first else {
            return FloorSettings(panelID: panelID)
        }
        return try Self.floorSettings(row)
    }

    /// Changes the settings given (nil leaves one as it is). Opening the floor the first time ends
    /// the time of requests made ahead of it.
    /// - Throws: `invalidInput` naming the field for a value out of range.
    @discardableResult
    public func updateFloorSettings(
        panelID: Int64, policy: FloorPolicy? = nil, delegationCap: Int? = nil, speakingSeconds: Int? = nil,
        warningSeconds: Int? = nil, floorOpen: Bool? = nil
    ) async throws(IPAIError) -> FloorSettings {
        var settings = try await floorSettings(panelID: panelID)
        if let policy { settings.policy = policy }
        if let delegationCap {
            guard (0...100).contains(delegationCap) else {
                throw IPAIError(.invalidInput, "the cap per delegation must be 0 (none) to 100", at: InputLocation(field: "delegation_cap", value: String(delegationCap)))
            }
            settings.delegationCap = delegationCap
        }
        if let speakingSeconds {
            guard (10...3600).contains(speakingSeconds) else {
                throw IPAIError(.invalidInput, "speaking time must be 10 to 3600 seconds", at: InputLocation(field: "speaking_seconds", value: String(speakingSeconds)))
            }
            settings.speakingSeconds = speakingSeconds
        }
        if let warningSeconds {
            guard warningSeconds >= 0 else {
                throw IPAIError(.invalidInput, "the warning must be 0 or more seconds before the end", at: InputLocation(field: "warning_seconds", value: String(warningSeconds)))
            }
            settings.warningSeconds = warningSeconds
        }
        guard settings.warningSeconds < settings.speakingSeconds else {
            throw IPAIError(
                .invalidInput, "the warning (\(settings.warningSeconds) s) must come before the end of the speaking time (\(settings.speakingSeconds) s)",
                at: InputLocation(field: "warning_seconds", value: String(settings.warningSeconds)))
        }
        let now = Clock.milliseconds()
        if let floorOpen {
            settings.floorOpen = floorOpen
            if floorOpen, settings.openedAt == nil { settings.openedAt = now }
        }
        _ = try await database.transaction(floorChange(panelID: panelID, now: now) + [
            SQLStatement(
                """
                UPDATE conv_floor_settings SET policy = ?, delegation_cap = ?, speaking_seconds = ?, warning_seconds = ?,
                  floor_open = ?, opened_at = COALESCE(opened_at, ?) WHERE panel_id = ?
                """,
                [.text(settings.policy.rawValue), SQLValue(settings.delegationCap), SQLValue(settings.speakingSeconds),
                 SQLValue(settings.warningSeconds), SQLValue(settings.floorOpen), SQLValue(settings.openedAt), .integer(panelID)]),
        ])
        await publishFloorChange(panelID: panelID)
        return try await floorSettings(panelID: panelID)
    }

    // MARK: Reading

    /// The panel's floor now: settings, who speaks, the waiting list in order, the last few who ended.
    public func floorSnapshot(panelID: Int64) async throws(IPAIError) -> FloorSnapshot {
        let settings = try await floorSettings(panelID: panelID)
        var speaking: SpeakerRequest? = nil
        var waiting: [SpeakerRequest] = []
        for row in try await store.rows(
            "SELECT * FROM conv_speaker_requests WHERE panel_id = ? AND status IN ('waiting', 'speaking')", [.integer(panelID)])
        {
            let request = try Self.speakerRequest(row)
            if request.status == .speaking { speaking = request } else { waiting.append(request) }
        }
        var recent: [SpeakerRequest] = []
        for row in try await store.rows(
            "SELECT * FROM conv_speaker_requests WHERE panel_id = ? AND status IN ('done', 'skipped') ORDER BY ended_at DESC, id DESC LIMIT 5",
            [.integer(panelID)])
        {
            recent.append(try Self.speakerRequest(row))
        }
        return FloorSnapshot(
            settings: settings, speaking: speaking, waiting: SpeakerOrder.order(waiting, policy: settings.policy), recent: recent,
            now: Clock.milliseconds())
    }

    public func speakerRequest(id: Int64) async throws(IPAIError) -> SpeakerRequest? {
        try await store.rows("SELECT * FROM conv_speaker_requests WHERE id = ?", [.integer(id)]).first.map(Self.speakerRequest)
    }

    /// Every request of the panel, oldest first (the full list of speakers, for export).
    public func speakerRequests(panelID: Int64) async throws(IPAIError) -> [SpeakerRequest] {
        var result: [SpeakerRequest] = []
        for row in try await store.rows("SELECT * FROM conv_speaker_requests WHERE panel_id = ? ORDER BY id", [.integer(panelID)]) {
            result.append(try Self.speakerRequest(row))
        }
        return result
    }

    // MARK: Delegates

    /// Puts a delegate on the panel's list of speakers.
    ///
    /// - Parameters:
    ///   - registration: the caller's approved registration (member state or accredited observer).
    ///   - kind: `floor` goes to the end of the list; `reply` to the top, after replies already waiting.
    /// - Throws: `forbidden` when the registration may not ask for the floor; `conflict` when the
    ///   list is closed, the delegation already waits, or its cap of interventions is reached.
    public func requestFloor(
        panel: PanelRecord, registration: RegistrationRecord, kind: SpeakerRequestKind
    ) async throws(IPAIError) -> SpeakerRequest {
        guard registration.isApproved, registration.category.mayRequestFloor, registration.conversationID == panel.conversationID else {
            throw IPAIError(.forbidden, "only approved member-state delegations and accredited observers of this conversation may ask for the floor")
        }
        let settings = try await floorSettings(panelID: panel.id)
        switch kind {
        case .floor:
            guard settings.takesRequests else {
                throw IPAIError(.conflict, "the list of speakers of this panel is closed; ask the moderator to reopen it")
            }
        case .reply:
            guard settings.floorOpen else {
                throw IPAIError(.conflict, "a right of reply can be asked only while the floor is open")
            }
        }
        let pending = try await store.rows(
            "SELECT kind FROM conv_speaker_requests WHERE panel_id = ? AND delegation = ? AND status IN ('waiting', 'speaking')",
            [.integer(panel.id), .text(registration.delegation)])
        let pendingKinds = pending.compactMap { $0["kind"].string }
        if kind == .floor, !pendingKinds.isEmpty {
            throw IPAIError(.conflict, "\(registration.delegation) is already on the list of speakers; wait for your turn or withdraw first")
        }
        if kind == .reply, pendingKinds.contains(SpeakerRequestKind.reply.rawValue) {
            throw IPAIError(.conflict, "\(registration.delegation) already has a right of reply waiting")
        }
        if kind == .floor, settings.delegationCap > 0 {
            let spoken = try await store.rows(
                "SELECT COUNT(*) AS n FROM conv_interventions WHERE panel_id = ? AND delegation = ? AND kind = 'floor'",
                [.integer(panel.id), .text(registration.delegation)]
            ).first?["n"].int64 ?? 0
            guard spoken < settings.delegationCap else {
                throw IPAIError(
                    .conflict, "\(registration.delegation) has taken the floor \(spoken) times on this panel, the most its cap allows (\(settings.delegationCap))")
            }
        }
        let now = Clock.milliseconds()
        let request = SpeakerRequest(
            id: IdentifierGenerator.next(), panelID: panel.id, conversationID: panel.conversationID, registrationID: registration.id,
            userID: registration.userID, speakerName: registration.displayName, delegation: registration.delegation,
            category: registration.category, kind: kind, status: .waiting, advance: settings.openedAt == nil, requestedAt: now,
            startedAt: nil, endedAt: nil, interventionID: nil)
        do {
            _ = try await database.transaction(floorChange(panelID: panel.id, now: now) + [
                SQLStatement(
                    """
                    INSERT INTO conv_speaker_requests (id, panel_id, conversation_id, registration_id, user_id, speaker_name, delegation,
                      category, kind, status, advance, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)
                    """,
                    [.integer(request.id), .integer(panel.id), .integer(panel.conversationID), .integer(registration.id),
                     .integer(registration.userID), .text(request.speakerName), .text(request.delegation),
                     .text(request.category.rawValue), .text(kind.rawValue), SQLValue(request.advance), .integer(now)]),
            ])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "\(registration.delegation) is already on the list of speakers for this")
        }
        await publishFloorChange(panelID: panel.id)
        return request
    }

    /// Takes the user's own waiting request off the list.
    /// - Throws: `notFound` if there is no such request of this user; `conflict` if it no longer waits.
    @discardableResult
    public func withdrawRequest(id: Int64, userID: Int64) async throws(IPAIError) -> SpeakerRequest {
        guard let request = try await speakerRequest(id: id), request.userID == userID else {
            throw IPAIError(.notFound, "you have no request \(id) on a list of speakers", at: InputLocation(field: "id", value: String(id)))
        }
        return try await finishWaiting(request, as: .withdrawn)
    }

    // MARK: Moderator

    /// Gives the floor to a waiting request (the first in order when `requestID` is nil). Only one
    /// speaker has the floor at a time: if another server gave it a moment before, this fails.
    /// - Throws: `conflict` when someone has the floor, nobody waits, or the request no longer waits.
    @discardableResult
    public func giveFloor(panelID: Int64, requestID: Int64? = nil) async throws(IPAIError) -> SpeakerRequest {
        let snapshot = try await floorSnapshot(panelID: panelID)
        if let speaking = snapshot.speaking {
            throw IPAIError(.conflict, "\(speaking.speakerName) (\(speaking.delegation)) has the floor; end their time first")
        }
        let chosen: SpeakerRequest
        if let requestID {
            guard let found = snapshot.waiting.first(where: { $0.id == requestID }) else {
                throw IPAIError(.conflict, "request \(requestID) is not waiting on this panel's list", at: InputLocation(field: "request_id", value: String(requestID)))
            }
            chosen = found
        } else {
            guard let first = snapshot.waiting.first else { throw IPAIError(.conflict, "nobody is waiting for the floor") }
            chosen = first
        }
        let now = Clock.milliseconds()
        let results: [[SQLRow]]
        do {
            results = try await database.transaction(floorChange(panelID: panelID, now: now) + [
                SQLStatement(
                    """
                    UPDATE conv_speaker_requests SET status = 'speaking', started_at = ?
                    WHERE id = ? AND panel_id = ? AND status = 'waiting'
                      AND NOT EXISTS (SELECT 1 FROM conv_speaker_requests s WHERE s.panel_id = ? AND s.status = 'speaking')
                    RETURNING id
                    """,
                    [.integer(now), .integer(chosen.id), .integer(panelID), .integer(panelID)]),
            ])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "someone was given the floor at the same moment; reload the list")
        }
        guard results.last?.isEmpty == false else {
            throw IPAIError(.conflict, "someone was given the floor at the same moment, or the request was withdrawn; reload the list")
        }
        await publishFloorChange(panelID: panelID)
        var speaking = chosen
        speaking.status = .speaking
        speaking.startedAt = now
        return speaking
    }

    /// Ends the current speaker's time and writes the intervention into the record.
    /// - Throws: `conflict` when nobody has the floor.
    @discardableResult
    public func endFloor(panelID: Int64) async throws(IPAIError) -> InterventionRecord {
        guard let row = try await store.rows(
            "SELECT * FROM conv_speaker_requests WHERE panel_id = ? AND status = 'speaking'", [.integer(panelID)]).first
        else {
            throw IPAIError(.conflict, "nobody has the floor on this panel")
        }
        let request = try Self.speakerRequest(row)
        guard let panel = try await panel(id: panelID) else { throw IPAIError(.notFound, "panel \(panelID) does not exist") }
        let session = try await session(id: panel.sessionID)
        let startedAt = request.startedAt ?? Clock.milliseconds()
        var videoSeconds: Int64? = nil
        if let videoStart = session?.videoStartedAt, startedAt >= videoStart { videoSeconds = (startedAt - videoStart) / 1000 }
        let now = max(Clock.milliseconds(), startedAt)
        let interventionID = IdentifierGenerator.next()
        let results: [[SQLRow]]
        do {
            results = try await database.transaction(floorChange(panelID: panelID, now: now) + [
                SQLStatement(
                    """
                    UPDATE conv_speaker_requests SET status = 'done', ended_at = ?, intervention_id = ?
                    WHERE id = ? AND status = 'speaking' RETURNING id
                    """,
                    [.integer(now), .integer(interventionID), .integer(request.id)]),
                SQLStatement(
                    """
                    INSERT INTO conv_interventions (id, panel_id, session_id, conversation_id, request_id, user_id, speaker_name,
                      delegation, category, kind, started_at, ended_at, video_seconds)
                    SELECT ?, panel_id, ?, conversation_id, id, user_id, speaker_name, delegation, category, kind, started_at, ended_at, ?
                    FROM conv_speaker_requests WHERE id = ? AND intervention_id = ?
                    """,
                    [.integer(interventionID), .integer(panel.sessionID), SQLValue(videoSeconds), .integer(request.id), .integer(interventionID)]),
            ])
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "the floor was ended at the same moment by someone else")
        }
        guard results.dropLast().last?.isEmpty == false, let intervention = try await intervention(id: interventionID) else {
            throw IPAIError(.conflict, "the floor was ended at the same moment by someone else")
        }
        await publishFloorChange(panelID: panelID)
        return intervention
    }

    /// Passes over a waiting request (the delegate was not there); asking again puts them at the end.
    /// - Throws: `notFound` for an unknown request; `conflict` if it no longer waits.
    @discardableResult
    public func skipRequest(id: Int64) async throws(IPAIError) -> SpeakerRequest {
        guard let request = try await speakerRequest(id: id) else {
            throw IPAIError(.notFound, "request \(id) is not on any list of speakers", at: InputLocation(field: "id", value: String(id)))
        }
        return try await finishWaiting(request, as: .skipped)
    }

    // MARK: Helpers

    private func finishWaiting(_ request: SpeakerRequest, as status: SpeakerRequestStatus) async throws(IPAIError) -> SpeakerRequest {
        let now = Clock.milliseconds()
        let results = try await database.transaction(floorChange(panelID: request.panelID, now: now) + [
            SQLStatement(
                "UPDATE conv_speaker_requests SET status = ?, ended_at = ? WHERE id = ? AND status = 'waiting' RETURNING id",
                [.text(status.rawValue), .integer(now), .integer(request.id)]),
        ])
        guard results.last?.isEmpty == false else {
            throw IPAIError(.conflict, "request \(request.id) is no longer waiting (it is \(request.status.rawValue))")
        }
        await publishFloorChange(panelID: request.panelID)
        var changed = request
        changed.status = status
        changed.endedAt = now
        return changed
    }

    /// The first statements of every floor change: the settings row exists, and its revision goes
    /// up (on PostgreSQL this row lock also puts concurrent changes of one panel one after another).
    func floorChange(panelID: Int64, now: Int64) -> [SQLStatement] {
        [
            SQLStatement(
                "INSERT INTO conv_floor_settings (panel_id, updated_at) VALUES (?, ?) ON CONFLICT (panel_id) DO NOTHING",
                [.integer(panelID), .integer(now)]),
            SQLStatement(
                "UPDATE conv_floor_settings SET revision = revision + 1, updated_at = ? WHERE panel_id = ?",
                [.integer(now), .integer(panelID)]),
        ]
    }

    /// Tells every server's live viewers; a lost notice only delays screens until the next change.
    func publishFloorChange(panelID: Int64) async {
        try? await database.notify(Self.floorMessage(panelID: panelID))
    }

    static func floorSettings(_ row: SQLRow) throws(IPAIError) -> FloorSettings {
        let policy = try row.string("policy")
        guard let parsed = FloorPolicy(rawValue: policy) else { throw IPAIError(.storageFailure, "stored floor policy '\(policy)' is unknown") }
        return FloorSettings(
            panelID: try row.int64("panel_id"), policy: parsed, delegationCap: try row.int("delegation_cap"),
            speakingSeconds: try row.int("speaking_seconds"), warningSeconds: try row.int("warning_seconds"),
            floorOpen: try row.bool("floor_open"), openedAt: row.optionalInt64("opened_at"), revision: try row.int64("revision"))
    }

    static func speakerRequest(_ row: SQLRow) throws(IPAIError) -> SpeakerRequest {
        let category = try row.string("category")
        let kind = try row.string("kind")
        let status = try row.string("status")
        guard let parsedCategory = ParticipantCategory(rawValue: category), let parsedKind = SpeakerRequestKind(rawValue: kind),
              let parsedStatus = SpeakerRequestStatus(rawValue: status)
        else {
            throw IPAIError(.storageFailure, "stored speaker request has an unknown category '\(category)', kind '\(kind)' or status '\(status)'")
        }
        return SpeakerRequest(
            id: try row.int64("id"), panelID: try row.int64("panel_id"), conversationID: try row.int64("conversation_id"),
            registrationID: try row.int64("registration_id"), userID: try row.int64("user_id"),
            speakerName: try row.string("speaker_name"), delegation: try row.string("delegation"), category: parsedCategory,
            kind: parsedKind, status: parsedStatus, advance: try row.bool("advance"), requestedAt: try row.int64("requested_at"),
            startedAt: row.optionalInt64("started_at"), endedAt: row.optionalInt64("ended_at"),
            interventionID: row.optionalInt64("intervention_id"))
    }
}
