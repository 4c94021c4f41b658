import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@testable import Server

/// Signs a new account up through the API: its session cookie and CSRF token.
func participationSignUp(_ api: API, _ name: String, password: String = "a long password 12") async throws -> (cookie: String, csrf: String) {
    let reply = try await api.request(.post, "/api/v1/accounts", as: .none, json: try jsonText(["username": name, "password": password]))
    #expect(reply.status == .created, "\(reply.body)")
    let header = try #require(reply.headers[.setCookie])
    let range = try #require(header.range(of: "ipai_session="))
    let cookie = String(header[range.upperBound...].prefix { $0 != ";" })
    return (cookie, try #require(reply.string("csrf_token")))
}

@Suite("Sign-up: accounts people create themselves")
struct SignUpTests {
    @Test("POST /api/v1/accounts creates a signed-in viewer; short passwords, bad names and taken names are refused")
    func apiSignUp() async throws {
        try await TestServer.run { api in
            let (cookie, csrf) = try await participationSignUp(api, "delegate.fr")
            let me = try await api.request(.get, "/api/v1/me", as: .session(cookie: cookie, csrf: nil))
            #expect(me.status == .ok)
            #expect(me.string("username") == "delegate.fr")
            #expect(me.string("role") == "viewer")
            #expect(!csrf.isEmpty)

            let short = try await api.request(.post, "/api/v1/accounts", as: .none, json: #"{"username":"shorty","password":"eleven char"}"#)
            #expect(short.status == .badRequest)
            #expect(short.errorMessage?.contains("12 characters") == true)
            let badName = try await api.request(.post, "/api/v1/accounts", as: .none, json: #"{"username":"<script>","password":"a long password 12"}"#)
            #expect(badName.status == .badRequest)
            #expect(badName.errorMessage?.contains("username") == true)
            let taken = try await api.request(.post, "/api/v1/accounts", as: .none, json: #"{"username":"delegate.fr","password":"a long password 12"}"#)
            #expect(taken.status == .conflict)
            #expect(try await api.services.store.user(named: "shorty") == nil)
        }
    }

    @Test("a client address gets at most 10 sign-ups an hour on a server, then 429 with Retry-After")
    func signUpLimit() async throws {
        try await TestServer.run { api in
            for index in 1...SignUpLimiter.defaultPerHour {
                _ = try await participationSignUp(api, "person\(index)")
            }
            let refused = try await api.request(.post, "/api/v1/accounts", as: .none, json: #"{"username":"one.more","password":"a long password 12"}"#)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorCode == "too_many_sign_ups")
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try await api.services.store.user(named: "one.more") == nil)
        }
        // The limiter itself: counted per address, freed after its window.
        let limiter = SignUpLimiter(perHour: 2, window: .seconds(3600))
        let start = ContinuousClock.now
        #expect(limiter.take("10.0.0.1", now: start) == nil)
        #expect(limiter.take("10.0.0.1", now: start) == nil)
        #expect(limiter.take("10.0.0.1", now: start) != nil)
        #expect(limiter.take("10.0.0.2", now: start) == nil)
        #expect(limiter.take("10.0.0.1", now: start + .seconds(3601)) == nil)
    }

    @Test("the sign-up page creates the account and signs in; a forged post is refused and logged")
    func signUpPage() async throws {
        try await WebTestServer.run { web in
            let page = try await web.send(.get, "/signup?next=%2Fconversations%2F5%2Fregister")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"signup-form\""))
            let csrfCookie = try #require(page.cookie(LoginCSRF.cookieName))
            let token = try #require(page.formToken)

            let forged = try await web.send(
                .post, "/signup", form: [("_csrf", "guessed-token-guessed-token"), ("username", "mallory"), ("password", "a long password 12"), ("confirm", "a long password 12")])
            #expect(forged.status == .forbidden)
            #expect(try await web.services.store.user(named: "mallory") == nil)
            let audit = try await web.services.store.auditLog(limit: 20).items
            #expect(audit.contains { $0.action == "refused sign up" && $0.target == "mallory" })

            let mismatch = try await web.send(
                .post, "/signup", cookies: [LoginCSRF.cookieName: csrfCookie],
                form: [("_csrf", token), ("username", "jeanne"), ("password", "a long password 12"), ("confirm", "another password 12")])
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.body.contains("The two passwords differ"))

            let created = try await web.send(
                .post, "/signup", cookies: [LoginCSRF.cookieName: csrfCookie],
                form: [("_csrf", token), ("username", "jeanne"), ("password", "a long password 12"), ("confirm", "a long password 12"),
                       ("next", "/conversations/5/register")])
            #expect(created.status == .seeOther)
            #expect(created.location == "/conversations/5/register")
            let session = try #require(created.cookie("ipai_session"))
            let me = try await web.send(.get, "/api/v1/me", cookies: ["ipai_session": session])
            #expect(me.body.contains("\"username\":\"jeanne\""))
        }
    }
}
