import Hummingbird

extension WebRoutes {
    /// The pages of the list of speakers, the moderator console, the public display and the record.
    func addFloorRoutes(to pages: RouterGroup<AppRequestContext>) {
    }
}
