import Hummingbird

/// The `/api/v1` routes of the list of speakers, the moderator console, the public display and the record.
struct FloorRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
    }
}
