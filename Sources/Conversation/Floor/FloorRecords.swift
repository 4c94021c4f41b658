/// How a panel's waiting list is ordered (rights of reply always come first).
public enum FloorPolicy: String, Sendable, Codable, CaseIterable {
    /// First come, first served.
    case orderOfRequest = "order_of_request"
    /// Member-state delegations before accredited observers, each group in order of request.
    case memberStatesFirst = "member_states_first"
}

/// A panel's rules for the list of speakers, set by its moderator or the Secretariat.
public struct FloorSettings: Sendable, Equatable {
    public var panelID: Int64
    public var policy: FloorPolicy
    /// At most this many interventions (kind `floor`) per delegation on the panel; 0 means no cap.
    public var delegationCap: Int
    /// Speaking time per intervention, in seconds.
    public var speakingSeconds: Int
    /// The timer warns this many seconds before the end.
    public var warningSeconds: Int
    /// Whether live requests ("raise flag") are taken now.
    public var floorOpen: Bool
    /// When the floor was first opened; before that, requests are made ahead of time.
    public var openedAt: Int64?
    /// Incremented by every change of the panel's floor (requests, decisions, settings).
    public var revision: Int64

    public init(
        panelID: Int64, policy: FloorPolicy = .orderOfRequest, delegationCap: Int = 0, speakingSeconds: Int = 180,
        warningSeconds: Int = 30, floorOpen: Bool = false, openedAt: Int64? = nil, revision: Int64 = 0
    ) {
        self.panelID = panelID
        self.policy = policy
        self.delegationCap = delegationCap
        self.speakingSeconds = speakingSeconds
        self.warningSeconds = warningSeconds
        self.floorOpen = floorOpen
        self.openedAt = openedAt
        self.revision = revision
    }

    /// Whether new requests are taken: ahead of time until the floor first opens, then while it is open.
    public var takesRequests: Bool { floorOpen || openedAt == nil }
}

/// What a delegate asks for.
public enum SpeakerRequestKind: String, Sendable, Codable, CaseIterable {
    /// To take the floor (goes to the end of the list).
    case floor
    /// A right of reply (goes to the top, after replies already waiting).
    case reply
}

/// Where a request stands.
public enum SpeakerRequestStatus: String, Sendable, Codable, CaseIterable {
    case waiting
    case speaking
    case done
    case skipped
    case withdrawn
}

/// One entry of a panel's list of speakers.
public struct SpeakerRequest: Sendable, Equatable {
    public var id: Int64
    public var panelID: Int64
    public var conversationID: Int64
    public var registrationID: Int64
    public var userID: Int64
    public var speakerName: String
    public var delegation: String
    public var category: ParticipantCategory
    public var kind: SpeakerRequestKind
    public var status: SpeakerRequestStatus
    /// Made before the floor opened (ahead of time) rather than live.
    public var advance: Bool
    public var requestedAt: Int64
    public var startedAt: Int64?
    public var endedAt: Int64?
    public var interventionID: Int64?

    public init(
        id: Int64, panelID: Int64, conversationID: Int64, registrationID: Int64, userID: Int64, speakerName: String,
        delegation: String, category: ParticipantCategory, kind: SpeakerRequestKind, status: SpeakerRequestStatus, advance: Bool,
        requestedAt: Int64, startedAt: Int64?, endedAt: Int64?, interventionID: Int64?
    ) {
        self.id = id
        self.panelID = panelID
        self.conversationID = conversationID
        self.registrationID = registrationID
        self.userID = userID
        self.speakerName = speakerName
        self.delegation = delegation
        self.category = category
        self.kind = kind
        self.status = status
        self.advance = advance
        self.requestedAt = requestedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.interventionID = interventionID
    }
}

/// A panel's floor at one moment: what the console, the display and every live viewer show.
public struct FloorSnapshot: Sendable, Equatable {
    public var settings: FloorSettings
    /// Who has the floor (its `startedAt` is when the timer started).
    public var speaking: SpeakerRequest?
    /// The waiting list in the order the floor will be given.
    public var waiting: [SpeakerRequest]
    /// The last few requests that ended (spoke, skipped), newest first.
    public var recent: [SpeakerRequest]
    /// The server's clock when the snapshot was read (ms), so screens can count from `speaking.startedAt`.
    public var now: Int64
}
