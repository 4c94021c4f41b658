import Core
import Hummingbird
import Initiatives
import Storage

/// `/initiatives/admin`: offices and representatives waiting for a decision, and survey rounds.
enum InitiativeAdminPages {
    struct Pending: Sendable {
        var offices: [OfficeRecord]
        /// Requests for offices already approved, with who asked.
        var representatives: [(RepresentativeRecord, OfficeRecord, String)]
        /// Who asked for each pending office.
        var requesters: [Int64: String]
        var surveys: [SurveyRecord]
        var responses: [Int64: Int]
    }

    static func page(_ page: PageContext, _ pending: Pending, notice: String?, error: String?) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        if let notice { html += Layout.notice(notice, kind: "success") }
        html += "<section aria-labelledby=\"pending-offices\"><h2 id=\"pending-offices\">\(HTML.escape(page.t("initiatives.admin.offices")))</h2>"
        if pending.offices.isEmpty {
            html += Layout.notice(page.t("initiatives.admin.noOffices"))
        } else {
            html += "<div class=\"table-wrap\"><table id=\"pending-office-list\"><thead><tr>"
            for key in ["initiatives.field.officeName", "initiatives.field.country", "initiatives.field.kind", "initiatives.field.website", "initiatives.admin.requestedBy", "initiatives.admin.decision"] {
                html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
            }
            html += "</tr></thead><tbody>"
            for office in pending.offices {
                html += "<tr \(HTML.attribute("data-office", String(office.id)))><td>\(InitiativeHTML.text(office.name, page))</td><td>\(HTML.escape(office.country))</td>"
                html += "<td>\(HTML.escape(InitiativeHTML.kind(office.kind, page)))</td><td>\(HTML.escape(office.website))</td>"
                html += "<td>\(HTML.escape(pending.requesters[office.id] ?? "–"))</td><td>"
                html += decisionForms(page, action: "/initiatives/admin/offices/\(office.id)/decision")
                html += "</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        html += "</section><section aria-labelledby=\"pending-representatives\"><h2 id=\"pending-representatives\">\(HTML.escape(page.t("initiatives.admin.representatives")))</h2>"
        if pending.representatives.isEmpty {
            html += Layout.notice(page.t("initiatives.admin.noRepresentatives"))
        } else {
            html += "<ul class=\"plain\">"
            for (representative, office, username) in pending.representatives {
                html += "<li \(HTML.attribute("data-representative", String(representative.id)))>\(HTML.escape(page.t("initiatives.admin.asksToRepresent", username, office.name.text(in: page.language)))) "
                html += decisionForms(page, action: "/initiatives/admin/representatives/\(representative.id)/decision") + "</li>"
            }
            html += "</ul>"
        }
        html += "</section>"
        html += surveys(page, pending)
        html += newSurveyForm(page)
        return Layout.page(page.t("initiatives.admin.title"), page, content: html)
    }

    static func decisionForms(_ page: PageContext, action: String) -> String {
        var html = ""
        for (decision, key, style) in [("approved", "initiatives.admin.approve", ""), ("rejected", "initiatives.admin.reject", " class=\"danger\"")] {
            html += "<form method=\"post\" \(HTML.attribute("action", action)) class=\"inline\">\(page.csrfField)"
            html += "<input type=\"hidden\" name=\"decision\" \(HTML.attribute("value", decision))><button type=\"submit\"\(style)>\(HTML.escape(page.t(key)))</button></form> "
        }
        return html
    }

    static func surveys(_ page: PageContext, _ pending: Pending) -> String {
        var html = "<section aria-labelledby=\"survey-rounds\"><h2 id=\"survey-rounds\">\(HTML.escape(page.t("initiatives.admin.surveys")))</h2>"
        guard !pending.surveys.isEmpty else { return html + Layout.notice(page.t("initiatives.admin.noSurveys")) + "</section>" }
        html += "<div class=\"table-wrap\"><table id=\"survey-list\"><thead><tr>"
        for key in ["initiatives.survey.title", "initiatives.survey.dates", "initiatives.survey.status", "initiatives.survey.responses", "initiatives.survey.actions"] {
            html += "<th scope=\"col\">\(HTML.escape(page.t(key)))</th>"
        }
        html += "</tr></thead><tbody>"
        for survey in pending.surveys {
            html += "<tr \(HTML.attribute("data-survey", String(survey.id)))><td><a \(HTML.attribute("href", "/initiatives/surveys/\(survey.id)"))>\(InitiativeHTML.text(survey.title, page))</a></td>"
            html += "<td>\(HTML.escape(survey.opensOn)) – \(HTML.escape(survey.closesOn))</td><td>\(HTML.escape(InitiativeHTML.surveyStatus(survey.status, page)))</td>"
            html += "<td class=\"number\">\(pending.responses[survey.id] ?? 0)</td><td>"
            if survey.status == .draft {
                html += "<form method=\"post\" \(HTML.attribute("action", "/initiatives/admin/surveys/\(survey.id)/open")) class=\"inline\">\(page.csrfField)<button type=\"submit\">\(HTML.escape(page.t("initiatives.admin.open")))</button></form>"
            } else if survey.status == .open {
                html += "<form method=\"post\" \(HTML.attribute("action", "/initiatives/admin/surveys/\(survey.id)/close")) class=\"inline\">\(page.csrfField)<button type=\"submit\">\(HTML.escape(page.t("initiatives.admin.close")))</button></form>"
            }
            html += "</td></tr>"
        }
        return html + "</tbody></table></div></section>"
    }

    static func newSurveyForm(_ page: PageContext) -> String {
        var html = "<section aria-labelledby=\"new-survey\"><h2 id=\"new-survey\">\(HTML.escape(page.t("initiatives.admin.newSurvey")))</h2>"
        html += "<form method=\"post\" action=\"/initiatives/admin/surveys\" class=\"card\" id=\"new-survey-form\">\(page.csrfField)"
        html += InitiativeHTML.localizedField(page, name: "title", label: page.t("initiatives.survey.title"), idPrefix: "survey-")
        html += InitiativeHTML.input("survey-opens", name: "opens_on", label: page.t("initiatives.survey.opensOn"), value: InitiativeStore.today(), type: "date", required: true)
        html += InitiativeHTML.input("survey-closes", name: "closes_on", label: page.t("initiatives.survey.closesOn"), value: "", type: "date", required: true)
        html += "<div class=\"field\"><label for=\"survey-questionnaire-en\">\(HTML.escape(page.t("initiatives.survey.questionnaire")))</label>"
        html += "<p class=\"muted\" id=\"questionnaire-help\">\(HTML.escape(page.t("initiatives.survey.questionnaireHelp")))</p>"
        html += "<textarea id=\"survey-questionnaire-en\" name=\"questionnaire_en\" rows=\"8\" lang=\"en\" aria-describedby=\"questionnaire-help\" required></textarea></div>"
        html += "<details class=\"translations\"><summary>\(HTML.escape(page.t("initiatives.form.translations", page.t("initiatives.survey.questionnaire"))))</summary>"
        html += "<p class=\"muted\">\(HTML.escape(page.t("initiatives.survey.translationHelp")))</p>"
        for language in InitiativeHTML.languages.dropFirst() {
            let id = "survey-questionnaire-\(language)"
            html += "<div class=\"field\"><label \(HTML.attribute("for", id))>\(HTML.escape(page.t("initiatives.language.\(language)")))</label>"
            html += "<textarea \(HTML.attribute("id", id)) \(HTML.attribute("name", "questionnaire_\(language)")) rows=\"6\" \(HTML.attribute("lang", language))\(language == "ar" ? " dir=\"rtl\"" : "")></textarea></div>"
        }
        html += "</details><button type=\"submit\">\(HTML.escape(page.t("initiatives.admin.createSurvey")))</button></form></section>"
        return html
    }
}
