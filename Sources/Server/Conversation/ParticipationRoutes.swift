import Hummingbird

/// The `/api/v1` routes of participation: sign-up, registrations, credentials, focal points.
struct ParticipationRoutes {
    let services: ServerServices

    func add(to api: RouterGroup<AppRequestContext>) {
    }
}
