import Hummingbird

/// The `/api/v1` routes of structure, participation and outcomes.
struct ConversationRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
    }
}
