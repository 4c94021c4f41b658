import Core
import Foundation
import Hummingbird
import Initiatives
import Storage

extension WebRoutes {
    /// The pages of the index of AI initiatives and its surveys. The index, office pages and finished
    /// rounds' results are public and read-only; every form checks rights and its CSRF token on the server.
    func addInitiativeRoutes(to pages: RouterGroup<AppRequestContext>) {
        let initiatives = InitiativeStore(store)
        let access = InitiativeAccess(services: services)

        pages.get("initiatives") { request, context -> Response in
            let filter = try InitiativeQuery.filter(request, strict: false)
            let result = try await initiatives.index(filter, limit: request.limit, cursor: request.cursor)
            let query = Self.initiativeQuery(request)
            return InitiativeIndexPages.index(PageContext(request, context), InitiativeIndexPages.Index(
                filter: filter, counts: try await initiatives.categoryCounts(filter), entries: result.items, next: result.next,
                offices: try await initiatives.offices(), query: query))
        }
        pages.get("initiatives/offices/{id}") { request, context -> Response in
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let office = try await initiatives.office(id: id) else { throw APIError.notFound("office \(raw)") }
            let user = context.identity?.user
            let speaks = try await access.speaksFor(user, officeID: office.id)
            var asked = false
            if let user { asked = try await initiatives.representatives(officeID: office.id).contains { $0.userID == user.id } }
            guard office.isApproved || speaks || asked else { throw APIError.notFound("office \(raw)") }
            return InitiativeIndexPages.office(
                PageContext(request, context), office: office, applications: try await initiatives.applications(officeID: office.id), speaksFor: speaks)
        }

        // A representative's page.
        pages.get("initiatives/my-office") { request, context -> Response in
            let user = try context.require(.viewer)
            let notice = request.uri.queryParameters.get("done").flatMap { Self.initiativeNotices.contains($0) ? "initiatives.notice.\($0)" : nil }
            let page = PageContext(request, context)
            return try await myOfficePage(page, user: user, notice: notice.map { page.t($0) }, error: nil)
        }
        pages.post("initiatives/my-office/offices") { request, context -> Response in
            let (form, user) = try await initiativeForm(request, context, action: "initiatives.office.request")
            let page = PageContext(request, context)
            let error = try await Self.attempt {
                let office = try await initiatives.createOffice(
                    name: InitiativeHTML.localized(form, "name"), country: form["country"] ?? "", kind: form["kind"].flatMap(OfficeKind.init(rawValue:)) ?? .national,
                    website: form["website"] ?? "", requestedBy: user.id)
                try await access.audit(user, action: "initiatives.office.request", target: "office \(office.id)", details: office.name.text(in: "en"))
            }
            if let error { return try await myOfficePage(page, user: user, notice: nil, error: error) }
            return Response.redirect(to: "/initiatives/my-office?done=requested")
        }
        pages.post("initiatives/my-office/represent") { request, context -> Response in
            let (form, user) = try await initiativeForm(request, context, action: "initiatives.representative.request")
            let page = PageContext(request, context)
            guard let raw = form["office_id"], let id = Int64(raw), let office = try await initiatives.office(id: id), office.isApproved else {
                throw APIError.notFound("office \(form["office_id"] ?? "")")
            }
            let error = try await Self.attempt {
                _ = try await initiatives.addRepresentative(officeID: office.id, userID: user.id)
                try await access.audit(user, action: "initiatives.representative.request", target: "office \(office.id)")
            }
            if let error { return try await myOfficePage(page, user: user, notice: nil, error: error) }
            return Response.redirect(to: "/initiatives/my-office?done=requested")
        }
        pages.post("initiatives/offices/{id}/applications") { request, context -> Response in
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let office = try await initiatives.office(id: id) else { throw APIError.notFound("office \(raw)") }
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            let user = try await access.requireRepresentative(
                context, officeID: office.id, formToken: form.raw("_csrf"), action: "initiatives.application.create", target: "office \(office.id)")
            let page = PageContext(request, context)
            let error = try await Self.attempt {
                let record = try await initiatives.createApplication(officeID: office.id, try Self.applicationDraft(form), by: user.id)
                try await access.audit(user, action: "initiatives.application.create", target: "office \(office.id)", details: "application \(record.id)")
            }
            if let error { return try await myOfficePage(page, user: user, notice: nil, error: error) }
            return Response.redirect(to: "/initiatives/my-office?done=saved")
        }
        pages.post("initiatives/applications/{id}") { request, context -> Response in
            let (record, form, user) = try await applicationForm(request, context, action: "initiatives.application.update")
            let page = PageContext(request, context)
            let error = try await Self.attempt {
                _ = try await initiatives.updateApplication(id: record.id, try Self.applicationDraft(form), by: user.id)
                try await access.audit(user, action: "initiatives.application.update", target: "office \(record.officeID)", details: "application \(record.id)")
            }
            if let error { return try await myOfficePage(page, user: user, notice: nil, error: error) }
            return Response.redirect(to: "/initiatives/my-office?done=saved")
        }
        pages.post("initiatives/applications/{id}/delete") { request, context -> Response in
            let (record, _, user) = try await applicationForm(request, context, action: "initiatives.application.delete")
            try await initiatives.deleteApplication(id: record.id)
            try await access.audit(user, action: "initiatives.application.delete", target: "office \(record.officeID)", details: "application \(record.id)")
            return Response.redirect(to: "/initiatives/my-office?done=deleted")
        }

        // Answering a survey round.
        pages.get("initiatives/surveys/{id}/answer") { request, context -> Response in
            let user = try context.require(.viewer)
            let survey = try await initiativeSurvey(context)
            let office = try await answeringOffice(user: user, raw: request.uri.queryParameters.get("office_id"), survey: survey)
            return InitiativeOfficePages.answerForm(
                PageContext(request, context), survey: survey, office: office,
                response: try await initiatives.response(surveyID: survey.id, officeID: office.id), error: nil)
        }
        pages.post("initiatives/surveys/{id}/answer") { request, context -> Response in
            let survey = try await initiativeSurvey(context)
            let (form, user) = try await initiativeForm(request, context, action: "initiatives.survey.answer", target: "survey \(survey.id)")
            let office = try await answeringOffice(user: user, raw: form["office_id"], survey: survey)
            let page = PageContext(request, context)
            let error = try await Self.attempt {
                _ = try await initiatives.saveAnswers(surveyID: survey.id, officeID: office.id, answers: try Self.answers(form, survey: survey), by: user.id)
            }
            if let error {
                let response = try await initiatives.response(surveyID: survey.id, officeID: office.id)
                var reply = InitiativeOfficePages.answerForm(page, survey: survey, office: office, response: response, error: error)
                reply.status = .badRequest
                return reply
            }
            return Response.redirect(to: "/initiatives/my-office?done=answered")
        }

        // Survey rounds and their results.
        pages.get("initiatives/surveys") { request, context -> Response in
            let user = context.identity?.user
            let today = InitiativeStore.today()
            let all = try await initiatives.surveys()
            let surveys = user?.role == .administrator ? all : all.filter { $0.isOver(on: today) }
            return SurveyPages.list(PageContext(request, context), surveys: surveys)
        }
        pages.get("initiatives/surveys/{id}") { request, context -> Response in
            let survey = try await initiativeSurvey(context)
            let isAdministrator = context.identity?.user.role == .administrator
            guard isAdministrator || survey.status != .draft else { throw APIError.notFound("survey \(survey.id)") }
            let visible = isAdministrator || survey.isOver(on: InitiativeStore.today())
            let results = visible ? try await initiatives.results(surveyID: survey.id, includePrivateTexts: isAdministrator) : nil
            return SurveyPages.results(PageContext(request, context), survey: survey, results: results)
        }

        // Administration (WIPO's Secretariat).
        pages.get("initiatives/admin") { request, context -> Response in
            try await access.requireAdministratorToRead(context, action: "initiatives.admin.view")
            let page = PageContext(request, context)
            let notice = request.uri.queryParameters.get("done").flatMap { Self.initiativeNotices.contains($0) ? page.t("initiatives.notice.\($0)") : nil }
            return try await adminPage(page, notice: notice, error: nil)
        }
        pages.post("initiatives/admin/offices/{id}/decision") { request, context -> Response in
            let raw = try context.parameters.require("id")
            let (form, user) = try await initiativeForm(request, context, action: "initiatives.office.decide", target: "office \(raw)", administrator: true)
            guard let id = Int64(raw), let office = try await initiatives.office(id: id) else { throw APIError.notFound("office \(raw)") }
            let decision = try Self.decision(form)
            _ = try await initiatives.decideOffice(id: office.id, status: decision, decidedBy: user.id)
            try await access.audit(user, action: "initiatives.office.\(decision.rawValue)", target: "office \(office.id)", details: office.name.text(in: "en"))
            return Response.redirect(to: "/initiatives/admin?done=decided")
        }
        pages.post("initiatives/admin/representatives/{id}/decision") { request, context -> Response in
            let raw = try context.parameters.require("id")
            let (form, user) = try await initiativeForm(request, context, action: "initiatives.representative.decide", target: "representative \(raw)", administrator: true)
            guard let id = Int64(raw), let representative = try await initiatives.representative(id: id) else { throw APIError.notFound("representative \(raw)") }
            let decision = try Self.decision(form)
            _ = try await initiatives.decideRepresentative(id: id, status: decision, decidedBy: user.id)
            try await access.audit(
                user, action: "initiatives.representative.\(decision.rawValue)", target: "office \(representative.officeID)",
                details: "representative \(id), user \(representative.userID)")
            return Response.redirect(to: "/initiatives/admin?done=decided")
        }
        pages.post("initiatives/admin/surveys") { request, context -> Response in
            let (form, user) = try await initiativeForm(request, context, action: "initiatives.survey.create", administrator: true)
            let page = PageContext(request, context)
            let error = try await Self.attempt {
                var translations: [String: String] = [:]
                for language in InitiativeHTML.languages.dropFirst() { translations[language] = form.raw("questionnaire_\(language)") ?? "" }
                let questions = try SurveyQuestionnaireText.parse(form.raw("questionnaire_en") ?? "", translations: translations)
                let survey = try await initiatives.createSurvey(
                    title: InitiativeHTML.localized(form, "title"), opensOn: form["opens_on"] ?? "", closesOn: form["closes_on"] ?? "", questions: questions,
                    createdBy: user.id)
                try await access.audit(user, action: "initiatives.survey.create", target: "survey \(survey.id)", details: survey.title.text(in: "en"))
            }
            if let error { return try await adminPage(page, notice: nil, error: error) }
            return Response.redirect(to: "/initiatives/admin?done=surveyCreated")
        }
        for (verb, done) in [("open", "surveyOpened"), ("close", "surveyClosed")] {
            pages.post("initiatives/admin/surveys/{id}/\(verb)") { request, context -> Response in
                let raw = try context.parameters.require("id")
                let (_, user) = try await initiativeForm(request, context, action: "initiatives.survey.\(verb)", target: "survey \(raw)", administrator: true)
                guard let id = Int64(raw) else { throw APIError.notFound("survey \(raw)") }
                let page = PageContext(request, context)
                let error = try await Self.attempt {
                    let survey = verb == "open" ? try await initiatives.openSurvey(id: id) : try await initiatives.closeSurvey(id: id)
                    try await access.audit(user, action: "initiatives.survey.\(verb)", target: "survey \(survey.id)")
                }
                if let error { return try await adminPage(page, notice: nil, error: error) }
                return Response.redirect(to: "/initiatives/admin?done=\(done)")
            }
        }
    }

    // MARK: Helpers

    static let initiativeNotices: Set<String> = ["requested", "saved", "deleted", "answered", "decided", "surveyCreated", "surveyOpened", "surveyClosed"]

    /// The form of a change, after checking sign-in and the CSRF token (a forged post is refused and audited),
    /// and for `administrator`, the role (a refusal audited too).
    private func initiativeForm(
        _ request: Request, _ context: AppRequestContext, action: String, target: String = "", administrator: Bool = false
    ) async throws -> (FormData, UserRecord) {
        let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
        let access = InitiativeAccess(services: services)
        let user = administrator
            ? try await access.requireAdministrator(context, formToken: form.raw("_csrf"), action: action, target: target)
            : try await access.requireChange(context, formToken: form.raw("_csrf"), action: action, target: target)
        return (form, user)
    }

    /// An application, its form, and the caller, who must speak for its office (a refusal is audited).
    private func applicationForm(_ request: Request, _ context: AppRequestContext, action: String) async throws -> (ApplicationRecord, FormData, UserRecord) {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let record = try await InitiativeStore(store).application(id: id) else { throw APIError.notFound("application \(raw)") }
        let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
        let user = try await InitiativeAccess(services: services).requireRepresentative(
            context, officeID: record.officeID, formToken: form.raw("_csrf"), action: action, target: "application \(record.id)")
        return (record, form, user)
    }

    private func initiativeSurvey(_ context: AppRequestContext) async throws -> SurveyRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let survey = try await InitiativeStore(store).survey(id: id) else { throw APIError.notFound("survey \(raw)") }
        return survey
    }

    /// The office the user answers for (one they represent; the only one when none is named). Others are refused and audited.
    private func answeringOffice(user: UserRecord, raw: String?, survey: SurveyRecord) async throws -> OfficeRecord {
        let offices = try await InitiativeStore(store).representedOffices(userID: user.id)
        let chosen = raw.flatMap(Int64.init).flatMap { id in offices.first { $0.id == id } } ?? (raw == nil && offices.count == 1 ? offices.first : nil)
        guard let office = chosen, survey.status != .draft else {
            throw await InitiativeAccess(services: services).refuse(
                user, action: "initiatives.survey.answer", target: "survey \(survey.id)", reason: "only approved representatives of approved offices answer surveys")
        }
        return office
    }

    private func myOfficePage(_ page: PageContext, user: UserRecord, notice: String?, error: String?) async throws -> Response {
        let initiatives = InitiativeStore(store)
        let representations = try await initiatives.representations(userID: user.id)
        let mineIDs = Set(representations.map(\.1.id))
        var applications: [Int64: [ApplicationRecord]] = [:]
        var answered: Set<String> = []
        let open = try await initiatives.surveys(statuses: [.open])
        for (representative, office) in representations where representative.status == .approved && office.isApproved {
            applications[office.id] = try await initiatives.applications(officeID: office.id)
            for survey in open where try await initiatives.response(surveyID: survey.id, officeID: office.id) != nil {
                answered.insert("\(survey.id):\(office.id)")
            }
        }
        let mine = InitiativeOfficePages.Mine(
            representations: representations, otherOffices: try await initiatives.offices().filter { !mineIDs.contains($0.id) },
            applications: applications, openSurveys: open, answered: answered)
        var response = InitiativeOfficePages.myOffice(page, mine, notice: notice, error: error)
        if error != nil { response.status = .badRequest }
        return response
    }

    private func adminPage(_ page: PageContext, notice: String?, error: String?) async throws -> Response {
        let initiatives = InitiativeStore(store)
        let offices = try await initiatives.offices(status: .pending)
        var requesters: [Int64: String] = [:]
        for office in offices {
            if let first = try await initiatives.representatives(officeID: office.id).first, let user = try await store.user(id: first.userID) {
                requesters[office.id] = user.username
            }
        }
        var representatives: [(RepresentativeRecord, OfficeRecord, String)] = []
        for representative in try await initiatives.pendingRepresentatives() {
            guard let office = try await initiatives.office(id: representative.officeID), office.isApproved else { continue }
            let name = try await store.user(id: representative.userID)?.username ?? String(representative.userID)
            representatives.append((representative, office, name))
        }
        let surveys = try await initiatives.surveys()
        var responses: [Int64: Int] = [:]
        for survey in surveys where survey.status != .draft { responses[survey.id] = try await initiatives.responses(surveyID: survey.id).count }
        var response = InitiativeAdminPages.page(
            page, InitiativeAdminPages.Pending(offices: offices, representatives: representatives, requesters: requesters, surveys: surveys, responses: responses),
            notice: notice, error: error)
        if error != nil { response.status = .badRequest }
        return response
    }

    /// Runs `body`; an input error (bad field, closed window…) becomes its message for the page, anything else is thrown.
    static func attempt(_ body: () async throws -> Void) async throws -> String? {
        do {
            try await body()
            return nil
        } catch let error as IPAIError where [.invalidInput, .conflict, .notFound].contains(error.code) {
            return error.description
        }
    }

    static func decision(_ form: FormData) throws -> ApprovalStatus {
        guard let raw = form["decision"], let decision = ApprovalStatus(rawValue: raw), decision != .pending else {
            throw APIError.badRequest("decision '\(form["decision"] ?? "")': use approved or rejected")
        }
        return decision
    }

    static func applicationDraft(_ form: FormData) throws -> ApplicationDraft {
        guard let category = form["category"].flatMap(UseCategory.init(rawValue:)) else {
            throw IPAIError(.invalidInput, "choose a category of use", at: InputLocation(field: "category", value: form["category"]))
        }
        guard let status = form["status"].flatMap(ApplicationStatus.init(rawValue:)) else {
            throw IPAIError(.invalidInput, "choose a status", at: InputLocation(field: "status", value: form["status"]))
        }
        return ApplicationDraft(
            name: InitiativeHTML.localized(form, "name"), description: InitiativeHTML.localized(form, "description"), category: category, status: status,
            since: form["since"] ?? "", technology: form.raw("technology") ?? "", contactName: form["contact_name"] ?? "",
            contactEmail: form["contact_email"] ?? "", contactPublic: form.isChecked("contact_public"), link: form["link"] ?? "")
    }

    /// The answers of the survey form (`q_<question id>` fields).
    static func answers(_ form: FormData, survey: SurveyRecord) throws -> [String: SurveyAnswer] {
        var answers: [String: SurveyAnswer] = [:]
        for question in survey.questions {
            let name = "q_\(question.id)"
            switch question.kind {
            case .singleChoice, .multipleChoice:
                let choices = form.all(name).filter { !$0.isEmpty }
                if !choices.isEmpty { answers[question.id] = SurveyAnswer(choices: choices) }
            case .number:
                guard let raw = form[name] else { continue }
                guard let number = Double(raw.replacingOccurrences(of: ",", with: ".")) else {
                    throw IPAIError(.invalidInput, "question \(question.id) takes a number", at: InputLocation(field: question.id, value: raw))
                }
                answers[question.id] = SurveyAnswer(number: number)
            case .freeText:
                if let text = form[name] { answers[question.id] = SurveyAnswer(text: text) }
            }
        }
        return answers
    }

    /// The index filters of the request's query, without the cursor and language (for links).
    static func initiativeQuery(_ request: Request) -> String {
        let keep: Set<String> = ["category", "status", "office_id", "country", "q", "since_from", "since_to"]
        var parts: [String] = []
        for (key, value) in request.uri.queryParameters where keep.contains(String(key)) && !value.isEmpty {
            parts.append("\(HTML.queryValue(String(key)))=\(HTML.queryValue(String(value)))")
        }
        return parts.joined(separator: "&")
    }
}
