import Foundation
import Hummingbird

/// The API's OpenAPI 3.1 document (committed in `Resources/openapi.json`) and a browsable page.
struct DocumentationRoutes {
    let services: ServerServices

    static let document: Data = {
        guard let url = Bundle.module.url(forResource: "Resources/openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url)
        else { return Data("{}".utf8) }
        return data
    }()

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        api.get("openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.document)))
        }
    }
}
