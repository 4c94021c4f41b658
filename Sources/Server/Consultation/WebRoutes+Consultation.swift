import Hummingbird

extension WebRoutes {
    /// The pages of issues papers, calls for comments and submissions.
    func addConsultationRoutes(to pages: RouterGroup<AppRequestContext>) {
    }
}
