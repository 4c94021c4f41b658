import Consultation
import Conversation
import Core
import Foundation
import Hummingbird
import Storage

extension WebRoutes {
    /// The pages of issues papers, calls for comments and submissions. Reading is public; every
    /// change is a POST form with the session's CSRF token, checked (and refusals audited) by
    /// ``ConversationAccess`` exactly as the API checks it.
    func addConsultationRoutes(to pages: RouterGroup<AppRequestContext>) {
        let gate = ConsultationGate(services: services)
        let routes = ConsultationRoutes(services: services)
        let consultations = gate.consultations
        let access = gate.access

        pages.get("consultations") { request, context -> Response in
            let page = PageContext(request, context)
            var conversation: ConversationRecord? = nil
            if let raw = request.uri.queryParameters.get("conversation"), !raw.isEmpty {
                conversation = try await gate.conversation(String(raw))
            }
            var rows: [ConsultationPages.PaperRow] = []
            var titles: [Int64: LocalizedText] = [:]
            for paper in try await consultations.papers(conversationID: conversation?.id) {
                guard let latest = try await gate.visibleVersions(paper, context).last else { continue }
                if titles[paper.conversationID] == nil {
                    titles[paper.conversationID] = try await ConversationStore(store).conversation(id: paper.conversationID)?.title ?? LocalizedText()
                }
                rows.append(ConsultationPages.PaperRow(paper: paper, conversationTitle: titles[paper.conversationID] ?? LocalizedText(), version: latest))
            }
            var mayCreate = false
            if let conversation { mayCreate = try await gate.isSecretariat(context, conversationID: conversation.id) }
            return ConsultationPages.list(
                page, rows: rows, conversation: conversation.map { ($0.id, $0.title) }, mayCreate: mayCreate)
        }
        pages.post("consultations") { request, context -> Response in
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            let conversation = try await gate.conversation(form["conversation_id"] ?? "")
            let user = try await access.requireSecretariat(
                context, conversationID: conversation.id, formToken: form.raw("_csrf"), action: "consultation.paper.create",
                target: "conversation \(conversation.id)")
            let paper = try await consultations.createPaper(
                conversationID: conversation.id, title: ConsultationPages.localized(form, "title"),
                intro: ConsultationPages.localized(form, "intro"), createdBy: user.id)
            try await access.audit(user, action: "consultation.paper.create", target: "paper \(paper.id)")
            return Response.redirect(to: "/papers/\(paper.id)")
        }

        pages.get("papers/{id}") { request, context -> Response in
            let paper = try await gate.paper(try context.parameters.require("id"))
            let versions = try await gate.visibleVersions(paper, context)
            let chosen = request.uri.queryParameters.get("version").flatMap { Int64($0) }
            guard let version = versions.first(where: { $0.id == chosen }) ?? versions.last else {
                throw APIError.notFound("issues paper \(paper.id)")
            }
            let view = ConsultationPages.PaperView(
                paper: paper, conversationTitle: try await ConversationStore(store).conversation(id: paper.conversationID)?.title ?? LocalizedText(),
                versions: versions, version: version, issues: try await consultations.issues(versionID: version.id),
                counts: try await consultations.publishedCounts(versionID: version.id),
                sources: try await consultations.sources(versionID: version.id),
                isSecretariat: try await gate.isSecretariat(context, conversationID: paper.conversationID),
                notice: request.uri.queryParameters.get("done").map { PageContext(request, context).label("consultation.done", String($0)) })
            return ConsultationPages.paper(PageContext(request, context), view)
        }
        pages.post("papers/{id}/versions") { request, context -> Response in
            let form = try await FormData.read(request, limit: 64 * 1024)
            let paper = try await gate.paper(try context.parameters.require("id"))
            let user = try await access.requireSecretariat(
                context, conversationID: paper.conversationID, formToken: form.raw("_csrf"), action: "consultation.version.create",
                target: "paper \(paper.id)")
            let version = try await consultations.createVersion(paperID: paper.id)
            try await access.audit(user, action: "consultation.version.create", target: "paper \(paper.id)", details: "version \(version.number)")
            return Response.redirect(to: "/paper-versions/\(version.id)/edit")
        }

        // The Secretariat's changes to a version.
        pages.get("paper-versions/{id}/edit") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            try context.require(.viewer)
            guard try await gate.isSecretariat(context, conversationID: version.conversationID) else {
                throw await access.refuse(context.identity?.user, action: "consultation.version.edit", target: "paper version \(version.id)", reason: "only the Secretariat may edit a paper")
            }
            guard !version.isPublished else { return Response.redirect(to: "/papers/\(version.paperID)?version=\(version.id)") }
            let language = Self.contentLanguage(request.uri.queryParameters.get("content").map { String($0) })
            return ConsultationPages.edit(
                PageContext(request, context), version: version, issues: try await consultations.issues(versionID: version.id), contentLanguage: language)
        }
        pages.post("paper-versions/{id}/edit") { request, context -> Response in
            let form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            let version = try await routes.secretariatVersion(context, formToken: form.raw("_csrf"), action: "consultation.version.edit")
            let issues = try await consultations.issues(versionID: version.id)
            let language = Self.contentLanguage(form["content"])
            if let message = await Self.failure({
                let document = try ConsultationPages.document(from: form, version: version, issues: issues, language: language)
                _ = try await consultations.updateVersion(id: version.id, document: document)
            }) {
                return ConsultationPages.edit(
                    PageContext(request, context), version: version, issues: issues, contentLanguage: language, error: message)
            }
            return Response.redirect(to: "/papers/\(version.paperID)?version=\(version.id)&done=saved")
        }
        pages.post("paper-versions/{id}/publish") { request, context -> Response in
            let form = try await FormData.read(request, limit: 64 * 1024)
            let version = try await routes.secretariatVersion(context, formToken: form.raw("_csrf"), action: "consultation.version.publish")
            _ = try await consultations.publishVersion(id: version.id)
            if let user = context.identity?.user {
                try await access.audit(user, action: "consultation.version.publish", target: "paper version \(version.id)")
            }
            return Response.redirect(to: "/papers/\(version.paperID)?version=\(version.id)&done=published")
        }
        pages.post("paper-versions/{id}/call") { request, context -> Response in
            let form = try await FormData.read(request, limit: 64 * 1024)
            let version = try await routes.secretariatVersion(context, formToken: form.raw("_csrf"), action: "consultation.call.set")
            let call = try await consultations.setCall(versionID: version.id, opensOn: form["opens_at"] ?? "", closesOn: form["closes_at"] ?? "")
            if let user = context.identity?.user {
                try await access.audit(user, action: "consultation.call.set", target: "paper version \(version.id)", details: "\(call.opensOn) to \(call.closesOn)")
            }
            return Response.redirect(to: "/papers/\(version.paperID)?version=\(version.id)&done=call")
        }
        pages.post("paper-versions/{id}/issues/{number}/sources") { request, context -> Response in
            let form = try await FormData.read(request, limit: 64 * 1024)
            let version = try await routes.secretariatVersion(context, formToken: form.raw("_csrf"), action: "consultation.sources.set")
            let raw = try context.parameters.require("number")
            guard let number = Int(raw) else { throw APIError.notFound("issue \(raw)") }
            var ids: [Int64] = []
            for part in (form.raw("submission_ids") ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
                guard let id = Int64(part) else { throw APIError.badRequest("'\(part)' is not a submission number; list numbers separated by commas") }
                ids.append(id)
            }
            let stored = try await consultations.setSources(versionID: version.id, issueNumber: number, submissionIDs: ids)
            if let user = context.identity?.user {
                try await access.audit(
                    user, action: "consultation.sources.set", target: "paper version \(version.id) issue \(number)",
                    details: stored.map(String.init).joined(separator: ","))
            }
            return Response.redirect(to: "/papers/\(version.paperID)?version=\(version.id)&done=sources#issue-\(number)")
        }

        // Submissions.
        pages.get("paper-versions/{id}/submit") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            try context.require(.viewer)
            return ConsultationPages.submitForm(
                PageContext(request, context), version: version, issues: try await consultations.issues(versionID: version.id))
        }
        pages.post("paper-versions/{id}/submit") { request, context -> Response in
            let form = try await FormData.read(request, limit: ConsultationStore.maximumAttachmentBytes + 1024 * 1024)
            let version = try await gate.version(try context.parameters.require("id"), context)
            let user = try await access.requireChange(
                context, formToken: form.raw("_csrf"), action: "consultation.submission.create", target: "paper version \(version.id)")
            let draft = ConsultationPages.SubmissionDraft(
                authorType: form["author_type"] ?? "", authorName: form.raw("author_name") ?? "", country: form.raw("country") ?? "",
                text: form.raw("text") ?? "", issues: Set(form.all("issues").compactMap { Int($0) }))
            let file = form.files["attachment"].flatMap { $0.bytes.isEmpty ? nil : $0 }
            let sent = await Self.submit(consultations, version: version, user: user, draft: draft, file: file)
            switch sent {
            case .success(let submission):
                return Response.redirect(to: "/submissions/\(submission.id)?done=sent")
            case .failure(let message):
                return ConsultationPages.submitForm(
                    PageContext(request, context), version: version, issues: try await consultations.issues(versionID: version.id),
                    draft: draft, error: message)
            }
        }
        pages.get("submissions/{id}") { request, context -> Response in
            let submission = try await gate.submission(try context.parameters.require("id"), context)
            guard let version = try await consultations.version(id: submission.versionID) else { throw APIError.notFound("submission \(submission.id)") }
            let page = PageContext(request, context)
            return ConsultationPages.submission(
                page, submission, version: version, isSecretariat: try await gate.isSecretariat(context, conversationID: submission.conversationID),
                notice: request.uri.queryParameters.get("done").map { page.label("consultation.done", String($0)) })
        }
        pages.post("submissions/{id}/decision") { request, context -> Response in
            let form = try await FormData.read(request, limit: 64 * 1024)
            let submission = try await gate.submission(try context.parameters.require("id"), context)
            let user = try await access.requireSecretariat(
                context, conversationID: submission.conversationID, formToken: form.raw("_csrf"), action: "consultation.submission.decide",
                target: "submission \(submission.id)")
            guard let status = SubmissionStatus(rawValue: form["status"] ?? ""), status != .pending else {
                throw APIError.badRequest("status: use accepted or rejected")
            }
            _ = try await routes.decide(submission, status: status, reason: form.raw("reason") ?? "", by: user)
            return Response.redirect(to: Self.safeTarget(form["next"], fallback: "/submissions/\(submission.id)"))
        }
        pages.get("paper-versions/{id}/submissions") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            let query = request.uri.queryParameters
            let filter = ConsultationPages.ListFilter(
                issue: query.get("issue").flatMap { Int($0) }, authorType: query.get("author_type").flatMap { AuthorType(rawValue: String($0)) })
            let found = try await consultations.submissions(
                versionID: version.id, status: .accepted, issueNumber: filter.issue, authorType: filter.authorType, limit: request.limit,
                cursor: request.cursor)
            return ConsultationPages.submissions(
                PageContext(request, context), version: version, issues: try await consultations.issues(versionID: version.id),
                items: found.items, next: found.next, filter: filter, moderation: false)
        }
        pages.get("paper-versions/{id}/moderation") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            try context.require(.viewer)
            guard try await gate.isSecretariat(context, conversationID: version.conversationID) else {
                throw await access.refuse(
                    context.identity?.user, action: "consultation.queue.read", target: "paper version \(version.id)",
                    reason: "only the Secretariat sees the moderation queue")
            }
            let found = try await consultations.submissions(versionID: version.id, status: .pending, limit: request.limit, cursor: request.cursor)
            return ConsultationPages.submissions(
                PageContext(request, context), version: version, issues: try await consultations.issues(versionID: version.id),
                items: found.items, next: found.next, filter: ConsultationPages.ListFilter(), moderation: true)
        }
    }

    static func contentLanguage(_ raw: String?) -> String {
        guard let raw, ConsultationPages.languages.contains(raw) else { return "en" }
        return raw
    }

    enum SubmitOutcome: Sendable {
        case success(SubmissionRecord)
        case failure(String)
    }

    /// Sends the submission and its PDF; a refusal comes back as its message for the form.
    static func submit(
        _ consultations: ConsultationStore, version: PaperVersionRecord, user: UserRecord, draft: ConsultationPages.SubmissionDraft,
        file: FormData.File?
    ) async -> SubmitOutcome {
        guard let type = AuthorType(rawValue: draft.authorType) else { return .failure("choose the author type") }
        if let file, !file.bytes.starts(with: Array("%PDF-".utf8)) {
            return .failure("the attachment is not a PDF file (it does not start with %PDF-); attach a PDF")
        }
        do {
            let submission = try await consultations.createSubmission(
                versionID: version.id, userID: user.id, authorType: type, authorName: draft.authorName, country: draft.country,
                text: draft.text, issueNumbers: Array(draft.issues))
            if let file {
                _ = try await consultations.setAttachment(submissionID: submission.id, fileName: file.fileName, data: file.bytes)
            }
            return .success(submission)
        } catch {
            return .failure(error.description)
        }
    }

    /// The message of the error `body` throws, or nil when it succeeds.
    static func failure(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as IPAIError {
            return error.description
        } catch let error as APIError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
