import Conversation
import Consultation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Testing

@testable import Server

@Suite("Consultation pages")
struct ConsultationPageTests {
    /// A published paper with an open call, and an accepted submission whose fields hold markup.
    static func published(_ store: Store) async throws -> (version: PaperVersionRecord, submission: SubmissionRecord) {
        let conversation = try await ConversationStore(store).createConversation(title: LocalizedText(english: "Conversation"), createdBy: nil)
        let consultations = ConsultationStore(store)
        let paper = try await consultations.createPaper(conversationID: conversation.id, title: LocalizedText(english: "Issues <paper>"), createdBy: nil)
        let draft = try #require(try await consultations.latestVersion(paperID: paper.id))
        _ = try await consultations.updateVersion(id: draft.id, document: VersionDocument(
            title: LocalizedText(english: "Issues <paper>"),
            issues: [.init(number: 1, title: LocalizedText(english: "Inventorship <i>"), questions: [.init(number: 1, text: LocalizedText(english: "Q?"))])]))
        let version = try await consultations.publishVersion(id: draft.id)
        let today = ConsultationStore.day(ofMilliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        try await consultations.setCall(versionID: version.id, opensOn: today, closesOn: today)
        let submission = try await consultations.createSubmission(
            versionID: version.id, userID: nil, authorType: .ngo, authorName: "<script>alert(1)</script>", text: "Line <b>one</b>\nLine two",
            issueNumbers: [1])
        _ = try await consultations.decide(submissionID: submission.id, status: .accepted, decidedBy: nil)
        return (version, try #require(try await consultations.version(id: version.id)).isPublished ? submission : submission)
    }

    @Test("public pages show the paper and published submissions with all user text escaped")
    func escapedPublicPages() async throws {
        try await WebTestServer.run { web in
            let (version, submission) = try await Self.published(web.services.store)
            let paper = try await web.send(.get, "/papers/\(version.paperID)")
            #expect(paper.status == .ok)
            #expect(paper.body.contains("Inventorship &lt;i&gt;"))
            #expect(paper.body.contains("Issues &lt;paper&gt;"))
            #expect(!paper.body.contains("<paper>"))
            let page = try await web.send(.get, "/submissions/\(submission.id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(page.body.contains("Line &lt;b&gt;one&lt;/b&gt;"))
            let list = try await web.send(.get, "/paper-versions/\(version.id)/submissions?issue=1")
            #expect(list.body.contains("data-submission=\"\(submission.id)\""))
            let index = try await web.send(.get, "/consultations")
            #expect(index.body.contains("/papers/\(version.paperID)"))
        }
    }

    @Test("the moderation queue is the Secretariat's; a signed-in user's page form sends a submission; a forged form is refused")
    func moderationAndSubmitForms() async throws {
        try await WebTestServer.run { web in
            let (version, _) = try await Self.published(web.services.store)
            let viewer = try await web.session(role: .viewer, name: "delegate")
            let queue = try await web.send(.get, "/paper-versions/\(version.id)/moderation", cookies: ["ipai_session": viewer])
            #expect(queue.status == .forbidden)

            let form = try await web.send(.get, "/paper-versions/\(version.id)/submit", cookies: ["ipai_session": viewer])
            let token = try #require(form.formToken)
            let fields = [("author_type", "academia"), ("author_name", "University"), ("text", "Comment"), ("issues", "1")]
            let forged = try await web.send(.post, "/paper-versions/\(version.id)/submit", cookies: ["ipai_session": viewer], form: fields)
            #expect(forged.status == .forbidden)
            let sent = try await web.send(
                .post, "/paper-versions/\(version.id)/submit", cookies: ["ipai_session": viewer], form: fields + [("_csrf", token)])
            #expect(sent.status == .seeOther, "\(sent.body)")
            let location = try #require(sent.location)
            let own = try await web.send(.get, location, cookies: ["ipai_session": viewer])
            #expect(own.body.contains("data-status=\"pending\""))
            // No issue ticked: the form comes back with the message and the text kept.
            let missing = try await web.send(
                .post, "/paper-versions/\(version.id)/submit", cookies: ["ipai_session": viewer],
                form: [("author_type", "academia"), ("author_name", "University"), ("text", "Kept text"), ("_csrf", token)])
            #expect(missing.status == .ok)
            #expect(missing.body.contains("at least one issue") && missing.body.contains("Kept text"))
            let audit = try await web.services.store.auditLog(limit: 50).items
            #expect(audit.contains { $0.action == "refused consultation.queue.read" })
            #expect(audit.contains { $0.action == "refused consultation.submission.create" })
        }
    }
}
