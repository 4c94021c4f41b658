import Hummingbird

extension WebRoutes {
    /// The pages of structure, participation and outcomes.
    func addConversationRoutes(to pages: RouterGroup<AppRequestContext>) {
    }
}
