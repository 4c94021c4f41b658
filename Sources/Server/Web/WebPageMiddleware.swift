import Core
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage

/// Wraps every page route: sends users who must change their password to that form, turns
/// errors into pages (a sign-in redirect, a 403 or 404 page, a message), remembers `?lang=` in a
/// cookie and adds the security headers.
struct WebPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let logger: Logger

    static let passwordExempt: Set<String> = ["/password", "/logout", "/login"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let user = context.identity?.user, user.mustChangePassword, !Self.passwordExempt.contains(request.uri.path) {
            response = Response.redirect(to: "/password?next=" + HTML.queryValue(PageContext(request, context).pathAndQuery))
        } else {
            do {
                response = try await next(request, context)
            } catch {
                response = errorResponse(error, request: request, context: context)
            }
        }
        if let language = request.uri.queryParameters.get("lang"), Localization.catalogues[language] != nil {
            response.setCookie(Cookie(
                name: "ipai_lang", value: language, maxAge: 365 * 24 * 3600, path: "/", httpOnly: false, sameSite: .lax))
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return response
    }

    /// The page for an error a route threw.
    func errorResponse(_ error: any Error, request: Request, context: Context) -> Response {
        let page = PageContext(request, context)
        var status = HTTPResponse.Status.internalServerError
        var code = "internal"
        var message = ""
        if let error = error as? APIError {
            status = error.status
            code = error.code
            message = error.message
        } else if let error = error as? IPAIError {
            let api = APIError(error)
            status = api.status
            code = api.code
            message = error.message
        } else if let error = error as? HTTPError {
            status = error.status
            code = "http_\(error.status.code)"
            message = error.body ?? error.status.reasonPhrase
        } else {
            logger.error("page \(request.uri.path) failed: \(error)")
        }
        if status == .unauthorized {
            // After signing in, come back here (for a form, to the page that showed it).
            let back = request.method == .get ? page.pathAndQuery : "/"
            return Response.redirect(to: "/login?next=" + HTML.queryValue(back))
        }
        var back: String? = nil
        if let referer = request.headers[.referer], let url = URL(string: referer), !url.path.isEmpty, url.path != request.uri.path {
            back = url.path + (url.query.map { "?" + $0 } ?? "")
        }
        return ErrorPages.page(status: status, code: code, message: message, back: back, page)
    }
}

/// The 403, 404 and other error pages.
enum ErrorPages {
    static func page(status: HTTPResponse.Status, code: String, message: String, back: String? = nil, _ page: PageContext) -> Response {
        let title: String
        var explanation: String
        switch status {
        case .forbidden:
            title = page.t("error.forbidden.title")
            explanation = code == "csrf" ? page.t("error.csrf") : page.t("error.forbidden.text")
        case .notFound:
            title = page.t("error.notFound.title")
            explanation = page.t("error.notFound.text")
        case .internalServerError:
            title = page.t("error.internal.title")
            explanation = page.t("error.internal.text")
        default:
            title = page.t("error.request.title")
            explanation = page.t("error.request.text")
        }
        var content = "<div class=\"notice error\" role=\"alert\"><p>\(HTML.escape(explanation))</p>"
        if !message.isEmpty && code != "csrf" {
            content += "<p class=\"detail\"><span>\(HTML.escape(page.t("error.detail")))</span> \(HTML.escape(message))</p>"
        }
        content += "</div><p>"
        if let back { content += "<a \(HTML.attribute("href", back))>\(HTML.escape(page.t("error.back")))</a> · " }
        content += "<a href=\"/\">\(HTML.escape(page.t("error.home")))</a></p>"
        return Layout.page("\(status.code) · \(title)", page, status: status, content: content)
    }
}
