import Foundation
import Hummingbird
import Storage

/// The server-rendered web interface.
struct WebRoutes {
    let services: ServerServices

    func add(to router: Router<AppRequestContext>) {
        router.get("/") { _, context -> Response in
            guard context.identity != nil else { return Response.redirect(to: "/login") }
            return Response.redirect(to: "/api/docs")
        }
    }
}
