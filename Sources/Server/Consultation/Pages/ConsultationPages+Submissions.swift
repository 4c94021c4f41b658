import Consultation
import Core
import Foundation
import Hummingbird

extension ConsultationPages {
    /// What the submission form shows again after a refusal.
    struct SubmissionDraft: Sendable {
        var authorType = ""
        var authorName = ""
        var country = ""
        var text = ""
        var issues: Set<Int> = []
    }

    // MARK: The submission form

    static func submitForm(
        _ page: PageContext, version: PaperVersionRecord, issues: [IssueRecord], draft: SubmissionDraft = SubmissionDraft(),
        error: String? = nil
    ) -> Response {
        var html = ""
        if let error { html += Layout.notice(error, kind: "error") }
        html += "<p class=\"lead\"><a \(HTML.attribute("href", "/papers/\(version.paperID)?version=\(version.id)"))>\(text(version.title, page))</a></p>"
        html += "<p id=\"call\">\(HTML.escape(callStatus(version.call, page)))</p>"
        guard version.call?.isOpen(on: today) == true else {
            return Layout.page(page.t("consultation.submit.title"), page, content: html)
        }
        html += "<p class=\"hint\">\(HTML.escape(page.t("consultation.submit.hint")))</p>"
        html += "<form method=\"post\" enctype=\"multipart/form-data\" class=\"card\" id=\"submission-form\" "
        html += HTML.attribute("action", "/paper-versions/\(version.id)/submit") + ">\(page.csrfField)"
        html += "<div class=\"field\"><label for=\"author_type\">\(HTML.escape(page.t("consultation.submission.authorType")))</label>"
        html += "<select id=\"author_type\" name=\"author_type\" required><option value=\"\"></option>"
        html += HTML.options(AuthorType.allCases.map { ($0.rawValue, page.label("consultation.authorType", $0.rawValue)) }, selected: draft.authorType)
        html += "</select></div>"
        html += AccountPages.field("author_name", page.t("consultation.submission.authorName"), type: "text", value: draft.authorName)
        html += AccountPages.field("country", page.t("consultation.submission.country"), type: "text", value: draft.country, required: false)
        html += "<fieldset id=\"issues\"><legend>\(HTML.escape(page.t("consultation.submission.issues")))</legend>"
        for issue in issues {
            let id = "issue-\(issue.number)"
            let checked = draft.issues.contains(issue.number) ? " checked" : ""
            html += "<div class=\"field check\"><input type=\"checkbox\" name=\"issues\" \(HTML.attribute("id", id)) \(HTML.attribute("value", String(issue.number)))\(checked)>"
            html += "<label \(HTML.attribute("for", id))>\(HTML.escape(page.t("consultation.issue.number", String(issue.number)))) \(text(issue.title, page))</label></div>"
        }
        html += "</fieldset>"
        html += "<div class=\"field\"><label for=\"text\">\(HTML.escape(page.t("consultation.submission.text")))</label>"
        html += "<textarea id=\"text\" name=\"text\" rows=\"14\" required maxlength=\"\(ConsultationStore.maximumTextLength)\">\(HTML.escape(draft.text))</textarea></div>"
        html += "<div class=\"field\"><label for=\"attachment\">\(HTML.escape(page.t("consultation.submission.attachment")))</label>"
        html += "<input type=\"file\" id=\"attachment\" name=\"attachment\" accept=\"application/pdf,.pdf\">"
        html += "<p class=\"hint\">\(HTML.escape(page.t("consultation.submission.attachmentHint")))</p></div>"
        html += "<button type=\"submit\" id=\"send-submission\">\(HTML.escape(page.t("consultation.submit.send")))</button></form>"
        return Layout.page(page.t("consultation.submit.title"), page, content: html)
    }

    // MARK: One submission

    static func submission(
        _ page: PageContext, _ submission: SubmissionRecord, version: PaperVersionRecord, isSecretariat: Bool, notice: String? = nil
    ) -> Response {
        var html = ""
        if let notice { html += Layout.notice(notice, kind: "success") }
        html += "<p class=\"lead\"><a \(HTML.attribute("href", "/papers/\(version.paperID)?version=\(version.id)"))>\(text(version.title, page))</a>"
        html += " · \(HTML.escape(page.t("consultation.version.number", String(version.number))))</p>"
        html += "<dl class=\"facts\" id=\"submission\" \(HTML.attribute("data-status", submission.status.rawValue))>"
        html += "<dt>\(HTML.escape(page.t("consultation.submission.authorName")))</dt><dd>\(HTML.escape(submission.authorName))</dd>"
        html += "<dt>\(HTML.escape(page.t("consultation.submission.authorType")))</dt><dd>\(HTML.escape(page.label("consultation.authorType", submission.authorType.rawValue)))</dd>"
        if !submission.country.isEmpty {
            html += "<dt>\(HTML.escape(page.t("consultation.submission.country")))</dt><dd>\(HTML.escape(submission.country))</dd>"
        }
        html += "<dt>\(HTML.escape(page.t("consultation.submission.issues")))</dt><dd>"
        html += submission.issueNumbers.map {
            "<a \(HTML.attribute("href", "/papers/\(version.paperID)?version=\(version.id)#issue-\($0)"))>\($0)</a>"
        }.joined(separator: ", ") + "</dd>"
        html += "<dt>\(HTML.escape(page.t("consultation.submission.status")))</dt><dd><span class=\"badge\">\(HTML.escape(page.label("consultation.submissionStatus", submission.status.rawValue)))</span>"
        if let published = submission.publishedAt { html += " " + HTML.escape(page.t("consultation.version.publishedOn", day(published))) }
        html += "</dd>"
        if submission.status == .rejected, !submission.reason.isEmpty {
            html += "<dt>\(HTML.escape(page.t("consultation.submission.reason")))</dt><dd>\(HTML.escape(submission.reason))</dd>"
        }
        if let attachment = submission.attachment {
            html += "<dt>\(HTML.escape(page.t("consultation.submission.attachment")))</dt><dd><a \(HTML.attribute("href", "/api/v1/submissions/\(submission.id)/attachment")) download>"
            html += "\(HTML.escape(attachment.fileName))</a> (\(HTML.escape(HTML.bytes(attachment.bytes))))</dd>"
        }
        html += "</dl>"
        html += paragraphs(submission.text)
        if isSecretariat { html += decisionForms(page, submission, back: "/submissions/\(submission.id)") }
        return Layout.page(page.t("consultation.submission.title", String(submission.id)), page, content: html)
    }

    /// Accept, or reject with a reason (the Secretariat).
    static func decisionForms(_ page: PageContext, _ submission: SubmissionRecord, back: String) -> String {
        let id = submission.id
        var html = "<div class=\"cons-decision\">"
        if submission.status != .accepted {
            html += "<form method=\"post\" class=\"inline\" \(HTML.attribute("action", "/submissions/\(id)/decision"))>\(page.csrfField)"
            html += "<input type=\"hidden\" name=\"status\" value=\"accepted\"><input type=\"hidden\" name=\"next\" \(HTML.attribute("value", back))>"
            html += "<button type=\"submit\" \(HTML.attribute("id", "accept-\(id)"))>\(HTML.escape(page.t("consultation.moderation.accept")))</button></form>"
        }
        if submission.status != .rejected {
            html += "<form method=\"post\" class=\"inline\" \(HTML.attribute("action", "/submissions/\(id)/decision"))>\(page.csrfField)"
            html += "<input type=\"hidden\" name=\"status\" value=\"rejected\"><input type=\"hidden\" name=\"next\" \(HTML.attribute("value", back))>"
            html += "<label \(HTML.attribute("for", "reason-\(id)"))>\(HTML.escape(page.t("consultation.submission.reason")))</label> "
            html += "<input type=\"text\" name=\"reason\" required maxlength=\"2000\" \(HTML.attribute("id", "reason-\(id)"))> "
            html += "<button type=\"submit\" class=\"danger\" \(HTML.attribute("id", "reject-\(id)"))>\(HTML.escape(page.t("consultation.moderation.reject")))</button></form>"
        }
        return html + "</div>"
    }

    // MARK: Lists

    struct ListFilter: Sendable {
        var issue: Int?
        var authorType: AuthorType?
    }

    /// Published submissions (or the moderation queue when `moderation`).
    static func submissions(
        _ page: PageContext, version: PaperVersionRecord, issues: [IssueRecord], items: [SubmissionRecord], next: Int64?,
        filter: ListFilter, moderation: Bool
    ) -> Response {
        var html = "<p class=\"lead\"><a \(HTML.attribute("href", "/papers/\(version.paperID)?version=\(version.id)"))>\(text(version.title, page))</a>"
        html += " · \(HTML.escape(page.t("consultation.version.number", String(version.number))))</p>"
        let base = moderation ? "/paper-versions/\(version.id)/moderation" : "/paper-versions/\(version.id)/submissions"
        if !moderation {
            html += "<form method=\"get\" class=\"filters\" \(HTML.attribute("action", base))>"
            html += "<div class=\"field\"><label for=\"filter-issue\">\(HTML.escape(page.t("consultation.filter.issue")))</label><select id=\"filter-issue\" name=\"issue\"><option value=\"\">\(HTML.escape(page.t("consultation.filter.all")))</option>"
            html += HTML.options(issues.map { (String($0.number), page.t("consultation.issue.number", String($0.number)) + " " + $0.title.text(in: page.language)) }, selected: filter.issue.map(String.init))
            html += "</select></div><div class=\"field\"><label for=\"filter-author\">\(HTML.escape(page.t("consultation.submission.authorType")))</label><select id=\"filter-author\" name=\"author_type\"><option value=\"\">\(HTML.escape(page.t("consultation.filter.all")))</option>"
            html += HTML.options(AuthorType.allCases.map { ($0.rawValue, page.label("consultation.authorType", $0.rawValue)) }, selected: filter.authorType?.rawValue)
            html += "</select></div><button type=\"submit\">\(HTML.escape(page.t("consultation.filter.apply")))</button></form>"
            html += "<p class=\"actions\"><span>\(HTML.escape(page.t("consultation.export")))</span> "
            html += "<a \(HTML.attribute("href", "/api/v1/paper-versions/\(version.id)/submissions/export?format=json")) download>JSON</a> "
            html += "<a \(HTML.attribute("href", "/api/v1/paper-versions/\(version.id)/submissions/export?format=csv")) download>CSV</a></p>"
        }
        if items.isEmpty {
            html += Layout.notice(page.t(moderation ? "consultation.moderation.empty" : "consultation.submissions.empty"))
        }
        html += "<ol class=\"cons-submissions\" id=\"submissions\">"
        for submission in items {
            html += "<li \(HTML.attribute("data-submission", String(submission.id)))><article><h2>"
            html += "<a \(HTML.attribute("href", "/submissions/\(submission.id)"))>\(HTML.escape(page.t("consultation.submission.title", String(submission.id))))</a> · "
            html += "\(HTML.escape(submission.authorName))</h2>"
            html += "<p class=\"hint\">\(HTML.escape(page.label("consultation.authorType", submission.authorType.rawValue)))"
            if !submission.country.isEmpty { html += " · \(HTML.escape(submission.country))" }
            html += " · \(HTML.escape(page.t("consultation.submission.issues"))) \(submission.issueNumbers.map(String.init).joined(separator: ", "))"
            if submission.attachment != nil { html += " · PDF" }
            html += "</p>"
            let excerpt = submission.text.count > 600 ? String(submission.text.prefix(600)) + "…" : submission.text
            html += paragraphs(moderation ? submission.text : excerpt)
            if moderation { html += decisionForms(page, submission, back: base) }
            html += "</article></li>"
        }
        html += "</ol>"
        if let next {
            var query = "cursor=\(next)"
            if let issue = filter.issue { query += "&issue=\(issue)" }
            if let type = filter.authorType { query += "&author_type=\(type.rawValue)" }
            html += "<p class=\"pager\"><a \(HTML.attribute("href", "\(base)?\(query)")) rel=\"next\">\(HTML.escape(page.t("pager.next")))</a></p>"
        }
        let title = moderation ? page.t("consultation.moderation.title") : page.t("consultation.submissions.title")
        return Layout.page(title, page, content: html)
    }
}
