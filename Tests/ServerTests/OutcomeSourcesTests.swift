import Consultation
import Conversation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Testing

@testable import Server

@Suite("Outcome items and agenda items link back to their sources")
struct OutcomeSourcesTests {
    @Test("an agenda item links an issue and a question; an outcome item links an intervention and a published submission, never a pending one")
    func sourcesAcrossModules() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let ids = try await ConversationStructureAPITests.setUp(api, admin: admin)
            let store = api.services.store
            let conversations = ConversationStore(store)
            let consultations = ConsultationStore(store)
            let conversationID = try #require(Int64(ids.conversation))

            // An intervention: an approved delegation takes and ends the floor.
            let delegate = try await store.createUser(
                username: "chile", passwordHash: api.services.hasher.hash("a long password 1"), role: .viewer, mustChangePassword: false)
            let registration = try await conversations.createRegistration(
                conversationID: conversationID, userID: delegate.id, category: .memberState, delegation: "Chile", displayName: "Delegate of Chile")
            let approved = try #require(try await conversations.decideRegistration(id: registration.id, status: .approved, decidedBy: nil))
            let panelID = try #require(Int64(ids.panel))
            let panel = try #require(try await conversations.panel(id: panelID))
            _ = try await conversations.requestFloor(panel: panel, registration: approved, kind: .floor)
            _ = try await conversations.giveFloor(panelID: panel.id)
            let intervention = try await conversations.endFloor(panelID: panel.id)

            // An issues paper with one issue and question, a call, one accepted and one pending submission.
            let paper = try await consultations.createPaper(conversationID: conversationID, title: LocalizedText(english: "Issues paper"), createdBy: nil)
            let draft = try #require(try await consultations.latestVersion(paperID: paper.id))
            _ = try await consultations.updateVersion(id: draft.id, document: VersionDocument(
                title: LocalizedText(english: "Issues paper"),
                issues: [VersionDocument.Issue(number: 1, title: LocalizedText(english: "Inventorship"), questions: [
                    VersionDocument.Question(number: 1, text: LocalizedText(english: "Should the law allow AI as inventor?"))])]))
            _ = try await consultations.publishVersion(id: draft.id)
            _ = try await consultations.setCall(versionID: draft.id, opensOn: "2000-01-01", closesOn: "2999-12-31")
            let issue = try #require(try await consultations.issues(versionID: draft.id).first)
            let question = try #require(issue.questions.first)
            let accepted = try await consultations.createSubmission(
                versionID: draft.id, userID: delegate.id, authorType: .ipOffice, authorName: "Office of Chile", text: "Comments", issueNumbers: [1])
            _ = try await consultations.decide(submissionID: accepted.id, status: .accepted, decidedBy: nil)
            let pending = try await consultations.createSubmission(
                versionID: draft.id, userID: delegate.id, authorType: .academia, authorName: "A University", text: "More", issueNumbers: [1])

            let agenda = try await api.request(
                .post, "/api/v1/sessions/\(ids.session)/agenda", as: .token(admin),
                json: try jsonText(["title": "Inventorship", "links": [["issue_id": String(issue.id), "question_id": String(question.id)]]]))
            #expect(agenda.status == .created, "\(agenda.body)")
            let link = (agenda["links"] as? [[String: Any]])?.first
            #expect(link?["issue_number"] as? Int == 1)
            #expect(link?["question_number"] as? Int == 1)

            let refused = try await api.request(
                .post, "/api/v1/conversations/\(ids.conversation)/outcomes", as: .token(admin),
                json: try jsonText(["kind": "immediate_attention", "text": "x", "sources": [["kind": "submission", "id": String(pending.id)]]]))
            #expect(refused.status == .badRequest)
            #expect(refused.errorMessage?.contains("published") == true)

            let outcome = try await api.request(
                .post, "/api/v1/conversations/\(ids.conversation)/outcomes", as: .token(admin),
                json: try jsonText([
                    "kind": "further_discussion", "text": ["en": "Should AI be named as inventor?"],
                    "sources": [["kind": "intervention", "id": String(intervention.id)], ["kind": "submission", "id": String(accepted.id)]],
                ]))
            #expect(outcome.status == .created, "\(outcome.body)")
            let hrefs = (outcome["sources"] as? [[String: Any]])?.compactMap { $0["href"] as? String }
            let interventionLink = "/sessions/\(ids.session)/archive#intervention-\(intervention.id)"
            #expect(hrefs == [interventionLink, "/submissions/\(accepted.id)"])

            let page = try await api.request(.get, "/conversations/\(ids.conversation)/outcomes", as: .none)
            #expect(page.status == .ok)
            #expect(page.body.contains("href=\"\(interventionLink)\""))
            #expect(page.body.contains("href=\"/submissions/\(accepted.id)\""))
            #expect(page.body.contains("Office of Chile"))
            let sessionPage = try await api.request(.get, "/sessions/\(ids.session)", as: .none)
            #expect(sessionPage.body.contains("Should the law allow AI as inventor?"))

            let export = try await api.request(.get, "/api/v1/sessions/\(ids.session)/agenda/export?format=csv", as: .none)
            #expect(export.body.contains("1. Inventorship"))
            #expect(export.body.contains("1.1 Should the law allow AI as inventor?"))
        }
    }
}
