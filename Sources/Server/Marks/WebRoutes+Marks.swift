import Hummingbird

extension WebRoutes {
    /// The pages of trademark image search and Vienna suggestions.
    func addMarkRoutes(to pages: RouterGroup<AppRequestContext>) {
    }
}
