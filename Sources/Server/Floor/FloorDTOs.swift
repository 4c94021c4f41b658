import Conversation
import Foundation
import Hummingbird

/// A panel's floor settings as the API shows and takes them.
struct FloorSettingsDTO: Codable, Sendable {
    var policy: String
    var delegationCap: Int
    var speakingSeconds: Int
    var warningSeconds: Int
    var floorOpen: Bool
    /// Whether a delegate can ask for the floor now (ahead of time, or while the floor is open).
    var takesRequests: Bool

    enum CodingKeys: String, CodingKey {
        case policy, delegationCap = "delegation_cap", speakingSeconds = "speaking_seconds", warningSeconds = "warning_seconds"
        case floorOpen = "floor_open", takesRequests = "takes_requests"
    }

    init(_ settings: FloorSettings) {
        policy = settings.policy.rawValue
        delegationCap = settings.delegationCap
        speakingSeconds = settings.speakingSeconds
        warningSeconds = settings.warningSeconds
        floorOpen = settings.floorOpen
        takesRequests = settings.takesRequests
    }
}

/// The body of `PATCH /panels/{id}/floor/settings`: every field optional.
struct FloorSettingsChange: Decodable {
    var policy: String?
    var delegationCap: Int?
    var speakingSeconds: Int?
    var warningSeconds: Int?
    var floorOpen: Bool?

    enum CodingKeys: String, CodingKey {
        case policy, delegationCap = "delegation_cap", speakingSeconds = "speaking_seconds", warningSeconds = "warning_seconds"
        case floorOpen = "floor_open"
    }
}

/// One entry of a list of speakers (no user ids: the list is public).
struct SpeakerRequestDTO: Codable, Sendable {
    var id: String
    var panelID: String
    var speakerName: String
    var delegation: String
    var category: String
    var kind: String
    var status: String
    var advance: Bool
    /// Times in ms since 1970.
    var requestedAt: Int64
    var startedAt: Int64?
    var endedAt: Int64?
    /// 1-based place in the waiting list (waiting requests only).
    var position: Int?

    enum CodingKeys: String, CodingKey {
        case id, kind, status, advance, category, delegation, position
        case panelID = "panel_id", speakerName = "speaker_name", requestedAt = "requested_at", startedAt = "started_at"
        case endedAt = "ended_at"
    }

    init(_ request: SpeakerRequest, position: Int? = nil) {
        id = String(request.id)
        panelID = String(request.panelID)
        speakerName = request.speakerName
        delegation = request.delegation
        category = request.category.rawValue
        kind = request.kind.rawValue
        status = request.status.rawValue
        advance = request.advance
        requestedAt = request.requestedAt
        startedAt = request.startedAt
        endedAt = request.endedAt
        self.position = position
    }
}

/// The floor of a panel at one moment: the snapshot every live screen shows. Times are ms since
/// 1970 on the server's clock; screens count the speaker's time from `speaking_since`, correcting
/// their own clock by `now`.
struct FloorSnapshotDTO: Codable, Sendable {
    var panelID: String
    var revision: Int64
    var now: Int64
    var settings: FloorSettingsDTO
    var speaking: SpeakerRequestDTO?
    var speakingSince: Int64?
    var waiting: [SpeakerRequestDTO]
    var recent: [SpeakerRequestDTO]

    enum CodingKeys: String, CodingKey {
        case revision, now, settings, speaking, waiting, recent
        case panelID = "panel_id", speakingSince = "speaking_since"
    }

    init(_ snapshot: FloorSnapshot) {
        panelID = String(snapshot.settings.panelID)
        revision = snapshot.settings.revision
        now = snapshot.now
        settings = FloorSettingsDTO(snapshot.settings)
        speaking = snapshot.speaking.map { SpeakerRequestDTO($0) }
        speakingSince = snapshot.speaking?.startedAt
        waiting = snapshot.waiting.enumerated().map { SpeakerRequestDTO($0.element, position: $0.offset + 1) }
        recent = snapshot.recent.map { SpeakerRequestDTO($0) }
    }
}

/// An intervention of the record. The statement appears only once published.
struct InterventionDTO: Codable, Sendable {
    var id: String
    var panelID: String
    var sessionID: String
    var requestID: String
    var speakerName: String
    var delegation: String
    var category: String
    var kind: String
    var startedAt: Date
    var endedAt: Date
    var durationSeconds: Int64
    var videoSeconds: Int64?
    var videoURL: String?
    var statement: String?

    enum CodingKeys: String, CodingKey {
        case id, delegation, category, kind, statement
        case panelID = "panel_id", sessionID = "session_id", requestID = "request_id", speakerName = "speaker_name"
        case startedAt = "started_at", endedAt = "ended_at", durationSeconds = "duration_seconds", videoSeconds = "video_seconds"
        case videoURL = "video_url"
    }

    init(_ record: InterventionRecord, session: ConversationSession?) {
        id = String(record.id)
        panelID = String(record.panelID)
        sessionID = String(record.sessionID)
        requestID = String(record.requestID)
        speakerName = record.speakerName
        delegation = record.delegation
        category = record.category.rawValue
        kind = record.kind.rawValue
        startedAt = Date(timeIntervalSince1970: Double(record.startedAt) / 1000)
        endedAt = Date(timeIntervalSince1970: Double(record.endedAt) / 1000)
        durationSeconds = max(0, (record.endedAt - record.startedAt) / 1000)
        videoSeconds = record.videoSeconds
        videoURL = session.flatMap { FloorLinks.videoLink(session: $0, seconds: record.videoSeconds) }
        statement = record.publishedStatement
    }
}

/// `{"items": [...]}` for the short lists of the record (a panel's or session's interventions
/// fit in one page; `next_cursor` is always null).
struct InterventionListDTO: ResponseEncodable, Sendable {
    var items: [InterventionDTO]
    var nextCursor: String? = nil

    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encodeNil(forKey: .nextCursor)
    }
}

/// Links into a session's video.
enum FloorLinks {
    /// The session's archive (else webcast) link with `#t=<seconds>`, or nil without a link or time.
    static func videoLink(session: ConversationSession, seconds: Int64?) -> String? {
        let base = session.archiveURL.isEmpty ? session.webcastURL : session.archiveURL
        guard !base.isEmpty, let seconds else { return nil }
        let withoutFragment = base.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? base
        return "\(withoutFragment)#t=\(seconds)"
    }
}
