import Hummingbird

extension WebRoutes {
    /// The pages of the index of AI initiatives and its surveys.
    func addInitiativeRoutes(to pages: RouterGroup<AppRequestContext>) {
    }
}
