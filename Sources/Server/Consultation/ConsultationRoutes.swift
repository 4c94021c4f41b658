import Hummingbird

/// The `/api/v1` routes of issues papers, calls for comments and submissions.
struct ConsultationRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
    }
}
