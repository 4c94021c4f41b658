import Foundation
import Hummingbird
import Storage

/// The server-rendered web interface: pages for classifying, collections, models, jobs and
/// administration, each a plain Swift function building HTML (see `Pages/`).
struct WebRoutes {
    let services: ServerServices
    var store: Store { services.store }

    func add(to router: Router<AppRequestContext>) {
        router.get("static/{file}") { _, context -> Response in
            WebAssets.response(for: try context.parameters.require("file"))
        }
        let pages = router.group().add(middleware: WebPageMiddleware(logger: services.logger))
        addAccountRoutes(to: pages)
        addClassifyRoutes(to: pages)
        addCollectionRoutes(to: pages)
        addModelRoutes(to: pages)
        addJobRoutes(to: pages)
        addAdminRoutes(to: pages)
        addConversationRoutes(to: pages)
        addParticipationRoutes(to: pages)
        addFloorRoutes(to: pages)
        addConsultationRoutes(to: pages)
        addInitiativeRoutes(to: pages)
        addMarkRoutes(to: pages)
    }

    /// The form of a request that changes something, after checking the role and the form's CSRF token.
    func changeForm(_ request: Request, _ context: AppRequestContext, role: Role, limit: Int? = nil) async throws -> (FormData, UserRecord) {
        let form = try await FormData.read(request, limit: limit ?? services.configuration.maxRequestBytes)
        let user = try context.requireForChange(role, formToken: form.raw("_csrf"))
        return (form, user)
    }

    /// A redirect after a form: to a path of this site only.
    static func safeTarget(_ next: String?, fallback: String = "/") -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return fallback }
        return next
    }
}
