import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import Synchronization
import Testing
import TestSupport

@testable import Server

#if canImport(Glibc)
import Glibc
#endif

/// A conversation with one session (video started an hour ago) and one panel, and people with tokens.
struct FloorWorld {
    let api: API
    let conversations: ConversationStore
    let session: ConversationSession
    let panel: PanelRecord
    let adminToken: String

    static func make(_ api: API) async throws -> FloorWorld {
        let conversations = ConversationStore(api.services.store)
        let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
        let created = try await conversations.createSession(
            conversationID: conversation.id, number: 3, title: LocalizedText(english: "Third session"), startsOn: "2020-11-04",
            endsOn: "2020-11-04", place: "Geneva", format: .hybrid, languages: ["en", "fr"], webcastURL: "https://webcast.example.org/live",
            archiveURL: "https://video.example.org/session-3")
        try await api.services.store.database.query(
            "UPDATE conv_sessions SET video_started_at = ? WHERE id = ?", .integer(Clock.milliseconds() - 3_600_000), .integer(created.id))
        let session = try #require(try await conversations.session(id: created.id))
        let panel = try await conversations.createPanel(
            sessionID: session.id, position: 1, theme: LocalizedText(english: "Data <and> AI"), moderatorUserID: nil)
        return FloorWorld(api: api, conversations: conversations, session: session, panel: panel, adminToken: try await api.adminToken())
    }

    /// A new user (viewer role) with an approved registration of `category`, and their API token.
    func person(_ name: String, _ category: ParticipantCategory?, delegation: String = "") async throws -> (token: String, user: UserRecord) {
        let username = name.lowercased().replacingOccurrences(of: " ", with: "-")
        let token = try await api.token(forNewUser: username, role: "viewer", admin: adminToken)
        let user = try #require(try await api.services.store.user(named: username))
        if let category {
            let registration = try await conversations.createRegistration(
                conversationID: panel.conversationID, userID: user.id, category: category, delegation: delegation, displayName: name)
            _ = try await conversations.decideRegistration(id: registration.id, status: .approved, decidedBy: nil)
        }
        return (token, user)
    }

    func refusals(_ action: String) async throws -> [AuditEntry] {
        try await api.services.store.auditLog(limit: 200).items.filter { $0.action == "refused \(action)" }
    }
}

@Suite("Floor: API, pages and exports")
struct FloorAPITests {
    @Test("a member of the public and an unregistered user are refused the floor (403, audited); anonymous gets 401")
    func publicRefusedFloor() async throws {
        try await TestServer.run { api in
            let world = try await FloorWorld.make(api)
            let member = try await world.person("Public Person", .public)
            let stranger = try await world.person("Not Registered", nil)
            let path = "/api/v1/panels/\(world.panel.id)/floor/requests"
            let refused = try await api.request(.post, path, as: .token(member.token), json: #"{"kind":"floor"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.errorMessage?.contains("member-state") == true)
            #expect(try await api.request(.post, path, as: .token(stranger.token)).status == .forbidden)
            #expect(try await api.request(.post, path, as: .none).status == .unauthorized)
            let audited = try await world.refusals("floor.request")
            #expect(Set(audited.compactMap(\.username)) == ["public-person", "not-registered"])
            #expect(audited.allSatisfy { $0.target == "panel \(world.panel.id)" })
            #expect(try await world.conversations.speakerRequests(panelID: world.panel.id).isEmpty)
        }
    }

    @Test("an observer trying to moderate is refused (403, audited); the moderator runs the floor and the record follows")
    func moderationAndRecord() async throws {
        try await TestServer.run { api in
            let world = try await FloorWorld.make(api)
            let moderator = try await world.person("Moderator", .moderator)
            try await api.services.store.database.query(
                "UPDATE conv_panels SET moderator_user_id = ? WHERE id = ?", .integer(moderator.user.id), .integer(world.panel.id))
            let observer = try await world.person("Observer Delegate", .ngo, delegation: "AIPPI")
            let france = try await world.person("Marie Dupont", .memberState, delegation: "France")
            let panel = "/api/v1/panels/\(world.panel.id)"

            // The observer may ask for the floor but not give it.
            let asked = try await api.request(.post, "\(panel)/floor/requests", as: .token(observer.token))
            #expect(asked.status == .created, "\(asked.body)")
            #expect(asked.string("advance") == nil && asked["advance"] as? Bool == true)
            let give = try await api.request(.post, "\(panel)/floor/give", as: .token(observer.token))
            #expect(give.status == .forbidden)
            let settings = try await api.request(.patch, "\(panel)/floor/settings", as: .token(observer.token), json: #"{"floor_open":true}"#)
            #expect(settings.status == .forbidden)
            #expect(try await world.refusals("floor.give").map(\.username) == ["observer-delegate"])
            #expect(try await world.refusals("floor.settings").count == 1)

            // The moderator opens the floor, member states first.
            let opened = try await api.request(
                .patch, "\(panel)/floor/settings", as: .token(moderator.token),
                json: #"{"floor_open":true,"policy":"member_states_first","speaking_seconds":120,"warning_seconds":20}"#)
            #expect(opened.status == .ok, "\(opened.body)")
            #expect(opened["takes_requests"] as? Bool == true)
            #expect(try await api.request(.post, "\(panel)/floor/requests", as: .token(france.token), json: #"{"kind":"floor"}"#).status == .created)
            let again = try await api.request(.post, "\(panel)/floor/requests", as: .token(france.token))
            #expect(again.status == .conflict)
            let snapshot = try await api.request(.get, "\(panel)/floor", as: .none)
            #expect(snapshot.status == .ok)
            let waiting = snapshot.object["waiting"] as? [[String: Any]] ?? []
            #expect(waiting.map { $0["delegation"] as? String } == ["France", "AIPPI"])
            #expect(waiting.first?["position"] as? Int == 1)
            #expect(!snapshot.body.contains("user_id"), "the public list shows no user ids")

            let given = try await api.request(.post, "\(panel)/floor/give", as: .token(moderator.token))
            #expect(given.status == .ok, "\(given.body)")
            #expect(given.string("status") == "speaking" && given.string("delegation") == "France")
            let live = try await api.request(.get, "\(panel)/floor", as: .none)
            #expect(live.object["speaking_since"] as? Int64 != nil || live.object["speaking_since"] as? Int != nil)
            #expect((live.object["settings"] as? [String: Any])?["speaking_seconds"] as? Int == 120)
            #expect(try await api.request(.post, "\(panel)/floor/give", as: .token(moderator.token)).status == .conflict, "one speaker at a time")
            let ended = try await api.request(.post, "\(panel)/floor/end", as: .token(moderator.token))
            #expect(ended.status == .created, "\(ended.body)")
            let interventionID = try #require(ended.string("id"))
            let seconds = try #require(ended["video_seconds"] as? Int)
            #expect(seconds >= 3599 && seconds < 3700)
            #expect(ended.string("video_url") == "https://video.example.org/session-3#t=\(seconds)")

            // The observer is skipped; the moderator's decisions are audited.
            let observerRequest = try #require(try await world.conversations.floorSnapshot(panelID: world.panel.id).waiting.first)
            #expect(try await api.request(.post, "/api/v1/floor/requests/\(observerRequest.id)/skip", as: .token(observer.token)).status == .forbidden)
            #expect(try await api.request(.post, "/api/v1/floor/requests/\(observerRequest.id)/skip", as: .token(moderator.token)).status == .ok)
            let actions = try await api.services.store.auditLog(limit: 200).items.map(\.action)
            for action in ["floor.give", "floor.end", "floor.skip", "floor.settings"] { #expect(actions.contains(action), "\(action) audited") }

            // Statement: the speaker writes it; the observer may not.
            let statementPath = "/api/v1/interventions/\(interventionID)/statement"
            #expect(try await api.request(.put, statementPath, as: .token(observer.token), json: #"{"statement":"Not mine"}"#).status == .forbidden)
            let saved = try await api.request(.put, statementPath, as: .token(france.token), json: #"{"statement":"France supports <b>open</b> data."}"#)
            #expect(saved.status == .ok, "\(saved.body)")
            #expect(saved.string("statement") == "France supports <b>open</b> data.")

            // Lists and exports.
            let list = try await api.request(.get, "/api/v1/sessions/\(world.session.id)/interventions", as: .none)
            #expect(list.items.map { $0["speaker_name"] as? String } == ["Marie Dupont"])
            #expect(try await api.request(.get, "\(panel)/interventions", as: .none).items.count == 1)
            let json = try await api.request(.get, "/api/v1/sessions/\(world.session.id)/interventions/export?format=json", as: .none)
            #expect(json.status == .ok)
            #expect((json.array.first as? [String: Any])?["statement"] as? String == "France supports <b>open</b> data.")
            let csv = try await api.request(.get, "/api/v1/sessions/\(world.session.id)/interventions/export?format=csv", as: .none)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("id,session_id,panel_id,speaker_name,delegation"))
            #expect(csv.body.contains("Marie Dupont,France,member_state,floor"))
            let speakers = try await api.request(.get, "\(panel)/floor/export?format=csv", as: .none)
            let lines = speakers.body.split(separator: "\r\n")
            #expect(lines.count == 3, "header + France + AIPPI")
            #expect(speakers.body.contains(",done,") && speakers.body.contains(",skipped,"))
            let speakersJSON = try await api.request(.get, "\(panel)/floor/export", as: .none)
            #expect(speakersJSON.array.count == 2)
            #expect(try await api.request(.get, "\(panel)/floor/export?format=xml", as: .none).status == .badRequest)

            // The archive page: a chapter per intervention, linking into the video at its second, statement escaped.
            let archive = try await api.request(.get, "/sessions/\(world.session.id)/archive", as: .none)
            #expect(archive.status == .ok)
            #expect(archive.body.contains("id=\"intervention-\(interventionID)\""))
            #expect(archive.body.contains("href=\"https://video.example.org/session-3#t=\(seconds)\""))
            #expect(archive.body.contains("France supports &lt;b&gt;open&lt;/b&gt; data."))
            #expect(archive.body.contains("Data &lt;and&gt; AI"))
        }
    }

    @Test("pages: the console is the moderator's; the display is public; a public visitor is told why they cannot ask")
    func pages() async throws {
        try await TestServer.run { api in
            let world = try await FloorWorld.make(api)
            let observer = try await world.person("Observer Delegate", .igo, delegation: "EPO")
            #expect(try await api.request(.post, "/api/v1/panels/\(world.panel.id)/floor/requests", as: .token(observer.token)).status == .created)
            let display = try await api.request(.get, "/panels/\(world.panel.id)/display", as: .none)
            #expect(display.status == .ok)
            #expect(display.body.contains("Observer Delegate") && display.body.contains("floor.js"))
            #expect(display.body.contains("data-floor-panel=\"\(world.panel.id)\""))
            let delegatePage = try await api.request(.get, "/panels/\(world.panel.id)/floor", as: .none)
            #expect(delegatePage.body.contains("as a member of the public"))
            #expect(!delegatePage.body.contains("action=\"/panels/\(world.panel.id)/floor/request\""))
            let console = try await api.request(.get, "/panels/\(world.panel.id)/console", as: .token(observer.token))
            #expect(console.status == .forbidden)
            #expect(try await world.refusals("floor.console").count == 1)
            let secretariat = try await world.person("Secretary", .secretariat)
            let adminConsole = try await api.request(.get, "/panels/\(world.panel.id)/console", as: .token(secretariat.token))
            #expect(adminConsole.status == .ok)
            #expect(adminConsole.body.contains("/panels/\(world.panel.id)/console/give"))
            #expect(adminConsole.body.contains("name=\"policy\""))
        }
    }

    @Test("a forged console form (no CSRF token) is refused and logged")
    func forgedForm() async throws {
        try await WebTestServer.run { web in
            let api = API(client: web.client, adminPassword: web.adminPassword, services: web.services)
            let world = try await FloorWorld.make(api)
            let cookie = try await web.session(role: .administrator, name: "secretary")
            let forged = try await web.send(.post, "/panels/\(world.panel.id)/console/settings", cookies: ["ipai_session": cookie], form: [("floor_open", "1")])
            #expect(forged.status == .forbidden)
            #expect(try await world.refusals("floor.settings").first?.details.contains("CSRF") == true)
            #expect(try await world.conversations.floorSettings(panelID: world.panel.id).floorOpen == false)
        }
    }

    @Test("the event stream sends the snapshot first, then every change — also to a viewer of another server on the same database")
    func eventStream() async throws {
        // One server on SQLite.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-floor-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await Self.streamCase([
            ServerConfiguration(port: 0, dataDirectory: directory, installDemo: false, passwordIterations: 1000, runsJobs: false),
        ])
        // Two servers on one PostgreSQL database.
        if let base = ProcessInfo.processInfo.environment["IPAI_TEST_POSTGRES_URL"], !base.isEmpty {
            let url = try await PostgresDatabase.createScratchDatabase(from: base, prefix: "ipai_floor_test")
            try await Self.streamCase([
                ServerConfiguration(port: 0, databaseURL: url, installDemo: false, instance: "a", passwordIterations: 1000, runsJobs: false),
                ServerConfiguration(port: 0, databaseURL: url, installDemo: false, instance: "b", passwordIterations: 1000, runsJobs: false),
            ])
            await PostgresDatabase.dropScratchDatabase(url, using: base)
        }
    }

    /// Changes go through the first server's store; the viewer watches the last server.
    static func streamCase(_ configurations: [ServerConfiguration]) async throws {
        var logger = Logger(label: "ipai-floor-test")
        logger.logLevel = .warning
        let first = try await buildApplication(configurations[0], logger: logger)
        let last = configurations.count > 1 ? try await buildApplication(configurations[1], logger: logger) : nil
        let conversations = ConversationStore(first.services.store)
        let conversation = try await conversations.createConversation(title: LocalizedText(english: "C"), createdBy: nil)
        let session = try await conversations.createSession(
            conversationID: conversation.id, number: 1, title: LocalizedText(english: "S"), startsOn: "2021-01-01", endsOn: "2021-01-01",
            place: "", format: .virtual, languages: ["en"])
        let panel = try await conversations.createPanel(sessionID: session.id, position: 1, theme: LocalizedText(english: "P"), moderatorUserID: nil)
        let user = try await first.services.store.createUser(username: "kenya", passwordHash: "x", role: .viewer, mustChangePassword: false)
        let registration = try await conversations.createRegistration(
            conversationID: conversation.id, userID: user.id, category: .memberState, delegation: "Kenya", displayName: "Jane Wanjiru")
        let approved = try #require(try await conversations.decideRegistration(id: registration.id, status: .approved, decidedBy: nil))

        let viewerApp = last?.application ?? first.application
        try await viewerApp.test(.live) { client in
            let port = try #require(client.port)
            let stream = try EventStreamClient(port: port, path: "/api/v1/panels/\(panel.id)/floor/events")
            defer { stream.close() }
            try await eventually("the first snapshot", seconds: 20) { stream.dataObjects().count >= 1 }
            let initial = try #require(stream.dataObjects().first)
            #expect((initial["waiting"] as? [Any])?.isEmpty == true)
            #expect(stream.text.contains("event: floor\nid: "))

            _ = try await conversations.requestFloor(panel: panel, registration: approved, kind: .floor)
            try await eventually("the request on the stream", seconds: 20) {
                stream.dataObjects().contains { (($0["waiting"] as? [[String: Any]])?.first?["delegation"] as? String) == "Kenya" }
            }
            _ = try await conversations.giveFloor(panelID: panel.id)
            try await eventually("the speaker on the stream", seconds: 20) {
                stream.dataObjects().contains { ($0["speaking"] as? [String: Any])?["speaker_name"] as? String == "Jane Wanjiru" }
            }
            let revisions = stream.dataObjects().compactMap { $0["revision"] as? Int }
            #expect(revisions == revisions.sorted(), "never an older state after a newer one")
        }
        await first.services.store.database.close()
        if let last { await last.services.store.database.close() }
    }
}
