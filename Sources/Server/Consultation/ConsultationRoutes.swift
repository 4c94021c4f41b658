import Consultation
import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// The `/api/v1` routes of issues papers, calls for comments and submissions. Reading published
/// papers and submissions needs no sign-in (the public follows the consultation); changes need
/// the Secretariat of the paper's conversation, except sending a submission (any signed-in user
/// while the call is open). Refusals and moderation decisions go to the audit log.
struct ConsultationRoutes {
    let services: ServerServices
    var gate: ConsultationGate { ConsultationGate(services: services) }
    var access: ConversationAccess { gate.access }
    var consultations: ConsultationStore { gate.consultations }

    func add(to api: RouterGroup<AppRequestContext>) {
        addPaperRoutes(to: api)
        addSubmissionRoutes(to: api)
    }

    func addPaperRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("conversations/{id}/papers") { _, context -> Response in
            let conversation = try await gate.conversation(try context.parameters.require("id"))
            var result: [PaperDTO] = []
            for paper in try await consultations.papers(conversationID: conversation.id) {
                let versions = try await gate.visibleVersions(paper, context)
                if !versions.isEmpty { result.append(PaperDTO(paper, versions: versions)) }
            }
            return try Response.json(["items": result])
        }
        api.post("conversations/{id}/papers") { request, context -> Response in
            let conversation = try await gate.conversation(try context.parameters.require("id"))
            let user = try await access.requireSecretariat(
                context, conversationID: conversation.id, action: "consultation.paper.create", target: "conversation \(conversation.id)")
            let body = try await request.decodeJSON(as: NewPaperRequest.self, context: context)
            let paper = try await consultations.createPaper(
                conversationID: conversation.id, title: body.title, intro: body.intro ?? LocalizedText(), createdBy: user.id)
            try await access.audit(user, action: "consultation.paper.create", target: "paper \(paper.id)")
            return try Response.json(PaperDTO(paper, versions: try await consultations.versions(paperID: paper.id)), status: .created)
        }
        api.get("papers/{id}") { _, context -> Response in
            let paper = try await gate.paper(try context.parameters.require("id"))
            let versions = try await gate.visibleVersions(paper, context)
            guard !versions.isEmpty else { throw APIError.notFound("issues paper \(paper.id)") }
            return try Response.json(PaperDTO(paper, versions: versions))
        }
        api.post("papers/{id}/versions") { _, context -> Response in
            let paper = try await gate.paper(try context.parameters.require("id"))
            let user = try await access.requireSecretariat(
                context, conversationID: paper.conversationID, action: "consultation.version.create", target: "paper \(paper.id)")
            let version = try await consultations.createVersion(paperID: paper.id)
            try await access.audit(user, action: "consultation.version.create", target: "paper \(paper.id)", details: "version \(version.number)")
            return try Response.json(try await gate.versionDetail(version), status: .created)
        }
        api.get("paper-versions/{id}") { _, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            return try Response.json(try await gate.versionDetail(version))
        }
        api.patch("paper-versions/{id}") { request, context -> Response in
            let version = try await secretariatVersion(context, action: "consultation.version.edit")
            let body = try await request.decodeJSON(as: VersionDocumentRequest.self, context: context)
            let updated = try await consultations.updateVersion(id: version.id, document: body.document)
            return try Response.json(try await gate.versionDetail(updated))
        }
        api.post("paper-versions/{id}/publish") { _, context -> Response in
            let version = try await secretariatVersion(context, action: "consultation.version.publish")
            let published = try await consultations.publishVersion(id: version.id)
            if let user = context.identity?.user {
                try await access.audit(user, action: "consultation.version.publish", target: "paper version \(version.id)")
            }
            return try Response.json(try await gate.versionDetail(published))
        }
        api.post("paper-versions/{id}/call") { request, context -> Response in
            let version = try await secretariatVersion(context, action: "consultation.call.set")
            let body = try await request.decodeJSON(as: CallRequest.self, context: context)
            let call = try await consultations.setCall(versionID: version.id, opensOn: body.opensAt, closesOn: body.closesAt)
            if let user = context.identity?.user {
                try await access.audit(
                    user, action: "consultation.call.set", target: "paper version \(version.id)", details: "\(call.opensOn) to \(call.closesOn)")
            }
            return try Response.json(CallDTO(call))
        }
        api.put("paper-versions/{id}/issues/{number}/sources") { request, context -> Response in
            let version = try await secretariatVersion(context, action: "consultation.sources.set")
            let raw = try context.parameters.require("number")
            guard let number = Int(raw) else { throw APIError.notFound("issue \(raw)") }
            let body = try await request.decodeJSON(as: IssueSourcesRequest.self, context: context)
            var ids: [Int64] = []
            for text in body.submissionIDs {
                guard let id = Int64(text) else { throw APIError.badRequest("submission_ids: '\(text)' is not a submission id") }
                ids.append(id)
            }
            let stored = try await consultations.setSources(versionID: version.id, issueNumber: number, submissionIDs: ids)
            if let user = context.identity?.user {
                try await access.audit(
                    user, action: "consultation.sources.set", target: "paper version \(version.id) issue \(number)",
                    details: stored.map(String.init).joined(separator: ","))
            }
            return try Response.json(IssueSourcesDTO(number: number, submissionIDs: stored.map(String.init)))
        }
    }

    func addSubmissionRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("paper-versions/{id}/submissions") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            let query = request.uri.queryParameters
            var status: SubmissionStatus? = .accepted
            if let raw = query.get("status"), !raw.isEmpty {
                guard let parsed = SubmissionStatus(rawValue: raw) else {
                    throw APIError.badRequest("status '\(raw)': use pending, accepted or rejected")
                }
                status = parsed
            } else if try await gate.isSecretariat(context, conversationID: version.conversationID) {
                status = nil
            }
            var userID: Int64? = nil
            if try request.flag("mine") {
                userID = try access.requireUser(context).id
                if query.get("status") == nil { status = nil }
            } else if status != .accepted, try await !gate.isSecretariat(context, conversationID: version.conversationID) {
                throw await access.refuse(
                    context.identity?.user, action: "consultation.queue.read", target: "paper version \(version.id)",
                    reason: "only the Secretariat sees submissions that are not published")
            }
            let issue = try query.get("issue").map { raw -> Int in
                guard let value = Int(raw) else { throw APIError.badRequest("issue '\(raw)': use an issue number") }
                return value
            }
            let authorType = try query.get("author_type").flatMap { raw -> AuthorType? in
                guard !raw.isEmpty else { return nil }
                guard let value = AuthorType(rawValue: raw) else {
                    throw APIError.badRequest("author_type '\(raw)': use one of \(AuthorType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            let page = try await consultations.submissions(
                versionID: version.id, status: status, issueNumber: issue, authorType: authorType, userID: userID,
                limit: try request.pageLimit, cursor: try request.pageCursor)
            return try Response.json(SubmissionPageDTO(items: page.items.map(SubmissionDTO.init), nextCursor: page.next.map(String.init)))
        }
        api.post("paper-versions/{id}/submissions") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            let user = try await access.requireChange(context, action: "consultation.submission.create", target: "paper version \(version.id)")
            let body = try await request.decodeJSON(as: NewSubmissionRequest.self, context: context)
            let submission = try await consultations.createSubmission(
                versionID: version.id, userID: user.id, authorType: body.authorType, authorName: body.authorName,
                country: body.country ?? "", text: body.text, issueNumbers: body.issues)
            return try Response.json(SubmissionDTO(submission), status: .created)
        }
        api.get("paper-versions/{id}/submissions/export") { request, context -> Response in
            let version = try await gate.version(try context.parameters.require("id"), context)
            return try await gate.export(version).response(format: request.uri.queryParameters.get("format").map { String($0) })
        }
        api.get("submissions/{id}") { _, context -> Response in
            try Response.json(SubmissionDTO(try await gate.submission(try context.parameters.require("id"), context)))
        }
        api.post("submissions/{id}/decision") { request, context -> Response in
            let submission = try await gate.submission(try context.parameters.require("id"), context)
            let user = try await access.requireSecretariat(
                context, conversationID: submission.conversationID, action: "consultation.submission.decide",
                target: "submission \(submission.id)")
            let body = try await request.decodeJSON(as: SubmissionDecisionRequest.self, context: context)
            let decided = try await decide(submission, status: body.status, reason: body.reason ?? "", by: user)
            return try Response.json(SubmissionDTO(decided))
        }
        api.get("submissions/{id}/attachment") { _, context -> Response in
            let submission = try await gate.submission(try context.parameters.require("id"), context)
            return try await attachmentResponse(submission)
        }
        api.put("submissions/{id}/attachment") { request, context -> Response in
            let submission = try await gate.submission(try context.parameters.require("id"), context)
            let user = try await access.requireChange(context, action: "consultation.attachment.upload", target: "submission \(submission.id)")
            guard submission.userID == user.id else {
                throw await access.refuse(
                    user, action: "consultation.attachment.upload", target: "submission \(submission.id)",
                    reason: "only the author of a submission may attach its PDF")
            }
            let bytes = try await Self.body(request, limit: ConsultationStore.maximumAttachmentBytes, what: "PDF attachment")
            let name = request.uri.queryParameters.get("file_name").map { String($0) } ?? "submission-\(submission.id).pdf"
            _ = try await consultations.setAttachment(submissionID: submission.id, fileName: name, data: bytes)
            return try Response.json(SubmissionDTO(try await consultations.submission(id: submission.id) ?? submission))
        }
    }

    // MARK: Shared with the pages

    /// The version in the path, for a Secretariat change (refusals audited).
    func secretariatVersion(_ context: AppRequestContext, formToken: String? = nil, action: String) async throws -> PaperVersionRecord {
        let raw = try context.parameters.require("id")
        guard let version = try await consultations.version(id: try ConsultationGate.id(raw, "paper version")) else {
            throw APIError.notFound("paper version \(raw)")
        }
        try await access.requireSecretariat(
            context, conversationID: version.conversationID, formToken: formToken, action: action, target: "paper version \(version.id)")
        return version
    }

    /// Records a moderation decision and writes it to the audit log.
    func decide(_ submission: SubmissionRecord, status: SubmissionStatus, reason: String, by user: UserRecord) async throws -> SubmissionRecord {
        guard let decided = try await consultations.decide(submissionID: submission.id, status: status, reason: reason, decidedBy: user.id) else {
            throw APIError.notFound("submission \(submission.id)")
        }
        try await access.audit(
            user, action: "consultation.submission.\(status.rawValue)", target: "submission \(submission.id)",
            details: status == .rejected ? reason : "")
        return decided
    }

    /// The PDF as a download no browser shows inline or runs: `attachment`, `nosniff`, sandboxed.
    func attachmentResponse(_ submission: SubmissionRecord) async throws -> Response {
        guard let (info, bytes) = try await consultations.attachment(submissionID: submission.id) else {
            throw APIError(.notFound, code: "not_found", "submission \(submission.id) has no attachment")
        }
        var headers: HTTPFields = [
            .contentType: "application/pdf",
            .contentDisposition: "attachment; filename=\"\(info.fileName)\"",
            .contentSecurityPolicy: "sandbox",
            .cacheControl: submission.isPublished ? "public, max-age=300" : "private, no-store",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The request body, at most `limit` bytes; 413 naming `what` over it.
    static func body(_ request: Request, limit: Int, what: String) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit, what: what)
        }
    }
}
