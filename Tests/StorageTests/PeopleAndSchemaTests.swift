import Core
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Schema, people, sessions and tokens")
struct PeopleAndSchemaTests {
    @Test("migrations are idempotent: opening twice, or several servers at once, migrates once", arguments: Backend.allCases)
    func migrationsIdempotent(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            // Several servers starting at the same moment on a new database.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await database.open() } }
                try await group.waitForAll()
            }
            let first = try await database.open()
            let user = try await first.createUser(username: "ada", passwordHash: "h", role: .examiner, mustChangePassword: false)
            let second = try await database.open()
            try await second.migrate()
            #expect(try await second.user(id: user.id) == user)
            // And again, on the migrated database.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await database.open() } }
                try await group.waitForAll()
            }
            let versions = try await second.database.query("SELECT COUNT(*) AS n, MAX(version) AS v FROM ipai_schema")
            #expect(try versions.first?.int("n") == 1)
            #expect(try await second.userCount() == 1)
        }
    }

    @Test("users: unique names, updates; disabling a user ends its sessions", arguments: Backend.allCases)
    func users(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let ada = try await store.createUser(username: "ada", passwordHash: "h1", role: .examiner, mustChangePassword: true)
            await #expect(throws: IPAIError.self) {
                _ = try await store.createUser(username: "ada", passwordHash: "h2", role: .viewer, mustChangePassword: false)
            }
            #expect(try await store.user(named: "ada")?.id == ada.id)
            #expect(try await store.user(named: "nobody") == nil)
            try await store.updateUser(id: ada.id, role: .administrator, passwordHash: "h3", mustChangePassword: false)
            let updated = try #require(try await store.user(id: ada.id))
            #expect(updated.role == .administrator && updated.passwordHash == "h3" && !updated.mustChangePassword)

            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await store.createSession(SessionRecord(tokenHash: "s1", userID: ada.id, csrfToken: "c1", createdAt: now, expiresAt: now + 60_000))
            try await store.createSession(SessionRecord(tokenHash: "old", userID: ada.id, csrfToken: "c2", createdAt: now - 10, expiresAt: now - 1))
            let (session, user) = try #require(try await store.session(tokenHash: "s1"))
            #expect(session.csrfToken == "c1" && user.username == "ada")
            #expect(try await store.session(tokenHash: "old") == nil, "an expired session is not valid")
            try await store.deleteExpiredSessions()
            #expect(try await store.database.query("SELECT COUNT(*) AS n FROM sessions").first?.int("n") == 1)

            try await store.updateUser(id: ada.id, disabled: true)
            #expect(try await store.session(tokenHash: "s1") == nil, "a disabled user's session ends")
            #expect(try await store.users().map(\.username) == ["ada"])
        }
    }

    @Test("tokens: found by hash until revoked; last use recorded; audit log pages", arguments: Backend.allCases)
    func tokens(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let user = try await store.createUser(username: "bot", passwordHash: "h", role: .viewer, mustChangePassword: false)
            let token = try await store.createToken(userID: user.id, name: "ci", tokenHash: "th", prefix: "ipai_ab", ratePerMinute: 1200)
            let (found, owner) = try #require(try await store.token(hash: "th"))
            #expect(found.id == token.id && found.ratePerMinute == 1200 && owner.id == user.id)
            try await store.touchToken(id: token.id)
            #expect(try await store.tokens(userID: user.id).first?.lastUsedAt != nil)
            #expect(try await store.revokeToken(id: token.id))
            #expect(try await store.revokeToken(id: token.id) == false, "revoking twice changes nothing")
            #expect(try await store.token(hash: "th") == nil)
            #expect(try await store.tokens().first?.revoked == true)

            for index in 0..<7 { try await store.audit(user: user, action: "action \(index)") }
            var seen: [String] = []
            var cursor: Int64? = nil
            repeat {
                let page = try await store.auditLog(limit: 3, cursor: cursor)
                seen += page.items.map(\.action)
                cursor = page.next
            } while cursor != nil
            #expect(seen == (0..<7).reversed().map { "action \($0)" }, "newest first, each once")
        }
    }
}
