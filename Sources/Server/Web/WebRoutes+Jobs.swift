import Foundation
import Hummingbird
import Storage

/// `/jobs`: the jobs table (live through the page script) and cancelling.
extension WebRoutes {
    func addJobRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("jobs") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let query = request.uri.queryParameters
            let status = query.get("status").flatMap(JobStatus.init(rawValue:))
            let jobs = try await store.jobs(status: status, limit: 50, cursor: query.get("cursor", as: Int64.self))
            var names: [Int64: String] = [:]
            for id in Set(jobs.items.compactMap(\.collectionID)) { names[id] = try await store.collection(id: id)?.name }
            let rows = jobs.items.map { JobPages.Row(job: $0, collectionName: $0.collectionID.flatMap { names[$0] }) }
            return JobPages.list(page, rows: rows, highlight: query.get("job", as: Int64.self), next: jobs.next, status: status?.rawValue)
        }
        // One row, for the page script to refresh a job that ended or appeared.
        pages.get("jobs/{id}/row") { request, context -> Response in
            try context.require(.viewer)
            let page = PageContext(request, context)
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let job = try await store.job(id: id) else { throw APIError.notFound("job \(raw)") }
            var name: String? = nil
            if let collectionID = job.collectionID { name = try await store.collection(id: collectionID)?.name }
            let html = JobPages.row(page, JobPages.Row(job: job, collectionName: name), highlighted: false)
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: .init(string: html)))
        }
        pages.post("jobs/{id}/cancel") { request, context -> Response in
            _ = try await changeForm(request, context, role: .examiner)
            let raw = try context.parameters.require("id")
            guard let id = Int64(raw), let job = try await store.job(id: id) else { throw APIError.notFound("job \(raw)") }
            if !job.status.isFinished { _ = try await store.requestCancel(jobID: job.id) }
            return Response.redirect(to: "/jobs?job=\(job.id)")
        }
    }
}
