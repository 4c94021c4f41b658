import Core
import Foundation
import Initiatives
import Storage
import Testing

@testable import Server

/// The pages of the index of AI initiatives, used as a browser without JavaScript would.
@Suite("Web: AI initiatives pages")
struct InitiativeWebTests {
    /// Signs in `name` with `role`; returns the cookie jar and the CSRF token of their forms.
    static func signIn(_ web: WebClient, _ name: String, role: Role) async throws -> ([String: String], String) {
        let cookies = ["ipai_session": try await web.session(role: role, name: name)]
        let page = try await web.send(.get, "/initiatives/my-office", cookies: cookies)
        return (cookies, try #require(page.formToken))
    }

    @Test("an office is requested, approved and described through the pages; the public index shows it, escaped, with a chart")
    func officeLifecycle() async throws {
        try await WebTestServer.run { web in
            let (rep, repToken) = try await Self.signIn(web, "rep", role: .viewer)
            let (admin, adminToken) = try await Self.signIn(web, "secretariat", role: .administrator)
            let requested = try await web.send(.post, "/initiatives/my-office/offices", cookies: rep, form: [
                ("_csrf", repToken), ("name_en", "Office <b>of</b> Ruritania"), ("name_fr", "Office de Ruritanie"), ("country", "rr"), ("kind", "national")])
            #expect(requested.status == .seeOther)
            #expect(requested.location == "/initiatives/my-office?done=requested")
            let initiatives = InitiativeStore(web.services.store)
            let office = try #require(try await initiatives.offices(status: .pending).first)
            #expect(office.country == "RR")

            // Not yet public; the representative waits.
            #expect(try await web.send(.get, "/initiatives/offices/\(office.id)").status == .notFound)
            #expect(try await web.send(.get, "/initiatives/my-office", cookies: rep).body.contains("waiting for approval"))

            let adminPage = try await web.send(.get, "/initiatives/admin", cookies: admin)
            #expect(adminPage.status == .ok)
            #expect(adminPage.body.contains("Office &lt;b&gt;of&lt;/b&gt; Ruritania"))
            let approved = try await web.send(
                .post, "/initiatives/admin/offices/\(office.id)/decision", cookies: admin, form: [("_csrf", adminToken), ("decision", "approved")])
            #expect(approved.location == "/initiatives/admin?done=decided")
            #expect(try await initiatives.isRepresentative(userID: try #require(try await web.services.store.user(named: "rep")).id, officeID: office.id))

            let added = try await web.send(.post, "/initiatives/offices/\(office.id)/applications", cookies: rep, form: [
                ("_csrf", repToken), ("name_en", "<script>alert(1)</script> classifier"), ("category", "classification"), ("status", "production"),
                ("since", "2019-04"), ("contact_name", "Ms Ruri"), ("contact_email", "ruri@office.example")])
            #expect(added.location == "/initiatives/my-office?done=saved")
            let bad = try await web.send(.post, "/initiatives/offices/\(office.id)/applications", cookies: rep, form: [
                ("_csrf", repToken), ("name_en", "Bad"), ("category", "classification"), ("status", "production"), ("since", "soon")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("field &#39;since&#39;"))

            let index = try await web.send(.get, "/initiatives")
            #expect(index.status == .ok)
            #expect(index.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; classifier"))
            #expect(!index.body.contains("<script>alert(1)"))
            #expect(index.body.contains("id=\"initiatives-by-category\""), "the chart of counts per category")
            #expect(index.body.contains("Classification (1)"))
            #expect(!index.body.contains("ruri@office.example"), "the contact was not made public")
            #expect(!index.body.contains("name=\"_csrf\""), "the public index has no change forms")
            let filtered = try await web.send(.get, "/initiatives?category=helpdesk")
            #expect(filtered.body.contains("No AI application matches"))
            #expect(filtered.body.contains("/api/v1/initiatives/export?format=csv&amp;lang=en&amp;category=helpdesk"))
            let officePage = try await web.send(.get, "/initiatives/offices/\(office.id)")
            #expect(officePage.status == .ok)
            #expect(officePage.body.contains("Office &lt;b&gt;of&lt;/b&gt; Ruritania"))
            let french = try await web.send(.get, "/initiatives/offices/\(office.id)?lang=fr", cookies: rep)
            #expect(french.status == .ok)
        }
    }

    @Test("a forged form post, a viewer on the administration page and a stranger editing an application are refused and audited")
    func refusals() async throws {
        try await WebTestServer.run { web in
            let initiatives = InitiativeStore(web.services.store)
            let office = try await initiatives.createOffice(name: LocalizedText(english: "Office"), country: "OF", kind: .national, requestedBy: nil, approved: true)
            let application = try await initiatives.createApplication(
                officeID: office.id, ApplicationDraft(name: LocalizedText(english: "Bot"), category: .helpdesk, status: .production), by: nil)
            let (stranger, token) = try await Self.signIn(web, "stranger", role: .examiner)

            let forged = try await web.send(.post, "/initiatives/applications/\(application.id)", cookies: stranger, form: [("name_en", "Hacked"), ("category", "other"), ("status", "retired")])
            #expect(forged.status == .forbidden)
            let stray = try await web.send(.post, "/initiatives/applications/\(application.id)", cookies: stranger, form: [("_csrf", token), ("name_en", "Hacked"), ("category", "other"), ("status", "retired")])
            #expect(stray.status == .forbidden)
            let removal = try await web.send(.post, "/initiatives/applications/\(application.id)/delete", cookies: stranger, form: [("_csrf", token)])
            #expect(removal.status == .forbidden)
            #expect(try await initiatives.application(id: application.id)?.draft.name.text(in: "en") == "Bot")
            let adminPage = try await web.send(.get, "/initiatives/admin", cookies: stranger)
            #expect(adminPage.status == .forbidden)
            let approve = try await web.send(.post, "/initiatives/admin/surveys", cookies: stranger, form: [("_csrf", token), ("title_en", "Mine")])
            #expect(approve.status == .forbidden)
            let anonymous = try await web.send(.get, "/initiatives/my-office")
            #expect(anonymous.status == .seeOther, "sign in first")

            let log = try await web.services.store.auditLog(limit: 100).items.filter { $0.username == "stranger" }
            #expect(log.contains { $0.action == "refused initiatives.application.update" && $0.details.contains("CSRF") })
            #expect(log.contains { $0.action == "refused initiatives.application.update" && $0.details.contains("representatives") })
            #expect(log.contains { $0.action == "refused initiatives.application.delete" })
            #expect(log.contains { $0.action == "refused initiatives.admin.view" })
            #expect(log.contains { $0.action == "refused initiatives.survey.create" })
        }
    }

    @Test("a survey round is written, sent, answered and closed through the pages; its results page shows charts to everyone")
    func surveyThroughPages() async throws {
        try await WebTestServer.run { web in
            let initiatives = InitiativeStore(web.services.store)
            let (admin, adminToken) = try await Self.signIn(web, "secretariat", role: .administrator)
            let (rep, repToken) = try await Self.signIn(web, "rep", role: .viewer)
            let office = try await initiatives.createOffice(name: LocalizedText(english: "Office A"), country: "AA", kind: .national, requestedBy: nil, approved: true)
            let repUser = try #require(try await web.services.store.user(named: "rep"))
            _ = try await initiatives.addRepresentative(officeID: office.id, userID: repUser.id, approved: true)

            let created = try await web.send(.post, "/initiatives/admin/surveys", cookies: admin, form: [
                ("_csrf", adminToken), ("title_en", "AI use 2025"), ("opens_on", "2020-01-01"), ("closes_on", "2099-12-31"),
                ("questionnaire_en", "single*: Do you use AI? | Yes | No\nnumber: Staff on AI\ntext public: Advice to others"),
                ("questionnaire_fr", "Utilisez-vous l'IA ? | Oui | Non\nPersonnel\nConseils")])
            #expect(created.location == "/initiatives/admin?done=surveyCreated")
            let survey = try #require(try await initiatives.surveys().first)
            #expect(survey.questions.map(\.kind) == [.singleChoice, .number, .freeText])
            #expect(survey.questions[0].required && survey.questions[2].publicAnswers)
            #expect(survey.questions[0].options.map { $0.label.text(in: "fr") } == ["Oui", "Non"])
            let badQuestionnaire = try await web.send(.post, "/initiatives/admin/surveys", cookies: admin, form: [
                ("_csrf", adminToken), ("title_en", "Bad"), ("opens_on", "2020-01-01"), ("closes_on", "2099-12-31"), ("questionnaire_en", "poll: what?")])
            #expect(badQuestionnaire.status == .badRequest)

            #expect(!(try await web.send(.get, "/initiatives/my-office", cookies: rep).body.contains("AI use 2025")), "a draft is not sent")
            let opened = try await web.send(.post, "/initiatives/admin/surveys/\(survey.id)/open", cookies: admin, form: [("_csrf", adminToken)])
            #expect(opened.location == "/initiatives/admin?done=surveyOpened")
            let mine = try await web.send(.get, "/initiatives/my-office", cookies: rep)
            #expect(mine.body.contains("AI use 2025"), "the open round is listed with a notice")
            #expect(mine.body.contains("/initiatives/surveys/\(survey.id)/answer?office_id=\(office.id)"))
            let form = try await web.send(.get, "/initiatives/surveys/\(survey.id)/answer?office_id=\(office.id)", cookies: rep)
            #expect(form.status == .ok)
            #expect(form.body.contains("type=\"radio\""))
            let answered = try await web.send(.post, "/initiatives/surveys/\(survey.id)/answer", cookies: rep, form: [
                ("_csrf", repToken), ("office_id", String(office.id)), ("q_q1", "o1"), ("q_q2", "12"), ("q_q3", "Start <small>")])
            #expect(answered.location == "/initiatives/my-office?done=answered")
            let notANumber = try await web.send(.post, "/initiatives/surveys/\(survey.id)/answer", cookies: rep, form: [
                ("_csrf", repToken), ("office_id", String(office.id)), ("q_q1", "o1"), ("q_q2", "twelve")])
            #expect(notANumber.status == .badRequest)

            let early = try await web.send(.get, "/initiatives/surveys/\(survey.id)")
            #expect(early.body.contains("published when the round closes"))
            _ = try await web.send(.post, "/initiatives/admin/surveys/\(survey.id)/close", cookies: admin, form: [("_csrf", adminToken)])
            let late = try await web.send(.post, "/initiatives/surveys/\(survey.id)/answer", cookies: rep, form: [
                ("_csrf", repToken), ("office_id", String(office.id)), ("q_q1", "o2")])
            #expect(late.status == .badRequest)
            #expect(late.body.contains("closed"))

            let results = try await web.send(.get, "/initiatives/surveys/\(survey.id)")
            #expect(results.status == .ok)
            #expect(results.body.contains("id=\"chart-q1\""))
            #expect(results.body.contains("Yes (1)"))
            #expect(results.body.contains("<dd>12</dd>"))
            #expect(results.body.contains("Start &lt;small&gt;"))
            #expect(try await web.send(.get, "/initiatives/surveys").body.contains("AI use 2025"))
        }
    }

    @Test("every message key the initiatives pages use is in initiatives.en.json")
    func catalogueComplete() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalogue = try JSONSerialization.jsonObject(
            with: Data(contentsOf: root.appendingPathComponent("Sources/Server/Resources/Localization/initiatives.en.json"))) as? [String: String] ?? [:]
        let folder = root.appendingPathComponent("Sources/Server/Initiatives")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let pattern = try NSRegularExpression(pattern: "\"(initiatives\\.[A-Za-z]+\\.[A-Za-z]+)\"")
        var used: Set<String> = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        let actions: Set<String> = used.filter { key in ["office", "representative", "application", "survey", "admin", "offices"].contains { key.hasPrefix("initiatives.\($0).") } && catalogue[key] == nil }
        #expect(used.count > 60)
        #expect(used.subtracting(catalogue.keys).subtracting(actions).sorted() == [])
        for prefix in ["category", "status"] {
            let values = prefix == "category" ? UseCategory.allCases.map(\.rawValue) : ApplicationStatus.allCases.map(\.rawValue)
            for value in values { #expect(catalogue["initiatives.\(prefix).\(value)"] != nil, "\(prefix) \(value)") }
        }
        for value in ApprovalStatus.allCases { #expect(catalogue["initiatives.approval.\(value.rawValue)"] != nil) }
        for value in SurveyStatus.allCases { #expect(catalogue["initiatives.surveyStatus.\(value.rawValue)"] != nil) }
    }
}
