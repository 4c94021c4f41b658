import Core
import Hummingbird
import Initiatives

/// `/initiatives/my-office`: a representative's page — requests to list or represent an office,
/// the office's AI applications (add, change, remove), and the survey rounds sent to it.
enum InitiativeOfficePages {
    struct Mine: Sendable {
        var representations: [(RepresentativeRecord, OfficeRecord)]
        /// Approved offices the user does not represent yet (to ask for).
        var otherOffices: [OfficeRecord]
        var applications: [Int64: [ApplicationRecord]]
        var openSurveys: [SurveyRecord]
        /// Which offices answered which open survey.
        var answered: Set<String>
    }

    static func myOffice(_ page: PageContext, _ mine: Mine, notice: String?, error: String?) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        if let notice { html += Layout.notice(notice, kind: "success") }
        let active = mine.representations.filter { $0.0.status == .approved && $0.1.isApproved }
        if !active.isEmpty && !mine.openSurveys.isEmpty {
            html += "<section aria-labelledby=\"surveys-heading\" class=\"card survey-notice\"><h2 id=\"surveys-heading\">\(HTML.escape(page.t("initiatives.mine.surveys")))</h2><ul>"
            let today = InitiativeStore.today()
            for survey in mine.openSurveys {
                for (_, office) in active {
                    let done = mine.answered.contains("\(survey.id):\(office.id)")
                    html += "<li>\(InitiativeHTML.text(survey.title, page)) · \(InitiativeHTML.text(office.name, page)) · "
                    html += HTML.escape(page.t("initiatives.mine.surveyWindow", survey.opensOn, survey.closesOn)) + " "
                    if survey.acceptsAnswers(on: today) {
                        let label = page.t(done ? "initiatives.mine.surveyEdit" : "initiatives.mine.surveyAnswer")
                        html += "<a \(HTML.attribute("href", "/initiatives/surveys/\(survey.id)/answer?office_id=\(office.id)"))>\(HTML.escape(label))</a>"
                    } else {
                        html += "<span class=\"muted\">\(HTML.escape(page.t("initiatives.mine.surveyNotNow")))</span>"
                    }
                    html += "</li>"
                }
            }
            html += "</ul></section>"
        }
        if mine.representations.isEmpty { html += Layout.notice(page.t("initiatives.mine.none")) }
        for (representative, office) in mine.representations {
            html += "<section class=\"office\" \(HTML.attribute("aria-labelledby", "office-\(office.id)"))><h2 \(HTML.attribute("id", "office-\(office.id)"))>\(InitiativeHTML.text(office.name, page)) <span class=\"country\">\(HTML.escape(office.country))</span></h2>"
            guard representative.status == .approved && office.isApproved else {
                let status = office.isApproved ? representative.status : office.status
                html += Layout.notice(page.t("initiatives.mine.waiting", InitiativeHTML.approval(status, page)))
                html += "</section>"
                continue
            }
            html += "<p><a \(HTML.attribute("href", "/initiatives/offices/\(office.id)"))>\(HTML.escape(page.t("initiatives.mine.public")))</a></p>"
            let applications = mine.applications[office.id] ?? []
            for application in applications {
                html += "<details class=\"application card\"><summary>\(InitiativeHTML.text(application.draft.name, page)) · \(HTML.escape(InitiativeHTML.category(application.draft.category, page))) · \(HTML.escape(InitiativeHTML.status(application.draft.status, page)))</summary>"
                html += applicationForm(page, action: "/initiatives/applications/\(application.id)", draft: application.draft, idPrefix: "a\(application.id)-", submit: page.t("initiatives.form.save"))
                html += "<form method=\"post\" \(HTML.attribute("action", "/initiatives/applications/\(application.id)/delete")) class=\"inline\">\(page.csrfField)"
                html += "<button type=\"submit\" class=\"danger\">\(HTML.escape(page.t("initiatives.form.delete")))</button></form></details>"
            }
            html += "<h3>\(HTML.escape(page.t("initiatives.mine.newApplication")))</h3>"
            html += "<div class=\"card\">" + applicationForm(page, action: "/initiatives/offices/\(office.id)/applications", draft: nil, idPrefix: "new\(office.id)-", submit: page.t("initiatives.form.add")) + "</div>"
            html += "</section>"
        }
        html += requestForms(page, mine)
        return Layout.page(page.t("initiatives.mine.title"), page, content: html)
    }

    static func requestForms(_ page: PageContext, _ mine: Mine) -> String {
        var html = "<section aria-labelledby=\"request-heading\"><h2 id=\"request-heading\">\(HTML.escape(page.t("initiatives.mine.request")))</h2>"
        if !mine.otherOffices.isEmpty {
            html += "<form method=\"post\" action=\"/initiatives/my-office/represent\" class=\"card\" id=\"represent-form\">\(page.csrfField)"
            html += InitiativeHTML.select(
                "represent-office", name: "office_id", label: page.t("initiatives.mine.existing"),
                options: mine.otherOffices.map { (String($0.id), "\($0.name.text(in: page.language)) (\($0.country))") }, selected: nil)
            html += "<button type=\"submit\">\(HTML.escape(page.t("initiatives.mine.representSubmit")))</button></form>"
        }
        html += "<form method=\"post\" action=\"/initiatives/my-office/offices\" class=\"card\" id=\"new-office-form\">\(page.csrfField)"
        html += "<p>\(HTML.escape(page.t("initiatives.mine.newOfficeHelp")))</p>"
        html += InitiativeHTML.localizedField(page, name: "name", label: page.t("initiatives.field.officeName"), idPrefix: "office-")
        html += InitiativeHTML.input("office-country", name: "country", label: page.t("initiatives.field.country"), value: "", required: true, extra: "maxlength=\"2\" size=\"3\"")
        html += InitiativeHTML.select(
            "office-kind", name: "kind", label: page.t("initiatives.field.kind"),
            options: OfficeKind.allCases.map { ($0.rawValue, InitiativeHTML.kind($0, page)) }, selected: "national")
        html += InitiativeHTML.input("office-website", name: "website", label: page.t("initiatives.field.website"), value: "", type: "url")
        html += "<button type=\"submit\">\(HTML.escape(page.t("initiatives.mine.newOfficeSubmit")))</button></form></section>"
        return html
    }

    static func applicationForm(_ page: PageContext, action: String, draft: ApplicationDraft?, idPrefix: String, submit: String) -> String {
        var html = "<form method=\"post\" \(HTML.attribute("action", action)) class=\"application-form\">\(page.csrfField)"
        html += InitiativeHTML.localizedField(page, name: "name", label: page.t("initiatives.field.name"), value: draft?.name ?? LocalizedText(), idPrefix: idPrefix)
        html += InitiativeHTML.localizedField(
            page, name: "description", label: page.t("initiatives.field.description"), value: draft?.description ?? LocalizedText(), multiline: true,
            required: false, idPrefix: idPrefix)
        html += InitiativeHTML.select(
            "\(idPrefix)category", name: "category", label: page.t("initiatives.field.category"),
            options: UseCategory.allCases.map { ($0.rawValue, InitiativeHTML.category($0, page)) }, selected: draft?.category.rawValue)
        html += InitiativeHTML.select(
            "\(idPrefix)status", name: "status", label: page.t("initiatives.field.status"),
            options: ApplicationStatus.allCases.map { ($0.rawValue, InitiativeHTML.status($0, page)) }, selected: draft?.status.rawValue)
        html += InitiativeHTML.input("\(idPrefix)since", name: "since", label: page.t("initiatives.field.sinceHelp"), value: draft?.since ?? "", extra: "pattern=\"[0-9]{4}(-[0-9]{2})?\" placeholder=\"2019-04\"")
        html += "<div class=\"field\"><label \(HTML.attribute("for", "\(idPrefix)technology"))>\(HTML.escape(page.t("initiatives.field.technology")))</label>"
        html += "<textarea \(HTML.attribute("id", "\(idPrefix)technology")) name=\"technology\" rows=\"2\">\(HTML.escape(draft?.technology ?? ""))</textarea></div>"
        html += InitiativeHTML.input("\(idPrefix)contact-name", name: "contact_name", label: page.t("initiatives.field.contactName"), value: draft?.contactName ?? "")
        html += InitiativeHTML.input("\(idPrefix)contact-email", name: "contact_email", label: page.t("initiatives.field.contactEmail"), value: draft?.contactEmail ?? "", type: "email")
        let checked = draft?.contactPublic == true ? " checked" : ""
        html += "<div class=\"field check\"><input type=\"checkbox\" \(HTML.attribute("id", "\(idPrefix)contact-public")) name=\"contact_public\" value=\"yes\"\(checked)>"
        html += "<label \(HTML.attribute("for", "\(idPrefix)contact-public"))>\(HTML.escape(page.t("initiatives.field.contactPublic")))</label></div>"
        html += InitiativeHTML.input("\(idPrefix)link", name: "link", label: page.t("initiatives.field.link"), value: draft?.link ?? "", type: "url")
        html += "<button type=\"submit\">\(HTML.escape(submit))</button></form>"
        return html
    }

    /// The form an office answers a survey round with.
    static func answerForm(_ page: PageContext, survey: SurveyRecord, office: OfficeRecord, response: SurveyResponseRecord?, error: String?) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<p class=\"lead\">\(HTML.escape(page.t("initiatives.answer.lead", office.name.text(in: page.language), survey.closesOn)))</p>"
        if let response { html += Layout.notice(page.t("initiatives.answer.saved", HTML.date(response.updatedAt))) }
        html += "<form method=\"post\" \(HTML.attribute("action", "/initiatives/surveys/\(survey.id)/answer")) class=\"card\" id=\"answer-form\">\(page.csrfField)"
        html += "<input type=\"hidden\" name=\"office_id\" \(HTML.attribute("value", String(office.id)))>"
        for (index, question) in survey.questions.enumerated() {
            let name = "q_\(question.id)"
            let id = "question-\(index)"
            let answer = response?.answers[question.id]
            let required = question.required ? " <span class=\"required\">(\(HTML.escape(page.t("initiatives.answer.required"))))</span>" : ""
            switch question.kind {
            case .singleChoice, .multipleChoice:
                let type = question.kind == .singleChoice ? "radio" : "checkbox"
                html += "<fieldset class=\"field\"><legend>\(index + 1). \(InitiativeHTML.text(question.text, page))\(required)</legend>"
                for (number, option) in question.options.enumerated() {
                    let optionID = "\(id)-\(number)"
                    let checked = (answer?.choices ?? []).contains(option.id) ? " checked" : ""
                    html += "<div class=\"check\"><input \(HTML.attribute("type", type)) \(HTML.attribute("id", optionID)) \(HTML.attribute("name", name)) \(HTML.attribute("value", option.id))\(checked)>"
                    html += "<label \(HTML.attribute("for", optionID))>\(InitiativeHTML.text(option.label, page))</label></div>"
                }
                html += "</fieldset>"
            case .number:
                let value = answer?.number.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) } ?? ""
                html += "<div class=\"field\"><label \(HTML.attribute("for", id))>\(index + 1). \(InitiativeHTML.text(question.text, page))\(required)</label>"
                html += "<input type=\"number\" step=\"any\" \(HTML.attribute("id", id)) \(HTML.attribute("name", name)) \(HTML.attribute("value", value))></div>"
            case .freeText:
                html += "<div class=\"field\"><label \(HTML.attribute("for", id))>\(index + 1). \(InitiativeHTML.text(question.text, page))\(required)</label>"
                if question.publicAnswers { html += "<p class=\"muted\">\(HTML.escape(page.t("initiatives.answer.public")))</p>" }
                html += "<textarea \(HTML.attribute("id", id)) \(HTML.attribute("name", name)) rows=\"4\">\(HTML.escape(answer?.text ?? ""))</textarea></div>"
            }
        }
        html += "<button type=\"submit\">\(HTML.escape(page.t("initiatives.answer.submit")))</button></form>"
        html += "<p><a href=\"/initiatives/my-office\">\(HTML.escape(page.t("initiatives.nav.myOffice")))</a></p>"
        return Layout.page(survey.title.text(in: page.language), page, content: html)
    }
}
