import Hummingbird

extension WebRoutes {
    /// The pages of participation: sign-up, registration, approvals, focal points.
    func addParticipationRoutes(to pages: RouterGroup<AppRequestContext>) {
    }
}
