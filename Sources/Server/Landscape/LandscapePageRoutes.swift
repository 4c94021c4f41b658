import Core
import Foundation
import Hummingbird
import Landscape
import PatentSearch
import Storage

extension LandscapeRoutes {
    /// Page uploads are read whole into memory: at most this many bytes (larger datasets go through the API, streamed).
    var pageUploadLimit: Int { min(services.configuration.maxUploadBytes, 256 << 20) }

    /// The API routes under `api` and the pages (with the pages' middleware) on `router`.
    func add(to api: RouterGroup<AppRequestContext>, router: Router<AppRequestContext>) {
        add(to: api)
        addPages(to: router.group().add(middleware: WebPageMiddleware(logger: services.logger)))
    }

    func addPages(to pages: RouterGroup<AppRequestContext>) {
        pages.get("landscapes") { request, context -> Response in
            try context.require(.viewer)
            return try await indexPage(PageContext(request, context), error: nil)
        }
        pages.post("landscapes/datasets") { request, context -> Response in
            try context.require(.examiner)
            let page = PageContext(request, context)
            let form: FormData
            do {
                form = try await FormData.read(request, limit: pageUploadLimit)
            } catch let error as APIError {
                return try await indexPage(page, error: error.message)
            }
            let user = try context.requireForChange(.examiner, formToken: form.raw("_csrf"))
            do {
                let name = form["name"].flatMap { $0.isEmpty ? nil : $0 }
                let dataset: LandscapeDataset
                if let raw = form["collection_id"], let collection = Int64(raw) {
                    dataset = try await actions.importCollection(collection, name: name, user: user).0
                } else {
                    guard let file = form.files["file"], !file.bytes.isEmpty else { return try await indexPage(page, error: page.t("landscape.noFile")) }
                    let fileName = String((file.fileName.isEmpty ? "upload.csv" : file.fileName).prefix(200))
                    let format = try LandscapeActions.format(explicit: nil, fileName: fileName, contentType: file.contentType)
                    dataset = try await actions.importUpload(bytes: file.bytes, name: name ?? fileName, fileName: fileName, format: format, user: user).0
                }
                return Response.redirect(to: "/landscapes/datasets/\(dataset.id)", type: .normal)
            } catch let error as APIError {
                return try await indexPage(page, error: error.message)
            } catch let error as IPAIError {
                return try await indexPage(page, error: error.description)
            }
        }
        pages.get("landscapes/datasets/{id}") { request, context -> Response in
            try context.require(.viewer)
            let dataset = try await dataset(context)
            var search: LandscapePages.Search? = nil
            if let query = request.uri.queryParameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty {
                search = await pageSearch(dataset, query)
            }
            return try await datasetPage(PageContext(request, context), dataset, search: search, error: nil)
        }
        pages.post("landscapes/datasets/{id}/reports") { request, context -> Response in
            try context.require(.examiner)
            let page = PageContext(request, context)
            let dataset = try await dataset(context)
            let form: FormData
            do {
                form = try await FormData.read(request, limit: services.configuration.maxRequestBytes)
            } catch let error as APIError {
                return try await datasetPage(page, dataset, search: nil, error: error.message)
            }
            let user = try context.requireForChange(.examiner, formToken: form.raw("_csrf"))
            do {
                func year(_ name: String) throws -> Int? {
                    guard let raw = form[name], !raw.isEmpty else { return nil }
                    guard let value = Int(raw) else { throw APIError.badRequest("\(name) '\(raw)': give a year such as 2016") }
                    return value
                }
                var definition: Data? = nil
                if form["definition_source"] == "file" {
                    guard let file = form.files["definition"], !file.bytes.isEmpty else {
                        return try await datasetPage(page, dataset, search: nil, error: page.t("landscape.noDefinition"))
                    }
                    definition = Data(file.bytes)
                }
                let options = ReportOptions(
                    growthStart: try year("growth_start"), growthEnd: try year("growth_end"),
                    topApplicants: try year("top_n") ?? 20)
                let report = try await actions.runReport(
                    dataset: dataset, definitionJSON: definition, options: options, name: form["name"], user: user).0
                return Response.redirect(to: "/landscapes/reports/\(report.id)", type: .normal)
            } catch let error as APIError {
                return try await datasetPage(page, dataset, search: nil, error: error.message)
            } catch let error as IPAIError {
                return try await datasetPage(page, dataset, search: nil, error: error.description)
            }
        }
        pages.post("landscapes/datasets/{id}/delete") { request, context -> Response in
            try context.require(.administrator)
            let form = try await FormData.read(request, limit: 1 << 16)
            let user = try context.requireForChange(.administrator, formToken: form.raw("_csrf"))
            let dataset = try await dataset(context)
            try await landscapes.deleteDataset(id: dataset.id)
            LandscapeIndexCache.shared.forget(dataset.id)
            try await services.store.audit(user: user, action: "delete landscape dataset", target: "dataset \(dataset.id)", details: dataset.name)
            return Response.redirect(to: "/landscapes", type: .normal)
        }
        pages.get("landscapes/reports/{id}") { request, context -> Response in
            try context.require(.viewer)
            let record = try await reportRecord(context)
            let job = try await record.jobID.asyncMap { id throws(IPAIError) in try await services.store.job(id: id) } ?? nil
            return LandscapePages.report(
                PageContext(request, context), record, dataset: try await landscapes.dataset(id: record.datasetID), job: job,
                report: try landscapes.decodedReport(record))
        }
        pages.post("landscapes/reports/{id}/delete") { request, context -> Response in
            try context.require(.administrator)
            let form = try await FormData.read(request, limit: 1 << 16)
            let user = try context.requireForChange(.administrator, formToken: form.raw("_csrf"))
            let record = try await reportRecord(context)
            try await landscapes.deleteReport(id: record.id)
            try await services.store.audit(user: user, action: "delete landscape report", target: "report \(record.id)", details: record.name)
            return Response.redirect(to: "/landscapes/datasets/\(record.datasetID)", type: .normal)
        }
    }

    func indexPage(_ page: PageContext, error: String?) async throws -> Response {
        let datasets = try await landscapes.datasets(limit: 100).items
        let reports = try await landscapes.reports(limit: 50).items
        let collections = page.can(.examiner) ? try await services.store.collections(limit: 200).items : []
        return LandscapePages.index(page, datasets: datasets, reports: reports, collections: collections, error: error)
    }

    func datasetPage(_ page: PageContext, _ dataset: LandscapeDataset, search: LandscapePages.Search?, error: String?) async throws -> Response {
        let job = try await dataset.jobID.asyncMap { id throws(IPAIError) in try await services.store.job(id: id) } ?? nil
        let reports = try await landscapes.reports(datasetID: dataset.id, limit: 50).items
        return LandscapePages.dataset(page, dataset, job: job, reports: reports, search: search, error: error)
    }

    func pageSearch(_ dataset: LandscapeDataset, _ query: String) async -> LandscapePages.Search {
        do {
            let found = try await actions.search(dataset, query: query, limit: 50)
            return LandscapePages.Search(query: query, count: found.count, ids: found.ids, error: nil)
        } catch let error as IPAIError {
            return LandscapePages.Search(query: query, count: nil, ids: [], error: error.message)
        } catch let error as APIError {
            return LandscapePages.Search(query: query, count: nil, ids: [], error: error.message)
        } catch {
            return LandscapePages.Search(query: query, count: nil, ids: [], error: "\(error)")
        }
    }
}

extension Optional {
    /// The async transform of the wrapped value, nil when there is none.
    fileprivate func asyncMap<U>(_ transform: (Wrapped) async throws(IPAIError) -> U) async throws(IPAIError) -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
