import Foundation
import HTTPTypes
import Storage
import Testing

@testable import Server

@Suite("API: sessions after password changes, token use, expired sessions")
struct AccountSessionTests {
    /// Signs `name` in; returns the session credentials.
    private func session(_ api: API, _ name: String, _ password: String) async throws -> Credentials {
        let signed = try await api.signIn(name, password)
        #expect(signed.reply.status == .ok, "\(signed.reply.body)")
        return .session(cookie: try #require(signed.cookie), csrf: signed.csrf)
    }

    private func status(_ api: API, _ credentials: Credentials) async throws -> HTTPResponse.Status {
        try await api.request(.get, "/api/v1/me", as: credentials).status
    }

    @Test("changing one's own password keeps the session it was changed from and ends the others")
    func ownChangeKeepsOnlyThisSession() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            _ = try await api.token(forNewUser: "ada", role: "examiner", admin: admin)
            let laptop = try await session(api, "ada", "a long password 1")
            let phone = try await session(api, "ada", "a long password 1")
            let someoneElse = try await session(api, "admin", api.adminPassword)

            let change = try await api.request(
                .post, "/api/v1/me/password", as: laptop,
                json: try jsonText(["current": "a long password 1", "new": "a new long password"]))
            #expect(change.status == .noContent, "\(change.body)")
            #expect(try await status(api, laptop) == .ok, "the session the password was changed from stays signed in")
            #expect(try await status(api, phone) == .unauthorized, "another session opened with the old password ends")
            #expect(try await status(api, someoneElse) == .ok, "other users' sessions are untouched")
            #expect(try await status(api, try await session(api, "ada", "a new long password")) == .ok)
        }
    }

    @Test("an administrator's password reset ends every session of that user")
    func resetEndsAllSessions() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let created = try await api.request(
                .post, "/api/v1/users", as: .token(admin),
                json: try jsonText(["username": "bob", "role": "viewer", "password": "a long password 1"]))
            let id = try #require(created.string("id"))
            let first = try await session(api, "bob", "a long password 1")
            let second = try await session(api, "bob", "a long password 1")
            let adminSession = try await session(api, "admin", api.adminPassword)

            let reset = try await api.request(
                .patch, "/api/v1/users/\(id)", as: adminSession, json: #"{"reset_password": true}"#)
            #expect(reset.status == .ok, "\(reset.body)")
            let temporary = try #require(reset.string("one_time_password"))
            #expect(try await status(api, first) == .unauthorized)
            #expect(try await status(api, second) == .unauthorized)
            #expect(try await status(api, adminSession) == .ok, "the administrator's own session stays")
            #expect(try await status(api, try await session(api, "bob", temporary)) == .ok)

            // A change of role alone ends nothing.
            let third = try await session(api, "bob", temporary)
            let role = try await api.request(.patch, "/api/v1/users/\(id)", as: .token(admin), json: #"{"role": "examiner"}"#)
            #expect(role.status == .ok, "\(role.body)")
            #expect(try await status(api, third) == .ok)
        }
    }

    @Test("an API token's last use is recorded, at most once a minute per server")
    func tokenLastUseIsRecorded() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let created = try await api.request(.post, "/api/v1/tokens", as: .token(admin), json: #"{"name":"script"}"#)
            let secret = try #require(created.string("token"))
            let id = try #require(created.string("id"))
            #expect(created["last_used_at"] == nil || created["last_used_at"] is NSNull)

            func lastUsed() async throws -> String? {
                let listed = try await api.request(.get, "/api/v1/tokens", as: .token(admin))
                let token = listed.array.compactMap { $0 as? [String: Any] }.first { $0["id"] as? String == id }
                return token?["last_used_at"] as? String
            }
            #expect(try await api.request(.get, "/api/v1/me", as: .token(secret)).status == .ok)
            let deadline = ContinuousClock.now + .seconds(10)
            var first: String? = nil
            while first == nil && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                first = try await lastUsed()
            }
            #expect(first != nil, "last_used_at is shown after the token's first request")

            // More requests within the minute write nothing more (the store keeps milliseconds).
            func stored() async throws -> Int64? {
                try await api.services.store.tokens().first { String($0.id) == id }?.lastUsedAt
            }
            let recorded = try #require(try await stored())
            try await Task.sleep(for: .milliseconds(20))
            for _ in 0..<5 { #expect(try await api.request(.get, "/api/v1/me", as: .token(secret)).status == .ok) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await stored() == recorded)
        }
    }

    @Test("the job runner's sweep deletes expired sessions, again and again")
    func expiredSessionsAreDeleted() async throws {
        try await TestServer.run { api in
            let store = api.services.store
            let admin = try #require(try await store.user(named: "admin"))
            func add(_ hash: String, expiresIn milliseconds: Int64) async throws {
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await store.createSession(SessionRecord(
                    tokenHash: hash, userID: admin.id, csrfToken: "c", createdAt: now - 10_000, expiresAt: now + milliseconds))
            }
            func stored(_ hash: String) async throws -> Bool {
                !(try await store.database.query("SELECT token_hash FROM sessions WHERE token_hash = ?", .text(hash))).isEmpty
            }
            func waitUntilDeleted(_ hash: String) async throws {
                let deadline = ContinuousClock.now + .seconds(10)
                while try await stored(hash), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(try await stored(hash) == false, "expired session \(hash) still stored")
            }

            // The server's runner sweeps when it starts and then hourly; this one sweeps often.
            var runner = JobRunner(services: api.services)
            #expect(runner.sessionSweepInterval == .seconds(3600))
            runner.sessionSweepInterval = .milliseconds(50)
            let running = Task { [runner] in try await runner.run() }
            try await add("valid", expiresIn: 3_600_000)
            try await add("expired-1", expiresIn: -1)
            try await waitUntilDeleted("expired-1")
            // Expires later: a later sweep deletes it (long enough to still be there when checked on a busy machine).
            try await add("expired-2", expiresIn: 2_000)
            #expect(try await stored("expired-2"))
            try await waitUntilDeleted("expired-2")
            #expect(try await stored("valid"))
            running.cancel()
            _ = await running.result
        }
    }
}
