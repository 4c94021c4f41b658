import Core
import Initiatives
import Storage
import Testing
import TestSupport

@Suite("Initiatives store")
struct InitiativeStoreTests {
    static func user(_ store: Store, _ name: String) async throws -> UserRecord {
        try await store.createUser(username: name, passwordHash: "x", role: .viewer, mustChangePassword: false)
    }

    static func draft(_ name: String, _ category: UseCategory, _ status: ApplicationStatus = .production, since: String = "") -> ApplicationDraft {
        ApplicationDraft(name: LocalizedText(english: name), category: category, status: status, since: since)
    }

    @Test("a requested office and its requester wait for approval; approving the office approves them both", arguments: Backend.allCases)
    func officeApproval(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let initiatives = InitiativeStore(store)
            try await initiatives.migrate()
            let ana = try await Self.user(store, "ana")
            let office = try await initiatives.createOffice(
                name: LocalizedText(["en": "Office of Ruritania", "fr": "Office de Ruritanie"]), country: "rr", kind: .national, requestedBy: ana.id)
            #expect(office.country == "RR")
            #expect(office.status == .pending)
            #expect(try await initiatives.isRepresentative(userID: ana.id, officeID: office.id) == false)
            #expect(try await initiatives.offices().isEmpty)
            #expect(try await initiatives.pendingRepresentatives().count == 1)

            _ = try await initiatives.decideOffice(id: office.id, status: .approved, decidedBy: nil)
            #expect(try await initiatives.isRepresentative(userID: ana.id, officeID: office.id))
            #expect(try await initiatives.representedOffices(userID: ana.id).map(\.id) == [office.id])
            #expect(try await initiatives.offices().map(\.name) == [office.name])

            // A second person asks to represent the listed office: pending until decided.
            let ben = try await Self.user(store, "ben")
            let request = try await initiatives.addRepresentative(officeID: office.id, userID: ben.id)
            #expect(try await initiatives.isRepresentative(userID: ben.id, officeID: office.id) == false)
            await #expect(throws: IPAIError.self) { try await initiatives.addRepresentative(officeID: office.id, userID: ben.id) }
            _ = try await initiatives.decideRepresentative(id: request.id, status: .rejected, decidedBy: nil)
            #expect(try await initiatives.isRepresentative(userID: ben.id, officeID: office.id) == false)

            do {
                _ = try await initiatives.createOffice(name: LocalizedText(english: "X"), country: "Ruritania", kind: .national, requestedBy: nil)
                Issue.record("a country name instead of a code was accepted")
            } catch {
                #expect((error as? IPAIError)?.location?.field == "country")
            }
        }
    }

    @Test("the index lists only approved offices' applications and filters by category, status, country, words and years", arguments: Backend.allCases)
    func indexFilters(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let initiatives = InitiativeStore(store)
            try await initiatives.migrate()
            let approved = try await initiatives.createOffice(name: LocalizedText(english: "Japan Patent Office"), country: "JP", kind: .national, requestedBy: nil, approved: true)
            let regional = try await initiatives.createOffice(name: LocalizedText(english: "European Patent Office"), country: "EP", kind: .regional, requestedBy: nil, approved: true)
            let pending = try await initiatives.createOffice(name: LocalizedText(english: "Pending Office"), country: "ZZ", kind: .national, requestedBy: nil)
            _ = try await initiatives.createApplication(officeID: approved.id, Self.draft("Auto-classifier", .classification, since: "2018-04"), by: nil)
            var translation = Self.draft("Patent translation", .machineTranslationTerminology, .pilot, since: "2021")
            translation.description = LocalizedText(["en": "Neural MT for Japanese–English claims", "fr": "Traduction automatique neuronale"])
            _ = try await initiatives.createApplication(officeID: approved.id, translation, by: nil)
            _ = try await initiatives.createApplication(officeID: regional.id, Self.draft("Prior-art finder", .priorArtSearch, since: "2019"), by: nil)
            _ = try await initiatives.createApplication(officeID: pending.id, Self.draft("Hidden search", .priorArtSearch), by: nil)

            func names(_ filter: IndexFilter) async throws -> Set<String> {
                Set(try await initiatives.index(filter).items.map { $0.application.draft.name.text(in: "en") })
            }
            #expect(try await names(IndexFilter()) == ["Auto-classifier", "Patent translation", "Prior-art finder"])
            #expect(try await names(IndexFilter(categories: [.priorArtSearch])) == ["Prior-art finder"])
            #expect(try await names(IndexFilter(statuses: [.pilot])) == ["Patent translation"])
            #expect(try await names(IndexFilter(country: "jp")) == ["Auto-classifier", "Patent translation"])
            #expect(try await names(IndexFilter(officeID: regional.id)) == ["Prior-art finder"])
            #expect(try await names(IndexFilter(text: "NEURONALE")) == ["Patent translation"])
            #expect(try await names(IndexFilter(text: "european finder")) == ["Prior-art finder"])
            #expect(try await names(IndexFilter(text: "100%")) == [])
            #expect(try await names(IndexFilter(sinceFrom: 2019, sinceTo: 2020)) == ["Prior-art finder"])
            #expect(try await names(IndexFilter(sinceFrom: 2019)) == ["Patent translation", "Prior-art finder"])

            let counts = Dictionary(uniqueKeysWithValues: try await initiatives.categoryCounts(IndexFilter(categories: [.helpdesk])))
            #expect(counts[.priorArtSearch] == 1)
            #expect(counts[.classification] == 1)
            #expect(counts[.helpdesk] == 0)

            // Pages of one follow each other without repeats.
            let first = try await initiatives.index(IndexFilter(), limit: 2)
            let second = try await initiatives.index(IndexFilter(), limit: 2, cursor: first.next)
            #expect(first.items.count == 2 && second.items.count == 1 && second.next == nil)
            #expect(try await initiatives.allIndexEntries(IndexFilter()).count == 3)

            await #expect(throws: IPAIError.self) {
                try await initiatives.createApplication(officeID: approved.id, Self.draft("Bad", .helpdesk, since: "last year"), by: nil)
            }
        }
    }

    @Test("answers are accepted only while the round is open and within its dates; results aggregate them", arguments: Backend.allCases)
    func surveyWindowAndResults(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let initiatives = InitiativeStore(store)
            try await initiatives.migrate()
            var offices: [OfficeRecord] = []
            for (index, code) in ["AA", "BB", "CC", "DD"].enumerated() {
                offices.append(try await initiatives.createOffice(
                    name: LocalizedText(english: "Office \(index)"), country: code, kind: .national, requestedBy: nil, approved: true))
            }
            let questions = [
                SurveyQuestion(id: "uses", kind: .multipleChoice, text: LocalizedText(english: "Uses"), options: [
                    .init(id: "cls", label: LocalizedText(english: "Classification")), .init(id: "mt", label: LocalizedText(english: "Translation")),
                ], required: true),
                SurveyQuestion(id: "staff", kind: .number, text: LocalizedText(english: "Staff")),
                SurveyQuestion(id: "plans", kind: .freeText, text: LocalizedText(english: "Plans")),
                SurveyQuestion(id: "quotes", kind: .freeText, text: LocalizedText(english: "Quotes"), publicAnswers: true),
            ]
            let survey = try await initiatives.createSurvey(
                title: LocalizedText(english: "AI survey 2025"), opensOn: "2025-03-01", closesOn: "2025-03-31", questions: questions, createdBy: nil)
            let answer: [String: SurveyAnswer] = ["uses": SurveyAnswer(choices: ["cls"])]
            await #expect(throws: IPAIError.self, "a draft takes no answers") {
                try await initiatives.saveAnswers(surveyID: survey.id, officeID: offices[0].id, answers: answer, by: nil, day: "2025-03-10")
            }
            _ = try await initiatives.openSurvey(id: survey.id)
            await #expect(throws: IPAIError.self, "questions of a sent round are fixed") {
                try await initiatives.updateSurvey(id: survey.id, questions: Array(questions.prefix(1)))
            }
            for day in ["2025-02-28", "2025-04-01"] {
                do {
                    _ = try await initiatives.saveAnswers(surveyID: survey.id, officeID: offices[0].id, answers: answer, by: nil, day: day)
                    Issue.record("answer on \(day) accepted")
                } catch {
                    #expect((error as? IPAIError)?.code == .conflict)
                }
            }
            await #expect(throws: IPAIError.self, "a required question") {
                try await initiatives.saveAnswers(surveyID: survey.id, officeID: offices[0].id, answers: [:], by: nil, day: "2025-03-10")
            }
            await #expect(throws: IPAIError.self, "an unknown option") {
                try await initiatives.saveAnswers(surveyID: survey.id, officeID: offices[0].id, answers: ["uses": SurveyAnswer(choices: ["x"])], by: nil, day: "2025-03-10")
            }
            let sets: [[String: SurveyAnswer]] = [
                ["uses": SurveyAnswer(choices: ["cls", "mt"]), "staff": SurveyAnswer(number: 4), "plans": SurveyAnswer(text: "secret plan")],
                ["uses": SurveyAnswer(choices: ["cls"]), "staff": SurveyAnswer(number: 10), "quotes": SurveyAnswer(text: "AI helps")],
                ["uses": SurveyAnswer(choices: ["mt"]), "staff": SurveyAnswer(number: 1)],
                ["uses": SurveyAnswer(choices: ["cls"]), "staff": SurveyAnswer(number: 7)],
            ]
            // The first office first answers otherwise, then edits its answer: one answer per office counts.
            _ = try await initiatives.saveAnswers(surveyID: survey.id, officeID: offices[0].id, answers: answer, by: nil, day: "2025-03-01")
            for (office, answers) in zip(offices, sets) {
                _ = try await initiatives.saveAnswers(surveyID: survey.id, officeID: office.id, answers: answers, by: nil, day: "2025-03-31")
            }
            let results = try await initiatives.results(surveyID: survey.id, includePrivateTexts: false)
            #expect(results.respondents == 4)
            let uses = results.questions[0]
            #expect(uses.options.map(\.count) == [3, 2])
            #expect(uses.options.map(\.share) == [0.75, 0.5])
            #expect(results.questions[1].numbers == QuestionResult.NumberSummary(minimum: 1, median: 5.5, maximum: 10))
            #expect(results.questions[2].texts.isEmpty && results.questions[2].textsWithheld)
            #expect(results.questions[3].texts.map(\.text) == ["AI helps"])
            let full = try await initiatives.results(surveyID: survey.id, includePrivateTexts: true)
            #expect(full.questions[2].texts.map(\.text) == ["secret plan"])

            _ = try await initiatives.closeSurvey(id: survey.id)
            await #expect(throws: IPAIError.self, "a closed round takes no answers") {
                try await initiatives.saveAnswers(surveyID: survey.id, officeID: offices[0].id, answers: answer, by: nil, day: "2025-03-10")
            }
        }
    }
}
