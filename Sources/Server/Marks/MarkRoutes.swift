import Hummingbird

/// The `/api/v1` routes of trademark image search and Vienna suggestions.
struct MarkRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
    }
}
