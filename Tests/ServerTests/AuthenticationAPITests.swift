import Foundation
import HTTPTypes
import Testing

@testable import Server

@Suite("API: accounts, tokens, roles, CSRF, limits")
struct AuthenticationAPITests {
    @Test("the first administrator's one-time password works until it is changed")
    func firstPasswordWorksOnce() async throws {
        try await TestServer.run { api in
            let first = try await api.signIn("admin", api.adminPassword)
            #expect(first.reply.status == .ok)
            #expect(first.reply["must_change_password"] as? Bool == true)
            let cookie = try #require(first.cookie)
            let csrf = try #require(first.csrf)
            let change = try await api.request(
                .post, "/api/v1/me/password", as: .session(cookie: cookie, csrf: csrf),
                json: try jsonText(["current": api.adminPassword, "new": "a much better password"]))
            #expect(change.status == .noContent, "\(change.body)")

            let again = try await api.signIn("admin", api.adminPassword)
            #expect(again.reply.status == .unauthorized)
            #expect(again.reply.errorCode == "invalid_credentials")
            let renewed = try await api.signIn("admin", "a much better password")
            #expect(renewed.reply.status == .ok)
            #expect(renewed.reply["must_change_password"] as? Bool == false)
        }
    }

    @Test("a wrong password or unknown user gets 401 with the error JSON")
    func loginFailure() async throws {
        try await TestServer.run { api in
            for (user, password) in [("admin", "not the password"), ("nobody", "whatever it is")] {
                let attempt = try await api.signIn(user, password)
                #expect(attempt.reply.status == .unauthorized)
                #expect(attempt.reply.errorCode == "invalid_credentials")
                #expect(attempt.cookie == nil)
            }
            let anonymous = try await api.request(.get, "/api/v1/collections", as: .none)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "unauthenticated")
        }
    }

    @Test("five wrong passwords lock the name for a while, even for the right password; other names are unaffected")
    func passwordGuessingIsThrottled() async throws {
        try await TestServer.run { api in
            for _ in 0..<SignInThrottle.freeAttempts {
                #expect(try await api.signIn("admin", "a wrong guess").reply.status == .unauthorized)
            }
            let locked = try await api.signIn("admin", api.adminPassword)
            #expect(locked.reply.status == .tooManyRequests)
            #expect(locked.reply.errorCode == "too_many_sign_ins")
            #expect(locked.cookie == nil)
            #expect(try await api.signIn("someone-else", "a wrong guess").reply.status == .unauthorized)
        }
    }

    @Test("an API token authenticates until it is revoked")
    func tokenRevocation() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let created = try await api.request(.post, "/api/v1/tokens", as: .token(admin), json: #"{"name":"script"}"#)
            #expect(created.status == .created)
            let secret = try #require(created.string("token"))
            let id = try #require(created.string("id"))
            #expect(try await api.request(.get, "/api/v1/me", as: .token(secret)).status == .ok)
            let listed = try await api.request(.get, "/api/v1/tokens", as: .token(admin))
            #expect(listed.array.count == 2)
            #expect(!listed.body.contains(secret), "token secrets are shown once only")

            let revoke = try await api.request(.delete, "/api/v1/tokens/\(id)", as: .token(admin))
            #expect(revoke.status == .noContent)
            let after = try await api.request(.get, "/api/v1/me", as: .token(secret))
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "invalid_token")
            let bogus = try await api.request(.get, "/api/v1/me", as: .token("ipai_not-a-token"))
            #expect(bogus.status == .unauthorized)
            let missing = try await api.request(.delete, "/api/v1/tokens/12345", as: .token(admin))
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
        }
    }

    @Test("a viewer reads but gets 403 on changes; an examiner cannot administer")
    func roles() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let viewer = try await api.token(forNewUser: "viewer1", role: "viewer", admin: admin)
            let examiner = try await api.token(forNewUser: "examiner1", role: "examiner", admin: admin)
            #expect(try await api.request(.get, "/api/v1/collections", as: .token(viewer)).status == .ok)
            let denied = try await api.request(.post, "/api/v1/collections", as: .token(viewer), json: #"{"name":"x"}"#)
            #expect(denied.status == .forbidden)
            #expect(denied.errorCode == "forbidden")
            #expect(denied.errorMessage?.contains("examiner") == true)
            #expect(try await api.request(.post, "/api/v1/collections", as: .token(examiner), json: #"{"name":"x"}"#).status == .created)
            #expect(try await api.request(.get, "/api/v1/users", as: .token(examiner)).status == .forbidden)
            #expect(try await api.request(.get, "/api/v1/audit", as: .token(examiner)).status == .forbidden)
            let users = try await api.request(.get, "/api/v1/users", as: .token(admin))
            #expect(Set(users.array.compactMap { ($0 as? [String: Any])?["username"] as? String }) == ["admin", "viewer1", "examiner1"])
        }
    }

    @Test("a session request that changes something needs X-CSRF-Token")
    func csrf() async throws {
        try await TestServer.run { api in
            let session = try await api.signIn("admin", api.adminPassword)
            let cookie = try #require(session.cookie)
            let read = try await api.request(.get, "/api/v1/me", as: .session(cookie: cookie, csrf: nil))
            #expect(read.status == .ok)
            #expect(read.string("csrf_token") == session.csrf)
            let without = try await api.request(.post, "/api/v1/collections", as: .session(cookie: cookie, csrf: nil), json: #"{"name":"x"}"#)
            #expect(without.status == .forbidden)
            #expect(without.errorCode == "csrf")
            let wrong = try await api.request(.post, "/api/v1/collections", as: .session(cookie: cookie, csrf: "forged"), json: #"{"name":"x"}"#)
            #expect(wrong.errorCode == "csrf")
            let right = try await api.request(.post, "/api/v1/collections", as: .session(cookie: cookie, csrf: session.csrf), json: #"{"name":"x"}"#)
            #expect(right.status == .created)
            let signOut = try await api.request(.delete, "/api/v1/session", as: .session(cookie: cookie, csrf: nil))
            #expect(signOut.status == .noContent)
            #expect(try await api.request(.get, "/api/v1/me", as: .session(cookie: cookie, csrf: nil)).status == .unauthorized)
        }
    }

    @Test("a token over its rate_per_minute gets 429 with Retry-After")
    func rateLimit() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let created = try await api.request(
                .post, "/api/v1/tokens", as: .token(admin), json: #"{"name":"slow","rate_per_minute":3}"#)
            #expect(created["rate_per_minute"] as? Int == 3)
            let slow = try #require(created.string("token"))
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await api.request(.get, "/api/v1/me", as: .token(slow)).status.code) }
            #expect(statuses == [200, 200, 200, 429])
            let limited = try await api.request(.get, "/api/v1/me", as: .token(slow))
            #expect(limited.errorCode == "rate_limited")
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await api.request(.get, "/api/v1/me", as: .token(admin)).status == .ok, "other tokens are not limited")
        }
    }

    @Test("a JSON body over maxRequestBytes gets 413; malformed JSON gets 400 naming the problem")
    func bodyLimitsAndMalformedJSON() async throws {
        try await TestServer.run(configure: { $0.maxRequestBytes = 2048 }) { api in
            let admin = try await api.adminToken()
            let large = try jsonText(["name": String(repeating: "x", count: 4096)])
            let tooLarge = try await api.request(.post, "/api/v1/collections", as: .token(admin), json: large)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "payload_too_large")
            #expect(tooLarge.errorMessage?.contains("2 KiB") == true, "\(tooLarge.body)")

            let malformed = try await api.request(.post, "/api/v1/collections", as: .token(admin), json: #"{"name": "x""#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid_json")
            let wrongType = try await api.request(.post, "/api/v1/collections", as: .token(admin), json: #"{"name": 5}"#)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorMessage?.contains("'name'") == true, "\(wrongType.body)")
            let missing = try await api.request(.post, "/api/v1/tokens", as: .token(admin), json: "{}")
            #expect(missing.status == .badRequest)
            #expect(missing.errorMessage?.contains("'name'") == true, "\(missing.body)")
        }
    }

    @Test("administrators manage users: one-time passwords, roles, no self-demotion")
    func users() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let created = try await api.request(.post, "/api/v1/users", as: .token(admin), json: #"{"username":"clerk","role":"viewer"}"#)
            #expect(created.status == .created)
            #expect(created["must_change_password"] as? Bool == true)
            let password = try #require(created.string("one_time_password"))
            let id = try #require(created.string("id"))
            #expect(try await api.signIn("clerk", password).reply.status == .ok)
            let badRole = try await api.request(.post, "/api/v1/users", as: .token(admin), json: #"{"username":"x2","role":"boss"}"#)
            #expect(badRole.status == .badRequest)
            #expect(badRole.errorMessage?.contains("boss") == true)
            let duplicate = try await api.request(.post, "/api/v1/users", as: .token(admin), json: #"{"username":"clerk","role":"viewer"}"#)
            #expect(duplicate.status == .conflict)

            let changed = try await api.request(.patch, "/api/v1/users/\(id)", as: .token(admin), json: #"{"role":"examiner","disabled":true}"#)
            #expect(changed.status == .ok, "\(changed.body)")
            #expect(changed.string("role") == "examiner")
            #expect(changed["disabled"] as? Bool == true)
            #expect(try await api.signIn("clerk", password).reply.status == .unauthorized, "disabled users cannot sign in")

            let me = try await api.request(.get, "/api/v1/me", as: .token(admin))
            let selfDemotion = try await api.request(
                .patch, "/api/v1/users/\(try #require(me.string("id")))", as: .token(admin), json: #"{"role":"viewer"}"#)
            #expect(selfDemotion.status == .conflict)
            #expect(try await api.request(.patch, "/api/v1/users/999", as: .token(admin), json: "{}").status == .notFound)
            let audit = try await api.request(.get, "/api/v1/audit?limit=2", as: .token(admin))
            #expect(audit.items.count == 2)
            #expect(audit.string("next_cursor") != nil)
        }
    }
}
