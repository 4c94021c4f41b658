import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import Server

/// A conversation with a published paper (issues 1 and 2) whose call for comments is open today.
struct ConsultationFixture {
    var admin: String
    var versionID: String
    var paperID: String

    static func today(_ offset: Int = 0) -> String {
        let date = Date().addingTimeInterval(Double(offset) * 86_400)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func make(_ api: API) async throws -> ConsultationFixture {
        let admin = try await api.adminToken()
        let conversation = try await ConversationStore(api.services.store).createConversation(
            title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
        let created = try await api.request(
            .post, "/api/v1/conversations/\(conversation.id)/papers", as: .token(admin),
            json: #"{"title":{"en":"Draft issues paper"}}"#)
        #expect(created.status == .created, "\(created.body)")
        let paperID = try #require(created.string("id"))
        let versionID = try #require((created["versions"] as? [[String: Any]])?.first?["id"] as? String)
        let document = #"""
            {"title":{"en":"Draft issues paper","fr":"Projet"},"intro":{"en":"Comments invited"},
             "issues":[{"number":1,"title":{"en":"Inventorship"},"questions":[{"number":1,"text":{"en":"Should AI be an inventor?"}}]},
                       {"number":2,"title":{"en":"Data <b>rights</b>"}}]}
            """#
        let patched = try await api.request(.patch, "/api/v1/paper-versions/\(versionID)", as: .token(admin), json: document)
        #expect(patched.status == .ok, "\(patched.body)")
        let published = try await api.request(.post, "/api/v1/paper-versions/\(versionID)/publish", as: .token(admin))
        #expect(published.string("status") == "published", "\(published.body)")
        let call = try await api.request(
            .post, "/api/v1/paper-versions/\(versionID)/call", as: .token(admin),
            json: try jsonText(["opens_at": today(-1), "closes_at": today(1)]))
        #expect(call["open"] as? Bool == true, "\(call.body)")
        return ConsultationFixture(admin: admin, versionID: versionID, paperID: paperID)
    }

    func submit(_ api: API, token: String, name: String = "France", issues: [Int] = [1]) async throws -> String {
        let reply = try await api.request(
            .post, "/api/v1/paper-versions/\(versionID)/submissions", as: .token(token),
            json: try jsonText(["author_type": "member_state", "author_name": name, "text": "Our comments", "issues": issues]))
        #expect(reply.status == .created, "\(reply.body)")
        return try #require(reply.string("id"))
    }
}

@Suite("Consultation API")
struct ConsultationAPITests {
    @Test("the public reads only published submissions; the Secretariat moderates; others' decisions are refused and audited")
    func moderationFlow() async throws {
        try await TestServer.run { api in
            let fixture = try await ConsultationFixture.make(api)
            let delegate = try await api.token(forNewUser: "delegate", role: "viewer", admin: fixture.admin)
            let version = try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)", as: .none)
            #expect(version.status == .ok)
            #expect((version["issues"] as? [[String: Any]])?.map { $0["number"] as? Int } == [1, 2])

            // The public cannot send, and sending needs issues that exist.
            let anonymous = try await api.request(
                .post, "/api/v1/paper-versions/\(fixture.versionID)/submissions", as: .none,
                json: #"{"author_type":"ngo","author_name":"X","text":"t","issues":[1]}"#)
            #expect(anonymous.status == .unauthorized)
            let unknownIssue = try await api.request(
                .post, "/api/v1/paper-versions/\(fixture.versionID)/submissions", as: .token(delegate),
                json: #"{"author_type":"ngo","author_name":"X","text":"t","issues":[7]}"#)
            #expect(unknownIssue.status == .badRequest)

            let id = try await fixture.submit(api, token: delegate)
            // Pending: invisible to the public, visible to its author and the Secretariat.
            #expect(try await api.request(.get, "/api/v1/submissions/\(id)", as: .none).status == .notFound)
            #expect(try await api.request(.get, "/api/v1/submissions/\(id)", as: .token(delegate)).string("status") == "pending")
            #expect(try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)/submissions", as: .none).items.isEmpty)
            let mine = try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)/submissions?mine=true", as: .token(delegate))
            #expect(mine.items.map { $0["id"] as? String } == [id])
            let queue = try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)/submissions?status=pending", as: .token(fixture.admin))
            #expect(queue.items.map { $0["id"] as? String } == [id])
            let peek = try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)/submissions?status=pending", as: .token(delegate))
            #expect(peek.status == .forbidden)

            // A non-Secretariat decision is refused and audited.
            let forged = try await api.request(
                .post, "/api/v1/submissions/\(id)/decision", as: .token(delegate), json: #"{"status":"accepted"}"#)
            #expect(forged.status == .forbidden)
            let audit = try await api.services.store.auditLog(limit: 50).items
            #expect(audit.contains { $0.action == "refused consultation.submission.decide" && $0.target == "submission \(id)" })

            let accepted = try await api.request(
                .post, "/api/v1/submissions/\(id)/decision", as: .token(fixture.admin), json: #"{"status":"accepted"}"#)
            #expect(accepted.string("status") == "accepted", "\(accepted.body)")
            #expect(try await api.services.store.auditLog(limit: 50).items.contains { $0.action == "consultation.submission.accepted" })
            let published = try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)/submissions?issue=1", as: .none)
            #expect(published.items.map { $0["id"] as? String } == [id])
            #expect(try await api.request(.get, "/api/v1/submissions/\(id)", as: .none).status == .ok)
            let counted = try await api.request(.get, "/api/v1/paper-versions/\(fixture.versionID)", as: .none)
            #expect((counted["issues"] as? [[String: Any]])?.first?["published_submissions"] as? Int == 1)

            // A rejection needs a reason.
            let other = try await fixture.submit(api, token: delegate, name: "Spam")
            let noReason = try await api.request(
                .post, "/api/v1/submissions/\(other)/decision", as: .token(fixture.admin), json: #"{"status":"rejected"}"#)
            #expect(noReason.status == .badRequest)

            // A revised version records the sources of its issues.
            let revised = try await api.request(.post, "/api/v1/papers/\(fixture.paperID)/versions", as: .token(fixture.admin))
            #expect(revised.status == .created, "\(revised.body)")
            let revisedID = try #require(revised.string("id"))
            let sources = try await api.request(
                .put, "/api/v1/paper-versions/\(revisedID)/issues/1/sources", as: .token(fixture.admin),
                json: try jsonText(["submission_ids": [id]]))
            #expect(sources.status == .ok, "\(sources.body)")
            let draft = try await api.request(.get, "/api/v1/paper-versions/\(revisedID)", as: .token(fixture.admin))
            #expect((draft["issues"] as? [[String: Any]])?.first?["sources"] as? [String] == [id])
            // Drafts are not public.
            #expect(try await api.request(.get, "/api/v1/paper-versions/\(revisedID)", as: .none).status == .notFound)
        }
    }

    @Test("submissions outside the call's dates are refused with the dates")
    func callWindow() async throws {
        try await TestServer.run { api in
            let fixture = try await ConsultationFixture.make(api)
            let moved = try await api.request(
                .post, "/api/v1/paper-versions/\(fixture.versionID)/call", as: .token(fixture.admin),
                json: try jsonText(["opens_at": ConsultationFixture.today(3), "closes_at": ConsultationFixture.today(10)]))
            #expect(moved.status == .ok)
            let refused = try await api.request(
                .post, "/api/v1/paper-versions/\(fixture.versionID)/submissions", as: .token(fixture.admin),
                json: #"{"author_type":"ngo","author_name":"X","text":"t","issues":[1]}"#)
            #expect(refused.status == .conflict)
            #expect(refused.errorMessage?.contains(ConsultationFixture.today(3)) == true, "\(refused.body)")
        }
    }

    @Test("attachments: PDF only, by the author, downloaded as an attachment with nosniff and a sandbox")
    func attachments() async throws {
        try await TestServer.run { api in
            let fixture = try await ConsultationFixture.make(api)
            let author = try await api.token(forNewUser: "author", role: "viewer", admin: fixture.admin)
            let stranger = try await api.token(forNewUser: "stranger", role: "viewer", admin: fixture.admin)
            let id = try await fixture.submit(api, token: author)
            let path = "/api/v1/submissions/\(id)/attachment"
            let html = try await api.request(.put, path, as: .token(author), raw: "<html><script>alert(1)</script></html>")
            #expect(html.status == .badRequest)
            #expect(try await api.request(.put, path, as: .token(stranger), raw: "%PDF-1.4\n").status == .notFound)
            let pdf = try await api.request(.put, path + "?file_name=comments.pdf", as: .token(author), raw: "%PDF-1.4\nbody\n%%EOF\n")
            #expect(pdf.status == .ok, "\(pdf.body)")
            #expect((pdf["attachment"] as? [String: Any])?["file_name"] as? String == "comments.pdf")
            // Not public before publication.
            #expect(try await api.request(.get, path, as: .none).status == .notFound)
            _ = try await api.request(.post, "/api/v1/submissions/\(id)/decision", as: .token(fixture.admin), json: #"{"status":"accepted"}"#)
            let download = try await api.request(.get, path, as: .none)
            #expect(download.status == .ok)
            #expect(download.body.hasPrefix("%PDF-"))
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[.contentSecurityPolicy] == "sandbox")
            // Decided submissions keep their attachment.
            #expect(try await api.request(.put, path, as: .token(author), raw: "%PDF-1.4\n").status == .conflict)
        }
    }

    @Test("published submissions download as JSON and CSV; pending ones are left out")
    func export() async throws {
        try await TestServer.run { api in
            let fixture = try await ConsultationFixture.make(api)
            let published = try await fixture.submit(api, token: fixture.admin, name: "=HYPERLINK(\"x\")", issues: [1, 2])
            _ = try await fixture.submit(api, token: fixture.admin, name: "Pending office")
            _ = try await api.request(.post, "/api/v1/submissions/\(published)/decision", as: .token(fixture.admin), json: #"{"status":"accepted"}"#)
            let path = "/api/v1/paper-versions/\(fixture.versionID)/submissions/export"
            let json = try await api.request(.get, path + "?format=json", as: .none)
            #expect(json.status == .ok)
            let rows = json.array as? [[String: Any]] ?? []
            #expect(rows.map { $0["id"] as? String } == [published])
            #expect(rows.first?["issues"] as? [Int] == [1, 2])
            let csv = try await api.request(.get, path + "?format=csv", as: .none)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("id,version_id,author_type,author_name"))
            #expect(csv.body.contains("'=HYPERLINK"))
            #expect(!csv.body.contains("Pending office"))
            #expect(try await api.request(.get, path + "?format=xml", as: .none).status == .badRequest)
        }
    }
}
