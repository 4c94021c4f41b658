import Hummingbird

/// The `/api/v1` routes of the index of AI initiatives and its surveys.
struct InitiativeRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
    }
}
