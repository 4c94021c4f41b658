import Core
import Foundation
import Hummingbird
import Imaging
import NIOCore
import TrademarkSearch

extension WebRoutes {
    /// The pages of trademark image search and Vienna suggestions.
    func addMarkRoutes(to pages: RouterGroup<AppRequestContext>) {
        let query = MarkQuery(services: services)
        let register = services.marks

        // Search: the form, recent marks, or "more like this" (?like=<id>) with the form's options.
        pages.get("marks") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let parameters = request.uri.queryParameters
            let form = MarkPages.Query { name in parameters.get(name).flatMap { $0.isEmpty ? nil : $0 } }
            let total = try await register.marks.count()
            guard let like = parameters.get("like"), !like.isEmpty else {
                let recent = try await register.marks.list(limit: 24).items
                return MarkPages.search(page, query: form, outcome: nil, recent: recent, total: total, error: nil)
            }
            let mark = try await query.mark(like)
            do {
                let options = try MarkQuery.options(form.values, defaultCount: 20)
                let hits = try register.similar(to: mark.id, options: options)
                let outcome = MarkPages.Outcome(
                    queryImage: "/api/v1/marks/\(mark.id)/image", queryLabel: page.t("marks.likeMark", mark.details.externalID),
                    hits: hits, marks: try await query.marks(of: hits), advice: nil, scheme: nil)
                return MarkPages.search(page, query: form, outcome: outcome, recent: [], total: total, error: nil)
            } catch let error as IPAIError {
                return MarkPages.search(page, query: form, outcome: nil, recent: [], total: total, error: error.message)
            } catch let error as APIError {
                return MarkPages.search(page, query: form, outcome: nil, recent: [], total: total, error: error.message)
            }
        }

        // Search by an uploaded image (multipart, works without script); Vienna suggestions beside.
        pages.post("marks") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let total = try await register.marks.count()
            let (received, failure) = await query.pageUpload(request)
            guard let upload = received else {
                return MarkPages.search(page, query: MarkPages.Query(), outcome: nil, recent: [], total: total, error: failure)
            }
            try context.requireForChange(.viewer, formToken: upload.form.raw("_csrf"))
            let form = MarkPages.Query { upload.form[$0] }
            guard !upload.bytes.isEmpty else {
                return MarkPages.search(page, query: form, outcome: nil, recent: [], total: total, error: page.t("marks.noFile"))
            }
            do {
                let options = try MarkQuery.options(form.values, defaultCount: 20)
                let described = try register.imaging.describe(upload.bytes, name: upload.name)
                let signature = register.imaging.query(described)
                let hits = register.search(query: signature, options: options)
                let scheme = MarkViennaTitles.scheme(services)
                let advice = register.suggestVienna(query: signature, count: 5, suggester: MarkViennaTitles.suggester(scheme))
                let preview = PNGEncoder.encode(described.raster.thumbnail(maxSide: register.imaging.thumbnailSide))
                let outcome = MarkPages.Outcome(
                    queryImage: "data:image/png;base64," + Data(preview).base64EncodedString(), queryLabel: upload.name,
                    hits: hits, marks: try await query.marks(of: hits), advice: advice, scheme: scheme)
                return MarkPages.search(page, query: form, outcome: outcome, recent: [], total: total, error: nil)
            } catch let error as IPAIError {
                return MarkPages.search(page, query: form, outcome: nil, recent: [], total: total, error: error.message)
            } catch let error as APIError {
                return MarkPages.search(page, query: form, outcome: nil, recent: [], total: total, error: error.message)
            }
        }

        // Examiners: add one mark.
        pages.get("marks/new") { request, context -> Response in
            try context.require(.examiner)
            return MarkPages.add(PageContext(request, context), values: FormData(), error: nil)
        }
        pages.post("marks/new") { request, context -> Response in
            try context.require(.examiner)
            let page = PageContext(request, context)
            let (received, failure) = await query.pageUpload(request)
            guard let upload = received else { return MarkPages.add(page, values: FormData(), error: failure) }
            let user = try context.requireForChange(.examiner, formToken: upload.form.raw("_csrf"))
            do {
                let details = try MarkRoutes.details(upload.form)
                let mark = try await register.add(details, image: upload.bytes.isEmpty ? nil : upload.bytes, name: upload.name)
                try await services.store.audit(
                    user: user, action: "add mark", target: "mark \(mark.details.externalID)", details: mark.imageFormat.map { "image \($0)" } ?? "without image")
                return Response.redirect(to: "/marks/\(mark.id)?added=1", type: .normal)
            } catch let error as IPAIError {
                return MarkPages.add(page, values: upload.form, error: error.description)
            }
        }

        // Examiners: import several image files at once.
        pages.get("marks/import") { request, context -> Response in
            try context.require(.examiner)
            return MarkPages.importing(PageContext(request, context), lines: [], error: nil, limit: services.configuration.maxRequestBytes)
        }
        pages.post("marks/import") { request, context -> Response in
            try context.require(.examiner)
            let page = PageContext(request, context)
            let limit = services.configuration.maxRequestBytes
            let contentType = request.headers[.contentType] ?? ""
            let (received, failure) = await query.pageBody(request, limit: limit)
            guard let body = received else { return MarkPages.importing(page, lines: [], error: failure, limit: limit) }
            guard let boundary = FormData.parameter("boundary", in: contentType), contentType.lowercased().hasPrefix("multipart/form-data") else {
                throw APIError.badRequest("the import form must be sent as multipart/form-data")
            }
            let form = try Multipart.parse(body, boundary: boundary)
            let user = try context.requireForChange(.examiner, formToken: form.raw("_csrf"))
            let status = (try? MarkStatus.parse(form["status"] ?? "filed")) ?? .filed
            var lines: [MarkPages.ImportLine] = []
            for file in MarkMultipart.files(body, contentType: contentType) {
                let name = String(file.fileName.prefix(200))
                let id = (name as NSString).deletingPathExtension
                do {
                    try query.checkSize(file.bytes.count)
                    try MarkQuery.checkType(file.bytes, name: name, declared: file.contentType)
                    let details = try MarkDetails(externalID: id, status: status)
                    let mark = try await register.add(details, image: file.bytes, name: name)
                    lines.append(MarkPages.ImportLine(file: name, mark: mark))
                } catch let error as IPAIError {
                    lines.append(MarkPages.ImportLine(file: name, error: error.description))
                } catch let error as APIError {
                    lines.append(MarkPages.ImportLine(file: name, error: error.message))
                }
            }
            let imported = lines.filter { $0.mark != nil }.count
            if imported > 0 {
                try await services.store.audit(user: user, action: "import marks", target: "marks", details: "\(imported) of \(lines.count) files")
            }
            return MarkPages.importing(page, lines: lines, error: lines.isEmpty ? page.t("marks.noFile") : nil, limit: limit)
        }

        // One mark, with the marks that look like it.
        pages.get("marks/{id}") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let mark = try await query.mark(try context.parameters.require("id"))
            let similar = mark.imageFormat == nil ? [] : ((try? register.similar(to: mark.id, options: MarkSearchOptions(count: 12))) ?? [])
            let notice = request.uri.queryParameters.get("added") != nil ? page.t("marks.addedNotice") : nil
            return MarkPages.mark(page, mark, similar: similar, marks: try await query.marks(of: similar), notice: notice)
        }
        pages.post("marks/{id}/delete") { request, context -> Response in
            let (_, user) = try await changeForm(request, context, role: .examiner)
            let mark = try await query.mark(try context.parameters.require("id"))
            try await register.delete(id: mark.id)
            try await services.store.audit(user: user, action: "delete mark", target: "mark \(mark.details.externalID)", details: mark.details.name)
            return Response.redirect(to: "/marks", type: .normal)
        }
    }
}
