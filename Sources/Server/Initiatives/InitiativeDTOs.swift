import Core
import Foundation
import Hummingbird
import Initiatives
import Storage

/// An office as the API shows it.
struct OfficeDTO: ResponseEncodable, Sendable {
    var id: String
    var name: LocalizedText
    var country: String
    var kind: String
    var website: String
    var status: String
    var createdAt: Date
    /// Listed for administrators and the office's own representatives only.
    var representatives: [RepresentativeDTO]?
    var applications: [ApplicationDTO]?

    enum CodingKeys: String, CodingKey {
        case id, name, country, kind, website, status, representatives, applications, createdAt = "created_at"
    }

    init(_ office: OfficeRecord, representatives: [RepresentativeDTO]? = nil, applications: [ApplicationDTO]? = nil) {
        id = String(office.id)
        name = office.name
        country = office.country
        kind = office.kind.rawValue
        website = office.website
        status = office.status.rawValue
        createdAt = Date(milliseconds: office.createdAt)
        self.representatives = representatives
        self.applications = applications
    }
}

struct RepresentativeDTO: ResponseEncodable, Sendable {
    var id: String
    var officeID: String
    var userID: String
    var username: String?
    var status: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, username, status, officeID = "office_id", userID = "user_id", createdAt = "created_at"
    }

    init(_ record: RepresentativeRecord, username: String?) {
        id = String(record.id)
        officeID = String(record.officeID)
        userID = String(record.userID)
        self.username = username
        status = record.status.rawValue
        createdAt = Date(milliseconds: record.createdAt)
    }
}

/// An AI application; the contact is null unless the office made it public or the caller speaks for the office.
struct ApplicationDTO: ResponseEncodable, Sendable {
    var id: String
    var officeID: String
    var officeName: LocalizedText?
    var country: String?
    var name: LocalizedText
    var description: LocalizedText
    var category: String
    var status: String
    var since: String
    var technology: String
    var contactName: String?
    var contactEmail: String?
    var contactPublic: Bool
    var link: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, country, name, description, category, status, since, technology, link
        case officeID = "office_id", officeName = "office_name", contactName = "contact_name", contactEmail = "contact_email"
        case contactPublic = "contact_public", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ record: ApplicationRecord, office: OfficeRecord?, showContact: Bool) {
        let draft = record.draft
        id = String(record.id)
        officeID = String(record.officeID)
        officeName = office?.name
        country = office?.country
        name = draft.name
        description = draft.description
        category = draft.category.rawValue
        status = draft.status.rawValue
        since = draft.since
        technology = draft.technology
        let visible = showContact || draft.contactPublic
        contactName = visible ? draft.contactName : nil
        contactEmail = visible ? draft.contactEmail : nil
        contactPublic = draft.contactPublic
        link = draft.link
        createdAt = Date(milliseconds: record.createdAt)
        updatedAt = Date(milliseconds: record.updatedAt)
    }
}

struct SurveyDTO: ResponseEncodable, Sendable {
    struct OfficeAnswers: Encodable, Sendable {
        var officeID: String
        var officeName: LocalizedText
        var answers: [String: SurveyAnswer]
        var updatedAt: Date?

        enum CodingKeys: String, CodingKey { case answers, officeID = "office_id", officeName = "office_name", updatedAt = "updated_at" }
    }

    var id: String
    var title: LocalizedText
    var opensOn: String
    var closesOn: String
    var status: String
    var acceptsAnswers: Bool
    var questions: [SurveyQuestion]
    var createdAt: Date
    /// The caller's offices and their answers so far (representatives only).
    var myOffices: [OfficeAnswers]?

    enum CodingKeys: String, CodingKey {
        case id, title, status, questions
        case opensOn = "opens_on", closesOn = "closes_on", acceptsAnswers = "accepts_answers", createdAt = "created_at", myOffices = "my_offices"
    }

    init(_ survey: SurveyRecord, myOffices: [OfficeAnswers]? = nil) {
        id = String(survey.id)
        title = survey.title
        opensOn = survey.opensOn
        closesOn = survey.closesOn
        status = survey.status.rawValue
        acceptsAnswers = survey.acceptsAnswers(on: InitiativeStore.today())
        questions = survey.questions
        createdAt = Date(milliseconds: survey.createdAt)
        self.myOffices = myOffices
    }
}

struct SurveyResponseDTO: ResponseEncodable, Sendable {
    var surveyID: String
    var officeID: String
    var answers: [String: SurveyAnswer]
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case answers, surveyID = "survey_id", officeID = "office_id", updatedAt = "updated_at" }

    init(_ record: SurveyResponseRecord) {
        surveyID = String(record.surveyID)
        officeID = String(record.officeID)
        answers = record.answers
        updatedAt = Date(milliseconds: record.updatedAt)
    }
}

struct SurveyResultsDTO: ResponseEncodable, Sendable {
    struct Option: Encodable, Sendable {
        var id: String
        var label: LocalizedText
        var count: Int
        var share: Double
    }

    struct Numbers: Encodable, Sendable {
        var min: Double
        var median: Double
        var max: Double
    }

    struct Text: Encodable, Sendable {
        var officeID: String
        var officeName: LocalizedText
        var text: String

        enum CodingKeys: String, CodingKey { case text, officeID = "office_id", officeName = "office_name" }
    }

    struct Question: Encodable, Sendable {
        var id: String
        var kind: String
        var text: LocalizedText
        var answered: Int
        var options: [Option]?
        var numbers: Numbers?
        var texts: [Text]?
        var textsWithheld: Bool

        enum CodingKeys: String, CodingKey { case id, kind, text, answered, options, numbers, texts, textsWithheld = "texts_withheld" }
    }

    var surveyID: String
    var status: String
    var respondents: Int
    var questions: [Question]

    enum CodingKeys: String, CodingKey { case status, respondents, questions, surveyID = "survey_id" }

    init(_ survey: SurveyRecord, _ results: SurveyResults) {
        surveyID = String(survey.id)
        status = survey.status.rawValue
        respondents = results.respondents
        questions = results.questions.map { result in
            let kind = result.question.kind
            return Question(
                id: result.question.id, kind: kind.rawValue, text: result.question.text, answered: result.answered,
                options: kind.hasOptions ? result.options.map { Option(id: $0.option.id, label: $0.option.label, count: $0.count, share: $0.share) } : nil,
                numbers: result.numbers.map { Numbers(min: $0.minimum, median: $0.median, max: $0.maximum) },
                texts: kind == .freeText ? result.texts.map { Text(officeID: String($0.officeID), officeName: $0.officeName, text: $0.text) } : nil,
                textsWithheld: result.textsWithheld)
        }
    }
}
