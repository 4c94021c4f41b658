import Core
import Foundation
import Hummingbird
import Initiatives
import Storage

/// `/api/v1/surveys…`: survey rounds. Administrators prepare, open (send) and close them; approved
/// offices' representatives see open rounds and answer for their office within the dates; the
/// results are public once a round is over.
extension InitiativeRoutes {
    struct NewSurvey: Decodable {
        var title: LocalizedText
        var opensOn: String
        var closesOn: String
        var questions: [SurveyQuestion]?

        enum CodingKeys: String, CodingKey { case title, questions, opensOn = "opens_on", closesOn = "closes_on" }
    }

    struct SurveyPatch: Decodable {
        var title: LocalizedText?
        var opensOn: String?
        var closesOn: String?
        var questions: [SurveyQuestion]?

        enum CodingKeys: String, CodingKey { case title, questions, opensOn = "opens_on", closesOn = "closes_on" }
    }

    struct AnswersBody: Decodable {
        var officeID: String?
        var answers: [String: SurveyAnswer]

        enum CodingKeys: String, CodingKey { case answers, officeID = "office_id" }
    }

    func addSurveyRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("surveys") { _, context -> [SurveyDTO] in
            let user = context.identity?.user
            if user?.role == .administrator { return try await initiatives.surveys().map { SurveyDTO($0) } }
            let represents = try await !represented(user).isEmpty
            let today = InitiativeStore.today()
            return try await initiatives.surveys(statuses: [.open, .closed])
                .filter { $0.isOver(on: today) || (represents && $0.status == .open) }.map { SurveyDTO($0) }
        }
        api.post("surveys") { request, context -> Response in
            let user = try await access.requireAdministrator(context, action: "initiatives.survey.create")
            let body = try await request.decodeJSON(as: NewSurvey.self, context: context)
            let survey = try await initiatives.createSurvey(
                title: body.title, opensOn: body.opensOn, closesOn: body.closesOn, questions: body.questions ?? [], createdBy: user.id)
            try await access.audit(user, action: "initiatives.survey.create", target: "survey \(survey.id)", details: survey.title.text(in: "en"))
            return try Response.json(SurveyDTO(survey), status: .created)
        }
        api.get("surveys/{id}") { _, context -> SurveyDTO in
            let survey = try await visibleSurvey(context)
            return SurveyDTO(survey, myOffices: try await myOffices(survey, user: context.identity?.user))
        }
        api.patch("surveys/{id}") { request, context -> SurveyDTO in
            let survey = try await survey(context)
            let user = try await access.requireAdministrator(context, action: "initiatives.survey.update", target: "survey \(survey.id)")
            let body = try await request.decodeJSON(as: SurveyPatch.self, context: context)
            let updated = try await initiatives.updateSurvey(
                id: survey.id, title: body.title, opensOn: body.opensOn, closesOn: body.closesOn, questions: body.questions)
            try await access.audit(user, action: "initiatives.survey.update", target: "survey \(survey.id)")
            return SurveyDTO(updated)
        }
        api.post("surveys/{id}/open") { _, context -> SurveyDTO in
            let survey = try await survey(context)
            let user = try await access.requireAdministrator(context, action: "initiatives.survey.open", target: "survey \(survey.id)")
            let opened = try await initiatives.openSurvey(id: survey.id)
            try await access.audit(user, action: "initiatives.survey.open", target: "survey \(survey.id)", details: "\(opened.opensOn) to \(opened.closesOn)")
            return SurveyDTO(opened)
        }
        api.post("surveys/{id}/close") { _, context -> SurveyDTO in
            let survey = try await survey(context)
            let user = try await access.requireAdministrator(context, action: "initiatives.survey.close", target: "survey \(survey.id)")
            let closed = try await initiatives.closeSurvey(id: survey.id)
            try await access.audit(user, action: "initiatives.survey.close", target: "survey \(survey.id)")
            return SurveyDTO(closed)
        }
        api.put("surveys/{id}/answers") { request, context -> SurveyResponseDTO in
            let survey = try await survey(context)
            let target = "survey \(survey.id)"
            let user = try await access.requireChange(context, action: "initiatives.survey.answer", target: target)
            let body = try await request.decodeJSON(as: AnswersBody.self, context: context)
            let officeID = try await answeringOffice(user: user, requested: body.officeID, target: target)
            let saved = try await initiatives.saveAnswers(surveyID: survey.id, officeID: officeID, answers: body.answers, by: user.id)
            return SurveyResponseDTO(saved)
        }
        api.get("surveys/{id}/results") { _, context -> SurveyResultsDTO in
            let survey = try await survey(context)
            let user = context.identity?.user
            let isAdministrator = user?.role == .administrator
            guard isAdministrator || survey.isOver(on: InitiativeStore.today()) else {
                if survey.status == .draft { throw APIError.notFound("survey \(survey.id)") }
                throw APIError(.forbidden, code: "forbidden", "the results of survey \(survey.id) are published when it closes on \(survey.closesOn)")
            }
            let results = try await initiatives.results(surveyID: survey.id, includePrivateTexts: isAdministrator)
            return SurveyResultsDTO(survey, results)
        }
    }

    /// The approved offices the (possibly anonymous) user speaks for.
    func represented(_ user: UserRecord?) async throws -> [OfficeRecord] {
        guard let user else { return [] }
        return try await initiatives.representedOffices(userID: user.id)
    }

    func survey(_ context: AppRequestContext) async throws -> SurveyRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let survey = try await initiatives.survey(id: id) else { throw APIError.notFound("survey \(raw)") }
        return survey
    }

    /// A round the caller may read: drafts for administrators; open ones for them and representatives; closed ones for all.
    func visibleSurvey(_ context: AppRequestContext) async throws -> SurveyRecord {
        let survey = try await survey(context)
        let user = context.identity?.user
        if user?.role == .administrator || survey.isOver(on: InitiativeStore.today()) { return survey }
        if survey.status == .open, let user, !(try await initiatives.representedOffices(userID: user.id)).isEmpty { return survey }
        throw APIError.notFound("survey \(survey.id)")
    }

    /// The offices the user answers for, with their answers so far (nil for others).
    func myOffices(_ survey: SurveyRecord, user: UserRecord?) async throws -> [SurveyDTO.OfficeAnswers]? {
        guard let user, survey.status != .draft else { return nil }
        let offices = try await initiatives.representedOffices(userID: user.id)
        guard !offices.isEmpty else { return nil }
        var result: [SurveyDTO.OfficeAnswers] = []
        for office in offices {
            let response = try await initiatives.response(surveyID: survey.id, officeID: office.id)
            result.append(SurveyDTO.OfficeAnswers(
                officeID: String(office.id), officeName: office.name, answers: response?.answers ?? [:],
                updatedAt: response.map { Date(milliseconds: $0.updatedAt) }))
        }
        return result
    }

    /// The office the caller answers for: the one named (which they must represent), or their only one.
    func answeringOffice(user: UserRecord, requested: String?, target: String) async throws -> Int64 {
        let offices = try await initiatives.representedOffices(userID: user.id)
        if let requested {
            guard let id = Int64(requested), offices.contains(where: { $0.id == id }) else {
                throw await access.refuse(user, action: "initiatives.survey.answer", target: target, reason: "only an approved representative of office \(requested) may answer for it")
            }
            return id
        }
        guard let only = offices.first else {
            throw await access.refuse(user, action: "initiatives.survey.answer", target: target, reason: "only approved representatives of approved offices answer surveys")
        }
        guard offices.count == 1 else { throw APIError.badRequest("field 'office_id': you represent \(offices.count) offices; name the one you answer for") }
        return only.id
    }
}
