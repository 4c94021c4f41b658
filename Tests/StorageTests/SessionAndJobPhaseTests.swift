import Core
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Sessions after password changes; token use; finished jobs' phase")
struct SessionAndJobPhaseTests {
    private func session(_ store: Store, _ hash: String, user: Int64, expiresIn milliseconds: Int64 = 3_600_000) async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await store.createSession(SessionRecord(
            tokenHash: hash, userID: user, csrfToken: "csrf", createdAt: now, expiresAt: now + milliseconds))
    }

    private func exists(_ store: Store, _ hash: String) async throws -> Bool {
        !(try await store.database.query("SELECT token_hash FROM sessions WHERE token_hash = ?", .text(hash))).isEmpty
    }

    @Test("a new password ends the user's sessions: all of them, or all but the one kept", arguments: Backend.allCases)
    func passwordChangeEndsSessions(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let ada = try await store.createUser(username: "ada", passwordHash: "h1", role: .examiner, mustChangePassword: false)
            let bob = try await store.createUser(username: "bob", passwordHash: "h1", role: .viewer, mustChangePassword: false)
            for hash in ["ada-1", "ada-2", "ada-3"] { try await session(store, hash, user: ada.id) }
            try await session(store, "bob-1", user: bob.id)

            try await store.updateUser(id: ada.id, role: .administrator)
            #expect(try await store.session(tokenHash: "ada-1") != nil, "a change without a new password ends nothing")

            try await store.updateUser(id: ada.id, passwordHash: "h2", mustChangePassword: false, keepingSession: "ada-2")
            #expect(try await store.session(tokenHash: "ada-1") == nil)
            #expect(try await store.session(tokenHash: "ada-2") != nil, "the session the change came from stays")
            #expect(try await store.session(tokenHash: "ada-3") == nil)
            #expect(try await store.session(tokenHash: "bob-1") != nil, "other users keep theirs")
            #expect(try await store.user(id: ada.id)?.passwordHash == "h2")

            try await store.updateUser(id: ada.id, passwordHash: "h3", mustChangePassword: true)
            #expect(try await store.session(tokenHash: "ada-2") == nil, "a reset ends every session")
            #expect(try await store.session(tokenHash: "bob-1") != nil)
        }
    }

    @Test("expired sessions are deleted, live ones kept; a token's use is recorded", arguments: Backend.allCases)
    func expiredSessionsAndTokenUse(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let ada = try await store.createUser(username: "ada", passwordHash: "h", role: .examiner, mustChangePassword: false)
            try await session(store, "old", user: ada.id, expiresIn: -1)
            try await session(store, "live", user: ada.id)
            try await store.deleteExpiredSessions()
            #expect(try await exists(store, "old") == false)
            #expect(try await exists(store, "live"))

            let token = try await store.createToken(userID: ada.id, name: "t", tokenHash: "th", prefix: "ipai_abcd", ratePerMinute: 60)
            #expect(try await store.token(hash: "th")?.0.lastUsedAt == nil)
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            try await store.touchToken(id: token.id)
            let used = try #require(try await store.token(hash: "th")?.0.lastUsedAt)
            #expect(used >= before - 5)
        }
    }

    @Test("a finished job keeps the phase it ended in; done is always at progress 1", arguments: Backend.allCases)
    func finishedJobPhase(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let done = try await store.enqueueJob(kind: .importDocuments, collectionID: nil, parameters: "{}", createdBy: nil)
            _ = try #require(try await store.claimJob(instance: "a"))
            _ = try await store.reportProgress(jobID: done.id, progress: 0.1, phase: "starting")
            try await store.finishJob(jobID: done.id, status: .done, message: "ok", phase: "importing")
            let finished = try #require(try await store.job(id: done.id))
            #expect(finished.status == .done && finished.phase == "importing" && finished.progress == 1)

            let failed = try await store.enqueueJob(kind: .importDocuments, collectionID: nil, parameters: "{}", createdBy: nil)
            _ = try #require(try await store.claimJob(instance: "a"))
            try await store.finishJob(jobID: failed.id, status: .failed, message: "bad record", progress: 0.2, phase: "checking")
            let failure = try #require(try await store.job(id: failed.id))
            #expect(failure.status == .failed && failure.phase == "checking" && failure.progress == 0.2)

            let kept = try await store.enqueueJob(kind: .importDocuments, collectionID: nil, parameters: "{}", createdBy: nil)
            _ = try #require(try await store.claimJob(instance: "a"))
            _ = try await store.reportProgress(jobID: kept.id, progress: 0.5, phase: "importing")
            try await store.finishJob(jobID: kept.id, status: .cancelled, message: "cancelled")
            let cancelled = try #require(try await store.job(id: kept.id))
            #expect(cancelled.phase == "importing" && cancelled.progress == 0.5, "without a phase, the last report's stays")

            try await store.finishJob(jobID: done.id, status: .failed, message: "late", phase: "other")
            #expect(try await store.job(id: done.id)?.phase == "importing", "an ended job keeps its outcome")
        }
    }
}
