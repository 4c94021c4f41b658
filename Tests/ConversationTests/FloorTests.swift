import Conversation
import Core
import Storage
import Testing
import TestSupport

/// A panel with approved delegates, for the floor tests.
struct FloorFixture {
    let conversations: ConversationStore
    let panel: PanelRecord
    let session: ConversationSession

    static func make(_ store: Store, videoStartedAt: Int64? = nil) async throws -> FloorFixture {
        let conversations = ConversationStore(store)
        try await conversations.migrate()
        let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
        let session = try await conversations.createSession(
            conversationID: conversation.id, number: 1, title: LocalizedText(english: "First session"), startsOn: "2020-07-07",
            endsOn: "2020-07-07", place: "Geneva", format: .hybrid, languages: ["en"], archiveURL: "https://video.example.org/s1")
        if let videoStartedAt {
            try await store.database.query("UPDATE conv_sessions SET video_started_at = ? WHERE id = ?", .integer(videoStartedAt), .integer(session.id))
        }
        let panel = try await conversations.createPanel(
            sessionID: session.id, position: 1, theme: LocalizedText(english: "Inventorship"), moderatorUserID: nil)
        return FloorFixture(conversations: conversations, panel: panel, session: try #require(try await conversations.session(id: session.id)))
    }

    /// A new user with an approved registration of `category` for `delegation`.
    func delegate(_ name: String, _ category: ParticipantCategory, _ delegation: String) async throws -> RegistrationRecord {
        let user = try await conversations.store.createUser(
            username: "\(name.lowercased().replacingOccurrences(of: " ", with: "-"))-\(IdentifierGenerator.next())", passwordHash: "x",
            role: .viewer, mustChangePassword: false)
        let registration = try await conversations.createRegistration(
            conversationID: panel.conversationID, userID: user.id, category: category, delegation: delegation, displayName: name)
        return try #require(try await conversations.decideRegistration(id: registration.id, status: .approved, decidedBy: nil))
    }

    func ask(_ registration: RegistrationRecord, _ kind: SpeakerRequestKind = .floor) async throws -> SpeakerRequest {
        try await conversations.requestFloor(panel: panel, registration: registration, kind: kind)
    }

    func waitingDelegations() async throws -> [String] {
        try await conversations.floorSnapshot(panelID: panel.id).waiting.map(\.delegation)
    }
}

/// SplitMix64: a small seeded generator, so a failing random case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("List of speakers: order")
struct FloorOrderTests {
    static func randomRequests(_ generator: inout SeededGenerator) -> [SpeakerRequest] {
        let count = Int.random(in: 0...40, using: &generator)
        let categories: [ParticipantCategory] = [.memberState, .igo, .ngo]
        return (0..<count).map { index in
            SpeakerRequest(
                id: Int64(index + 1), panelID: 1, conversationID: 1, registrationID: Int64(index), userID: Int64(index),
                speakerName: "S\(index)", delegation: "D\(index)", category: categories.randomElement(using: &generator)!,
                kind: Int.random(in: 0..<5, using: &generator) == 0 ? .reply : .floor, status: .waiting, advance: false,
                // Few distinct times, so ties happen.
                requestedAt: Int64.random(in: 0..<10, using: &generator), startedAt: nil, endedAt: nil, interventionID: nil)
        }.shuffled(using: &generator)
    }

    @Test("the order is a permutation of the waiting list; replies first; member states before observers under that policy; stable by request time", arguments: 0..<50)
    func orderProperties(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed))
        let requests = Self.randomRequests(&generator)
        for policy in FloorPolicy.allCases {
            let ordered = SpeakerOrder.order(requests, policy: policy)
            #expect(ordered.map(\.id).sorted() == requests.map(\.id).sorted(), "a permutation (seed \(seed))")
            let replies = ordered.prefix { $0.kind == .reply }
            #expect(replies.count == requests.filter { $0.kind == .reply }.count, "every reply before every floor request")
            let floor = ordered.dropFirst(replies.count)
            if policy == .memberStatesFirst {
                let members = floor.prefix { $0.category == .memberState }
                #expect(members.count == floor.filter { $0.category == .memberState }.count, "member states before observers (seed \(seed))")
            }
            // Within a group, by request time then id.
            func group(_ request: SpeakerRequest) -> Int {
                request.kind == .reply ? 0 : (policy == .memberStatesFirst && request.category != .memberState ? 2 : 1)
            }
            for (a, b) in zip(ordered, ordered.dropFirst()) where group(a) == group(b) {
                #expect(a.requestedAt < b.requestedAt || (a.requestedAt == b.requestedAt && a.id < b.id), "stable (seed \(seed))")
            }
        }
    }
}

@Suite("List of speakers: rules")
struct FloorRulesTests {
    @Test("requests, reply priority, one pending per delegation, re-request to the end, cap, give/end records the intervention", arguments: Backend.allCases)
    func fullPanel(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let videoStart = Clock.milliseconds() - 3_600_000
            let f = try await FloorFixture.make(store, videoStartedAt: videoStart)
            let france = try await f.delegate("Marie Dupont", .memberState, "France")
            let kenya = try await f.delegate("Jane Wanjiru", .memberState, "Kenya")
            let aippi = try await f.delegate("Observer One", .ngo, "AIPPI")
            let media = try await f.delegate("Reporter", .media, "")

            // Ahead of time, before the floor opens.
            let first = try await f.ask(aippi)
            #expect(first.advance)
            _ = try await f.ask(france)
            await #expect(throws: IPAIError.self, "a delegation with a pending request cannot ask again") { try await f.ask(france) }
            await #expect(throws: IPAIError.self, "media may not ask for the floor") { try await f.ask(media) }
            await #expect(throws: IPAIError.self, "no right of reply before the floor opens") { try await f.ask(kenya, .reply) }
            #expect(try await f.waitingDelegations() == ["AIPPI", "France"])

            try await f.conversations.updateFloorSettings(panelID: f.panel.id, policy: .memberStatesFirst, delegationCap: 1, floorOpen: true)
            #expect(try await f.waitingDelegations() == ["France", "AIPPI"], "member states first")
            let live = try await f.ask(kenya)
            #expect(!live.advance)
            #expect(try await f.waitingDelegations() == ["France", "Kenya", "AIPPI"])
            // A right of reply goes to the top.
            _ = try await f.ask(aippi, .reply)
            await #expect(throws: IPAIError.self, "one pending reply per delegation") { try await f.ask(aippi, .reply) }
            let snapshot = try await f.conversations.floorSnapshot(panelID: f.panel.id)
            #expect(snapshot.waiting.map(\.delegation) == ["AIPPI", "France", "Kenya", "AIPPI"])
            #expect(snapshot.waiting.first?.kind == .reply)

            // Give the floor to the next: the reply.
            let speaking = try await f.conversations.giveFloor(panelID: f.panel.id)
            #expect(speaking.kind == .reply && speaking.delegation == "AIPPI")
            await #expect(throws: IPAIError.self, "one speaker at a time") { try await f.conversations.giveFloor(panelID: f.panel.id) }
            let reply = try await f.conversations.endFloor(panelID: f.panel.id)
            #expect(reply.kind == .reply)
            #expect(try #require(reply.videoSeconds) >= 3600)

            // France speaks; its cap (1) is then reached.
            let franceTurn = try await f.conversations.giveFloor(panelID: f.panel.id)
            #expect(franceTurn.delegation == "France")
            let intervention = try await f.conversations.endFloor(panelID: f.panel.id)
            #expect(intervention.speakerName == "Marie Dupont" && intervention.delegation == "France" && intervention.category == .memberState)
            #expect(intervention.endedAt >= intervention.startedAt)
            await #expect(throws: IPAIError.self, "cap per delegation reached") { try await f.ask(france) }

            // Kenya is skipped; asking again puts Kenya at the end, after AIPPI.
            let kenyaRequest = try #require(try await f.conversations.floorSnapshot(panelID: f.panel.id).waiting.first)
            #expect(kenyaRequest.delegation == "Kenya")
            try await f.conversations.skipRequest(id: kenyaRequest.id)
            let kenyaAgain = try await f.ask(kenya)
            try await f.conversations.updateFloorSettings(panelID: f.panel.id, policy: .orderOfRequest)
            #expect(try await f.waitingDelegations() == ["AIPPI", "Kenya"], "a re-request goes to the end")
            // Withdrawing one's own request only.
            await #expect(throws: IPAIError.self) { try await f.conversations.withdrawRequest(id: kenyaAgain.id, userID: france.userID) }
            try await f.conversations.withdrawRequest(id: kenyaAgain.id, userID: kenya.userID)
            #expect(try await f.waitingDelegations() == ["AIPPI"])

            // The record.
            let record = try await f.conversations.interventions(panelID: f.panel.id)
            #expect(record.map(\.delegation) == ["AIPPI", "France"])
            #expect(try await f.conversations.interventions(sessionID: f.session.id).map(\.id) == record.map(\.id))
            let saved = try await f.conversations.saveStatement(interventionID: intervention.id, text: "  Our statement.  ", by: france.userID)
            #expect(saved.publishedStatement == "Our statement.")
            #expect(try await f.conversations.intervention(id: intervention.id)?.publishedStatement == "Our statement.")

            // Closing the floor after it opened closes the list.
            try await f.conversations.updateFloorSettings(panelID: f.panel.id, floorOpen: false)
            await #expect(throws: IPAIError.self, "the list is closed") { try await f.ask(kenya) }
        }
    }

    @Test("two servers giving the floor at the same moment: exactly one speaker", arguments: Backend.allCases)
    func giveTwiceRace(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let storeA = try await database.open()
            let storeB = try await database.open()
            let f = try await FloorFixture.make(storeA)
            let a = ConversationStore(storeA)
            let b = ConversationStore(storeB)
            try await a.updateFloorSettings(panelID: f.panel.id, floorOpen: true)
            var requests: [SpeakerRequest] = []
            for name in ["Brazil", "Chile", "Japan", "Ghana"] {
                requests.append(try await f.ask(try await f.delegate("Delegate of \(name)", .memberState, name)))
            }
            for round in 0..<5 {
                // Each server gives the floor to a different waiting request, at once.
                let waiting = try await a.floorSnapshot(panelID: f.panel.id).waiting
                guard waiting.count >= 2 else { break }
                async let first = Self.succeeded { try await a.giveFloor(panelID: f.panel.id, requestID: waiting[0].id) }
                async let second = Self.succeeded { try await b.giveFloor(panelID: f.panel.id, requestID: waiting[1].id) }
                let outcomes = await [first, second]
                #expect(outcomes.filter { $0 }.count == 1, "round \(round): exactly one give succeeds")
                let speaking = try await storeB.database.query(
                    "SELECT COUNT(*) AS n FROM conv_speaker_requests WHERE panel_id = ? AND status = 'speaking'", .integer(f.panel.id))
                #expect(speaking.first?["n"].int64 == 1)
                // Both end at once: exactly one intervention.
                async let endA = Self.succeeded { _ = try await a.endFloor(panelID: f.panel.id) }
                async let endB = Self.succeeded { _ = try await b.endFloor(panelID: f.panel.id) }
                let ends = await [endA, endB]
                #expect(ends.filter { $0 }.count == 1, "round \(round): exactly one end succeeds")
                #expect(try await a.interventions(panelID: f.panel.id).count == round + 1)
            }
        }
    }

    static func succeeded(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return true
        } catch {
            return false
        }
    }
}
