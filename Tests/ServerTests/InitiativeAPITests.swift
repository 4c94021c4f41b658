import Foundation
import HTTPTypes
import Testing

@testable import Server

/// The index of AI initiatives through the API, as offices, the Secretariat and the public use it.
@Suite("API: AI initiatives index and surveys")
struct InitiativeAPITests {
    /// An administrator's token, a representative ("rep") of an approved office, and that office's id.
    static func approvedOffice(_ api: API, name: String = "Japan Patent Office", country: String = "JP", rep: String = "rep") async throws -> (admin: String, rep: String, office: String) {
        let admin = try await api.adminToken()
        let repToken = try await api.token(forNewUser: rep, role: "viewer", admin: admin)
        let requested = try await api.request(
            .post, "/api/v1/offices", as: .token(repToken), json: try jsonText(["name": ["en": name], "country": country, "kind": "national"]))
        #expect(requested.status == .created, "\(requested.body)")
        #expect(requested.string("status") == "pending")
        let office = try #require(requested.string("id"))
        let decided = try await api.request(.post, "/api/v1/offices/\(office)/decision", as: .token(admin), json: #"{"decision":"approved"}"#)
        #expect(decided.status == .ok, "\(decided.body)")
        #expect(decided.string("status") == "approved")
        return (admin, repToken, office)
    }

    static func addApplication(_ api: API, token: String, office: String, _ fields: [String: Any]) async throws -> String {
        let reply = try await api.request(.post, "/api/v1/offices/\(office)/applications", as: .token(token), json: try jsonText(fields))
        #expect(reply.status == .created, "\(reply.body)")
        return try #require(reply.string("id"))
    }

    @Test("the public index lists only approved offices' applications, filters them, and hides private contacts")
    func publicIndex() async throws {
        try await TestServer.run { api in
            let (admin, rep, office) = try await Self.approvedOffice(api)
            _ = try await Self.addApplication(api, token: rep, office: office, [
                "name": ["en": "IPC auto-classifier"], "category": "classification", "status": "production", "since": "2018",
                "contact_name": "Ms Sato", "contact_email": "sato@jpo.example", "contact_public": false])
            _ = try await Self.addApplication(api, token: rep, office: office, [
                "name": ["en": "Patent MT"], "description": ["en": "Neural translation of claims"], "category": "machine_translation_terminology",
                "status": "pilot", "since": "2021-06", "contact_name": "MT desk", "contact_email": "mt@jpo.example", "contact_public": true])
            // An office still waiting for approval publishes nothing, even when the requester is approved later.
            let waiting = try await api.token(forNewUser: "waiting", role: "viewer", admin: admin)
            let pending = try await api.request(.post, "/api/v1/offices", as: .token(waiting), json: #"{"name":{"en":"Pending Office"},"country":"ZZ"}"#)
            let pendingID = try #require(pending.string("id"))
            let refused = try await api.request(
                .post, "/api/v1/offices/\(pendingID)/applications", as: .token(waiting), json: #"{"name":{"en":"Hidden"},"category":"other","status":"planned"}"#)
            #expect(refused.status == .forbidden)

            let all = try await api.request(.get, "/api/v1/initiatives", as: .none)
            #expect(all.status == .ok)
            #expect(Set(all.items.compactMap { ($0["name"] as? [String: String])?["en"] }) == ["IPC auto-classifier", "Patent MT"])
            let byName = Dictionary(uniqueKeysWithValues: all.items.map { (($0["name"] as? [String: String])?["en"] ?? "", $0) })
            #expect(byName["IPC auto-classifier"]?["contact_email"] == nil, "a private contact is not shown to the public")
            #expect(byName["IPC auto-classifier"] != nil)
            #expect(byName["Patent MT"]?["contact_email"] as? String == "mt@jpo.example")
            #expect(byName["Patent MT"]?["office_id"] as? String == office)

            let filtered = try await api.request(.get, "/api/v1/initiatives?category=classification,helpdesk&country=jp", as: .none)
            #expect(filtered.items.count == 1)
            #expect((filtered.items.first?["name"] as? [String: String])?["en"] == "IPC auto-classifier")
            #expect(try await api.request(.get, "/api/v1/initiatives?q=neural", as: .none).items.count == 1)
            #expect(try await api.request(.get, "/api/v1/initiatives?since_from=2020", as: .none).items.count == 1)
            #expect(try await api.request(.get, "/api/v1/initiatives?status=retired", as: .none).items.isEmpty)
            let bad = try await api.request(.get, "/api/v1/initiatives?category=robots", as: .none)
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage?.contains("robots") == true)
            let paged = try await api.allPages("/api/v1/initiatives", limit: 1, token: admin)
            #expect(paged.items.count == 2 && paged.pages == 2)

            // Offices: the public sees approved ones; the pending one only its requester and administrators.
            let offices = try await api.request(.get, "/api/v1/offices", as: .none)
            #expect((offices.array as? [[String: Any]])?.compactMap { $0["id"] as? String } == [office])
            #expect(try await api.request(.get, "/api/v1/offices/\(pendingID)", as: .none).status == .notFound)
            #expect(try await api.request(.get, "/api/v1/offices/\(pendingID)", as: .token(waiting)).status == .ok)
            #expect(try await api.request(.get, "/api/v1/offices?status=pending", as: .token(rep)).status == .forbidden)
            let pendingList = try await api.request(.get, "/api/v1/offices?status=pending", as: .token(admin))
            #expect((pendingList.array as? [[String: Any]])?.count == 1)
        }
    }

    @Test("someone who does not represent the office cannot change or remove its applications: 403, and the refusal is audited")
    func nonRepresentativeRefused() async throws {
        try await TestServer.run { api in
            let (admin, rep, office) = try await Self.approvedOffice(api)
            let application = try await Self.addApplication(api, token: rep, office: office, ["name": ["en": "Helpdesk bot"], "category": "helpdesk", "status": "production"])
            let (_, otherRep, _) = try await Self.approvedOffice(api, name: "Other Office", country: "OO", rep: "other")
            let anonymous = try await api.request(.patch, "/api/v1/applications/\(application)", as: .none, json: #"{"status":"retired"}"#)
            #expect(anonymous.status == .unauthorized)
            let patch = try await api.request(.patch, "/api/v1/applications/\(application)", as: .token(otherRep), json: #"{"status":"retired"}"#)
            #expect(patch.status == .forbidden)
            #expect(patch.errorCode == "forbidden")
            let delete = try await api.request(.delete, "/api/v1/applications/\(application)", as: .token(otherRep))
            #expect(delete.status == .forbidden)
            let create = try await api.request(
                .post, "/api/v1/offices/\(office)/applications", as: .token(otherRep), json: #"{"name":{"en":"X"},"category":"other","status":"planned"}"#)
            #expect(create.status == .forbidden)
            let decide = try await api.request(.post, "/api/v1/offices/\(office)/decision", as: .token(otherRep), json: #"{"decision":"rejected"}"#)
            #expect(decide.status == .forbidden)

            let log = try await api.services.store.auditLog(limit: 100)
            let refusals = log.items.filter { $0.action.hasPrefix("refused initiatives.") && $0.username == "other" }
            #expect(Set(refusals.map(\.action)) == [
                "refused initiatives.application.update", "refused initiatives.application.delete", "refused initiatives.application.create",
                "refused initiatives.office.decide",
            ])
            #expect(refusals.contains { $0.target == "application \(application)" })

            // Its own representative still can.
            let own = try await api.request(.patch, "/api/v1/applications/\(application)", as: .token(rep), json: #"{"status":"retired","since":"2017-01"}"#)
            #expect(own.status == .ok, "\(own.body)")
            #expect(own.string("status") == "retired")
            #expect(own.string("name") == nil && (own["name"] as? [String: String])?["en"] == "Helpdesk bot", "fields not sent are kept")
            let badSince = try await api.request(.patch, "/api/v1/applications/\(application)", as: .token(rep), json: #"{"since":"recently"}"#)
            #expect(badSince.status == .badRequest)
            #expect(badSince.errorMessage?.contains("since") == true)
            #expect(try await api.request(.delete, "/api/v1/applications/\(application)", as: .token(admin)).status == .noContent)
        }
    }

    static var questionnaire: [[String: Any]] { [
        ["id": "q1", "kind": "single_choice", "text": ["en": "Do you use AI?", "fr": "Utilisez-vous l'IA ?"], "required": true,
         "options": [["id": "yes", "label": ["en": "Yes"]], ["id": "no", "label": ["en": "No"]]]],
        ["id": "q2", "kind": "number", "text": ["en": "Staff working on AI"]],
        ["id": "q3", "kind": "free_text", "text": ["en": "Anything else?"]],
    ] }

    @Test("survey answers are accepted only while the round is open and within its dates")
    func surveyWindow() async throws {
        try await TestServer.run { api in
            let (admin, rep, _) = try await Self.approvedOffice(api)
            let created = try await api.request(.post, "/api/v1/surveys", as: .token(admin), json: try jsonText([
                "title": ["en": "Use of AI 2025"], "opens_on": "2020-01-01", "closes_on": "2099-12-31", "questions": Self.questionnaire]))
            #expect(created.status == .created, "\(created.body)")
            let survey = try #require(created.string("id"))
            let answer = #"{"answers":{"q1":{"choices":["yes"]},"q2":{"number":3}}}"#
            #expect(try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(rep), json: answer).status == .conflict, "a draft")
            #expect(try await api.request(.get, "/api/v1/surveys/\(survey)", as: .token(rep)).status == .notFound, "drafts are not shown to offices")
            #expect(try await api.request(.post, "/api/v1/surveys/\(survey)/open", as: .token(rep)).status == .forbidden)
            let opened = try await api.request(.post, "/api/v1/surveys/\(survey)/open", as: .token(admin))
            #expect(opened.string("status") == "open")
            #expect(opened["accepts_answers"] as? Bool == true)
            // Sent: the representative sees it, with their office.
            let seen = try await api.request(.get, "/api/v1/surveys/\(survey)", as: .token(rep))
            #expect((seen["my_offices"] as? [[String: Any]])?.count == 1)
            #expect(try await api.request(.get, "/api/v1/surveys", as: .token(rep)).array.count == 1)
            #expect(try await api.request(.get, "/api/v1/surveys", as: .none).array.isEmpty)

            let stranger = try await api.token(forNewUser: "stranger", role: "viewer", admin: admin)
            let refused = try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(stranger), json: answer)
            #expect(refused.status == .forbidden)
            let unknownOption = try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(rep), json: #"{"answers":{"q1":{"choices":["maybe"]}}}"#)
            #expect(unknownOption.status == .badRequest)
            #expect(try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(rep), json: answer).status == .ok)
            let edited = try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(rep), json: #"{"answers":{"q1":{"choices":["no"]}}}"#)
            #expect(edited.status == .ok)
            #expect(try await api.request(.get, "/api/v1/surveys/\(survey)/results", as: .none).status == .forbidden, "results wait for the close")
            let questions = try await api.request(.patch, "/api/v1/surveys/\(survey)", as: .token(admin), json: #"{"questions":[]}"#)
            #expect(questions.status == .conflict, "the questions of a sent round are fixed")

            #expect(try await api.request(.post, "/api/v1/surveys/\(survey)/close", as: .token(admin)).string("status") == "closed")
            let late = try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(rep), json: answer)
            #expect(late.status == .conflict)
            #expect(late.errorMessage?.contains("closed") == true)
            let results = try await api.request(.get, "/api/v1/surveys/\(survey)/results", as: .none)
            #expect(results.status == .ok)
            #expect(results["respondents"] as? Int == 1)
            let first = (results["questions"] as? [[String: Any]])?.first
            #expect((first?["options"] as? [[String: Any]])?.map { $0["count"] as? Int } == [0, 1], "the edited answer counts, once")

            // A round whose dates are over takes no answers even while open.
            let past = try await api.request(.post, "/api/v1/surveys", as: .token(admin), json: try jsonText([
                "title": ["en": "Old round"], "opens_on": "2001-01-01", "closes_on": "2001-01-31", "questions": Self.questionnaire]))
            let pastID = try #require(past.string("id"))
            _ = try await api.request(.post, "/api/v1/surveys/\(pastID)/open", as: .token(admin))
            let outside = try await api.request(.put, "/api/v1/surveys/\(pastID)/answers", as: .token(rep), json: answer)
            #expect(outside.status == .conflict)
            #expect(outside.errorMessage?.contains("2001-01-31") == true)
        }
    }

    @Test("survey results: counts and percentages per choice, min/median/max per number, free text only for administrators unless public")
    func surveyAggregation() async throws {
        try await TestServer.run { api in
            let (admin, rep1, _) = try await Self.approvedOffice(api, name: "Office A", country: "AA", rep: "rep1")
            let (_, rep2, _) = try await Self.approvedOffice(api, name: "Office B", country: "BB", rep: "rep2")
            let (_, rep3, _) = try await Self.approvedOffice(api, name: "Office C", country: "CC", rep: "rep3")
            var questions = Self.questionnaire
            questions.append(["id": "q4", "kind": "free_text", "text": ["en": "A message to other offices"], "public_answers": true])
            let created = try await api.request(.post, "/api/v1/surveys", as: .token(admin), json: try jsonText([
                "title": ["en": "Round"], "opens_on": "2020-01-01", "closes_on": "2099-12-31", "questions": questions]))
            let survey = try #require(created.string("id"))
            _ = try await api.request(.post, "/api/v1/surveys/\(survey)/open", as: .token(admin))
            for (token, body) in [
                (rep1, #"{"answers":{"q1":{"choices":["yes"]},"q2":{"number":2},"q3":{"text":"internal note"}}}"#),
                (rep2, #"{"answers":{"q1":{"choices":["yes"]},"q2":{"number":10},"q4":{"text":"Happy to share"}}}"#),
                (rep3, #"{"answers":{"q1":{"choices":["no"]},"q2":{"number":4}}}"#),
            ] {
                let reply = try await api.request(.put, "/api/v1/surveys/\(survey)/answers", as: .token(token), json: body)
                #expect(reply.status == .ok, "\(reply.body)")
            }
            let preview = try await api.request(.get, "/api/v1/surveys/\(survey)/results", as: .token(admin))
            #expect(preview.status == .ok, "administrators see results at any time")
            _ = try await api.request(.post, "/api/v1/surveys/\(survey)/close", as: .token(admin))
            let results = try await api.request(.get, "/api/v1/surveys/\(survey)/results", as: .none)
            let byID = Dictionary(uniqueKeysWithValues: ((results["questions"] as? [[String: Any]]) ?? []).map { ($0["id"] as? String ?? "", $0) })
            #expect(results["respondents"] as? Int == 3)
            let options = byID["q1"]?["options"] as? [[String: Any]] ?? []
            #expect(options.map { $0["count"] as? Int } == [2, 1])
            let shares = options.compactMap { $0["share"] as? Double }
            #expect(shares.count == 2 && abs(shares[0] - 2.0 / 3.0) < 1e-9 && abs(shares[1] - 1.0 / 3.0) < 1e-9)
            let numbers = byID["q2"]?["numbers"] as? [String: Any]
            #expect(numbers?["min"] as? Double == 2 && numbers?["median"] as? Double == 4 && numbers?["max"] as? Double == 10)
            #expect((byID["q3"]?["texts"] as? [Any])?.isEmpty == true)
            #expect(byID["q3"]?["texts_withheld"] as? Bool == true)
            #expect((byID["q4"]?["texts"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Happy to share"])
            let full = try await api.request(.get, "/api/v1/surveys/\(survey)/results", as: .token(admin))
            let fullQ3 = ((full["questions"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "q3" }
            #expect((fullQ3?["texts"] as? [[String: Any]])?.map { $0["text"] as? String } == ["internal note"])
        }
    }

    @Test("the index downloads as JSON and CSV, with public contacts only and formula-safe cells")
    func export() async throws {
        try await TestServer.run { api in
            let (_, rep, office) = try await Self.approvedOffice(api)
            _ = try await Self.addApplication(api, token: rep, office: office, [
                "name": ["en": "=Search engine", "fr": "Moteur de recherche"], "category": "prior_art_search", "status": "production", "since": "2019",
                "contact_email": "hidden@jpo.example"])
            _ = try await Self.addApplication(api, token: rep, office: office, [
                "name": ["en": "Trademark images, logos"], "category": "figurative_element_search", "status": "pilot",
                "contact_email": "shown@jpo.example", "contact_public": true])
            let json = try await api.request(.get, "/api/v1/initiatives/export?format=json", as: .none)
            #expect(json.status == .ok)
            #expect(json.headers[.contentDisposition] == "attachment; filename=\"ai-initiatives.json\"")
            let rows = json.array as? [[String: Any]] ?? []
            #expect(rows.count == 2)
            #expect(Set(rows.compactMap { $0["name"] as? String }) == ["=Search engine", "Trademark images, logos"])
            #expect(rows.allSatisfy { $0["office"] as? String == "Japan Patent Office" && $0["country"] as? String == "JP" })
            #expect(!json.body.contains("hidden@jpo.example"))
            #expect(json.body.contains("shown@jpo.example"))
            let french = try await api.request(.get, "/api/v1/initiatives/export?format=json&lang=fr&category=prior_art_search", as: .none)
            #expect((french.array as? [[String: Any]])?.map { $0["name"] as? String } == ["Moteur de recherche"])

            let csv = try await api.request(.get, "/api/v1/initiatives/export?format=csv", as: .none)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == InitiativeExport.columns.joined(separator: ","))
            #expect(lines.count == 3)
            #expect(csv.body.contains(",'=Search engine,"), "a cell a spreadsheet would run is defused")
            #expect(csv.body.contains("\"Trademark images, logos\""))
            #expect(!csv.body.contains("hidden@jpo.example"))
            #expect(try await api.request(.get, "/api/v1/initiatives/export?format=xml", as: .none).status == .badRequest)
        }
    }
}
