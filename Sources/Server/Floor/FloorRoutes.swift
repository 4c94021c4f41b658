import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import Storage

/// The `/api/v1` routes of the list of speakers, the moderator console, the public display and the record.
///
/// Public (no sign-in): the floor snapshot and its event stream, interventions, exports. Delegates
/// (approved member states and accredited observers) ask for the floor and withdraw; the panel's
/// moderator or the Secretariat run it. Every refusal is audited through ``ConversationAccess``.
struct FloorRoutes {
    let services: ServerServices
    /// This server's live feeds (one per watched panel).
    let feeds: FloorFeedHub

    init(services: ServerServices) {
        self.services = services
        feeds = FloorFeedHub(conversations: ConversationStore(services.store), logger: services.logger)
    }

    var conversations: ConversationStore { ConversationStore(services.store) }
    var access: ConversationAccess { ConversationAccess(services: services) }

    struct AskBody: Decodable {
        var kind: String?
    }

    struct GiveBody: Decodable {
        var requestID: String?
        enum CodingKeys: String, CodingKey { case requestID = "request_id" }
    }

    struct StatementBody: Decodable {
        var statement: String
        var published: Bool?
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        // MARK: Reading (public)
        api.get("panels/{id}/floor") { request, context -> Response in
            let panel = try await panel(context)
            return try Response.json(FloorSnapshotDTO(try await conversations.floorSnapshot(panelID: panel.id)))
        }
        api.get("panels/{id}/floor/events") { request, context -> Response in
            let panel = try await panel(context)
            return eventStream(panelID: panel.id)
        }
        api.get("panels/{id}/floor/settings") { request, context -> Response in
            let panel = try await panel(context)
            return try Response.json(FloorSettingsDTO(try await conversations.floorSettings(panelID: panel.id)))
        }
        api.get("panels/{id}/interventions") { request, context -> InterventionListDTO in
            let panel = try await panel(context)
            let session = try await conversations.session(id: panel.sessionID)
            return InterventionListDTO(items: try await conversations.interventions(panelID: panel.id).map { InterventionDTO($0, session: session) })
        }
        api.get("sessions/{id}/interventions") { request, context -> InterventionListDTO in
            let session = try await session(context)
            return InterventionListDTO(items: try await conversations.interventions(sessionID: session.id).map { InterventionDTO($0, session: session) })
        }
        api.get("panels/{id}/floor/export") { request, context -> Response in
            let panel = try await panel(context)
            return try await speakersExport(panel).response(format: request.uri.queryParameters.get("format"))
        }
        api.get("sessions/{id}/interventions/export") { request, context -> Response in
            let session = try await session(context)
            return try await interventionsExport(session).response(format: request.uri.queryParameters.get("format"))
        }

        // MARK: Delegates
        api.post("panels/{id}/floor/requests") { request, context -> Response in
            let panel = try await panel(context)
            let body = try await optionalBody(request, context, as: AskBody.self)
            let kind = try Self.kind(body?.kind)
            let (_, registration) = try await access.requireFloorRight(
                context, conversationID: panel.conversationID, action: "floor.request", target: "panel \(panel.id)")
            let asked = try await conversations.requestFloor(panel: panel, registration: registration, kind: kind)
            return try Response.json(SpeakerRequestDTO(asked), status: .created)
        }
        api.delete("floor/requests/{id}") { request, context -> Response in
            let id = try Self.id(context)
            let user = try await access.requireChange(context, action: "floor.withdraw", target: "request \(id)")
            let withdrawn = try await conversations.withdrawRequest(id: id, userID: user.id)
            return try Response.json(SpeakerRequestDTO(withdrawn))
        }

        // MARK: Moderator
        api.post("panels/{id}/floor/give") { request, context -> Response in
            let panel = try await panel(context)
            let body = try await optionalBody(request, context, as: GiveBody.self)
            let user = try await access.requireModerator(context, panel: panel, action: "floor.give")
            var requestID: Int64? = nil
            if let raw = body?.requestID {
                guard let parsed = Int64(raw) else { throw APIError.badRequest("request_id '\(raw)' is not an id") }
                requestID = parsed
            }
            let speaking = try await give(panel: panel, requestID: requestID, user: user)
            return try Response.json(SpeakerRequestDTO(speaking))
        }
        api.post("panels/{id}/floor/end") { request, context -> Response in
            let panel = try await panel(context)
            let user = try await access.requireModerator(context, panel: panel, action: "floor.end")
            let intervention = try await end(panel: panel, user: user)
            let session = try await conversations.session(id: panel.sessionID)
            return try Response.json(InterventionDTO(intervention, session: session), status: .created)
        }
        api.post("floor/requests/{id}/skip") { request, context -> Response in
            let id = try Self.id(context)
            guard let found = try await conversations.speakerRequest(id: id), let panel = try await conversations.panel(id: found.panelID) else {
                throw APIError.notFound("request \(id)")
            }
            let user = try await access.requireModerator(context, panel: panel, action: "floor.skip")
            let skipped = try await skip(found, panel: panel, user: user)
            return try Response.json(SpeakerRequestDTO(skipped))
        }
        api.patch("panels/{id}/floor/settings") { request, context -> Response in
            let panel = try await panel(context)
            let change = try await request.decodeJSON(as: FloorSettingsChange.self, context: context)
            let user = try await access.requireModerator(context, panel: panel, action: "floor.settings")
            var policy: FloorPolicy? = nil
            if let raw = change.policy {
                guard let parsed = FloorPolicy(rawValue: raw) else {
                    throw APIError.badRequest("policy '\(raw)': use \(FloorPolicy.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                policy = parsed
            }
            let settings = try await conversations.updateFloorSettings(
                panelID: panel.id, policy: policy, delegationCap: change.delegationCap, speakingSeconds: change.speakingSeconds,
                warningSeconds: change.warningSeconds, floorOpen: change.floorOpen)
            try await access.audit(user, action: "floor.settings", target: "panel \(panel.id)", details: Self.describe(settings))
            return try Response.json(FloorSettingsDTO(settings))
        }

        // MARK: The record
        api.put("interventions/{id}/statement") { request, context -> Response in
            let id = try Self.id(context)
            guard let intervention = try await conversations.intervention(id: id) else { throw APIError.notFound("intervention \(id)") }
            let body = try await request.decodeJSON(as: StatementBody.self, context: context)
            let saved = try await saveStatement(intervention, text: body.statement, published: body.published, context: context, formToken: nil)
            let session = try await conversations.session(id: saved.sessionID)
            return try Response.json(InterventionDTO(saved, session: session))
        }
    }

    // MARK: Actions shared with the pages

    func give(panel: PanelRecord, requestID: Int64?, user: UserRecord) async throws -> SpeakerRequest {
        let speaking = try await conversations.giveFloor(panelID: panel.id, requestID: requestID)
        try await access.audit(
            user, action: "floor.give", target: "panel \(panel.id)", details: "request \(speaking.id): \(speaking.speakerName) (\(speaking.delegation))")
        return speaking
    }

    func end(panel: PanelRecord, user: UserRecord) async throws -> InterventionRecord {
        let intervention = try await conversations.endFloor(panelID: panel.id)
        try await access.audit(
            user, action: "floor.end", target: "panel \(panel.id)",
            details: "intervention \(intervention.id): \(intervention.speakerName) (\(intervention.delegation)), \((intervention.endedAt - intervention.startedAt) / 1000) s")
        return intervention
    }

    func skip(_ request: SpeakerRequest, panel: PanelRecord, user: UserRecord) async throws -> SpeakerRequest {
        let skipped = try await conversations.skipRequest(id: request.id)
        try await access.audit(
            user, action: "floor.skip", target: "panel \(panel.id)", details: "request \(request.id): \(request.speakerName) (\(request.delegation))")
        return skipped
    }

    /// The speaker (own intervention) or the Secretariat may write a statement; only the
    /// Secretariat may withhold one from publication.
    func saveStatement(
        _ intervention: InterventionRecord, text: String, published: Bool?, context: AppRequestContext, formToken: String?
    ) async throws -> InterventionRecord {
        let target = "intervention \(intervention.id)"
        let user = try await access.requireChange(context, formToken: formToken, action: "floor.statement", target: target)
        let secretariat = try await access.isSecretariat(user, conversationID: intervention.conversationID)
        guard secretariat || intervention.userID == user.id else {
            throw await access.refuse(user, action: "floor.statement", target: target, reason: "only the speaker or the Secretariat may write this statement")
        }
        let saved = try await conversations.saveStatement(
            interventionID: intervention.id, text: text, by: user.id, published: secretariat ? (published ?? true) : true)
        if secretariat { try await access.audit(user, action: "floor.statement", target: target, details: saved.statementPublished ? "published" : "withheld") }
        return saved
    }

    // MARK: Live

    /// `text/event-stream`: the current snapshot first, then one event per change, a comment every 15 s.
    func eventStream(panelID: Int64) -> Response {
        let feeds = self.feeds
        let conversations = self.conversations
        let body = ResponseBody { writer in
            let (viewer, events) = await feeds.subscribe(panelID: panelID)
            do {
                // Read after subscribing: a change from now on arrives as an event.
                let first = FloorFeedHub.event(try await conversations.floorSnapshot(panelID: panelID))
                try await writer.write(first.bytes)
                let (merged, continuation) = AsyncStream<FloorFeedHub.Event?>.makeStream(bufferingPolicy: .bufferingNewest(8))
                // A server that stops ends its streams (browsers reconnect, to another server if need be).
                try await withGracefulShutdownHandler {
                    try await Self.pump(events, into: writer, after: first.revision, merged: merged, continuation: continuation)
                } onGracefulShutdown: {
                    continuation.finish()
                }
            } catch {
                await feeds.unsubscribe(panelID: panelID, id: viewer)
                throw error
            }
            await feeds.unsubscribe(panelID: panelID, id: viewer)
            try await writer.finish(nil)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Writes the feed's events newer than `revision`, and a comment every 15 s, until the feed or
    /// `merged` ends or the client goes away.
    static func pump(
        _ events: AsyncStream<FloorFeedHub.Event>, into writer: some ResponseBodyWriter, after revision: Int64,
        merged: AsyncStream<FloorFeedHub.Event?>, continuation: AsyncStream<FloorFeedHub.Event?>.Continuation
    ) async throws {
        var writer = writer
        var written = revision
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in events { continuation.yield(event) }
                continuation.finish()
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(15))
                    continuation.yield(nil)
                }
            }
            for await event in merged {
                guard let event else {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    continue
                }
                // An older state (read before ours) is never shown after a newer one.
                guard event.revision > written else { continue }
                try await writer.write(event.bytes)
                written = event.revision
            }
            group.cancelAll()
        }
    }

    // MARK: Exports

    func speakersExport(_ panel: PanelRecord) async throws -> TableExport {
        var table = TableExport(
            name: "speakers-panel-\(panel.id)",
            columns: ["id", "panel_id", "speaker_name", "delegation", "category", "kind", "status", "advance", "requested_at", "started_at", "ended_at"])
        for request in try await conversations.speakerRequests(panelID: panel.id) {
            table.append([
                "id": .string(String(request.id)), "panel_id": .string(String(panel.id)), "speaker_name": .string(request.speakerName),
                "delegation": .string(request.delegation), "category": .string(request.category.rawValue), "kind": .string(request.kind.rawValue),
                "status": .string(request.status.rawValue), "advance": .bool(request.advance),
                "requested_at": .string(Self.iso(request.requestedAt)), "started_at": request.startedAt.map { .string(Self.iso($0)) } ?? .null,
                "ended_at": request.endedAt.map { .string(Self.iso($0)) } ?? .null,
            ])
        }
        return table
    }

    func interventionsExport(_ session: ConversationSession) async throws -> TableExport {
        var table = TableExport(
            name: "interventions-session-\(session.number)",
            columns: ["id", "session_id", "panel_id", "speaker_name", "delegation", "category", "kind", "started_at", "ended_at",
                      "duration_seconds", "video_seconds", "video_url", "statement"])
        for record in try await conversations.interventions(sessionID: session.id) {
            let dto = InterventionDTO(record, session: session)
            table.append([
                "id": .string(dto.id), "session_id": .string(dto.sessionID), "panel_id": .string(dto.panelID),
                "speaker_name": .string(dto.speakerName), "delegation": .string(dto.delegation), "category": .string(dto.category),
                "kind": .string(dto.kind), "started_at": .string(Self.iso(record.startedAt)), "ended_at": .string(Self.iso(record.endedAt)),
                "duration_seconds": .integer(dto.durationSeconds), "video_seconds": dto.videoSeconds.map { .integer($0) } ?? .null,
                "video_url": dto.videoURL.map { .string($0) } ?? .null, "statement": dto.statement.map { .string($0) } ?? .null,
            ])
        }
        return table
    }

    // MARK: Helpers

    static func iso(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw) else { throw APIError.notFound("\(raw)") }
        return id
    }

    static func kind(_ raw: String?) throws -> SpeakerRequestKind {
        guard let raw else { return .floor }
        guard let kind = SpeakerRequestKind(rawValue: raw) else { throw APIError.badRequest("kind '\(raw)': use floor or reply") }
        return kind
    }

    static func describe(_ settings: FloorSettings) -> String {
        "policy \(settings.policy.rawValue), cap \(settings.delegationCap), \(settings.speakingSeconds) s (warning \(settings.warningSeconds) s), floor \(settings.floorOpen ? "open" : "closed")"
    }

    func panel(_ context: AppRequestContext) async throws -> PanelRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let panel = try await conversations.panel(id: id) else { throw APIError.notFound("panel \(raw)") }
        return panel
    }

    func session(_ context: AppRequestContext) async throws -> ConversationSession {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let session = try await conversations.session(id: id) else { throw APIError.notFound("session \(raw)") }
        return session
    }

    /// A JSON body that may be absent (empty means all defaults).
    func optionalBody<T: Decodable>(_ request: Request, _ context: AppRequestContext, as type: T.Type) async throws -> T? {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest("the request body is not valid: \(APIErrorMiddleware.describe(error))")
        }
    }
}
