import Foundation
import Hummingbird
import Storage

/// `/signup`: delegates, observers and the public create their own account (role viewer) and are
/// signed in at once.
extension WebRoutes {
    func addSignUpRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("signup") { request, context -> Response in
            let page = PageContext(request, context)
            let next = Self.safeTarget(request.uri.queryParameters.get("next"), fallback: "/conversations")
            if context.identity != nil { return Response.redirect(to: next) }
            let (token, cookie) = LoginCSRF.token(for: request, secure: services.configuration.secureCookies)
            var response = ParticipationPages.signUp(page, csrf: token, next: next, username: "", error: nil)
            if let cookie { response.setCookie(cookie) }
            return response
        }
        pages.post("signup") { request, context -> Response in
            let page = PageContext(request, context)
            let form = try await ParticipationRoutes.form(request, limit: 64 * 1024, what: "form")
            let next = Self.safeTarget(form["next"], fallback: "/conversations")
            let username = form["username"] ?? ""
            let (token, cookie) = LoginCSRF.token(for: request, secure: services.configuration.secureCookies)
            func again(_ error: String, _ status: HTTPResponse.Status) -> Response {
                var response = ParticipationPages.signUp(page, csrf: token, next: next, username: username, error: error, status: status)
                if let cookie { response.setCookie(cookie) }
                return response
            }
            guard LoginCSRF.isValid(request, form: form) else {
                try? await store.audit(user: nil, action: "refused sign up", target: username, details: "form without a valid CSRF token")
                services.logger.warning("refused", metadata: ["action": "sign up", "reason": "form without a valid CSRF token"])
                return again(page.t("participation.signUp.csrf"), .forbidden)
            }
            let password = form.raw("password") ?? ""
            guard password == (form.raw("confirm") ?? "") else { return again(page.t("participation.signUp.mismatch"), .badRequest) }
            switch await signUp(username, password, client: SignUpLimiter.client(of: context)) {
            case .success(let sessionCookie):
                var response = Response.redirect(to: next)
                response.setCookie(sessionCookie)
                return response
            case .failure(let error):
                return again(Self.signUpMessage(error, page), error.status)
            }
        }
    }

    private func signUp(_ username: String, _ password: String, client: String) async -> Result<Cookie, APIError> {
        do {
            let (cookie, _, _) = try await SignUp(services: services).create(username: username, password: password, client: client)
            return .success(cookie)
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(APIError(.internalServerError, code: "internal", "\(error)"))
        }
    }

    /// What to tell the person, in their language.
    static func signUpMessage(_ error: APIError, _ page: PageContext) -> String {
        switch error.code {
        case "too_many_sign_ups": return page.t("participation.signUp.tooMany")
        case "conflict": return page.t("participation.signUp.taken")
        case "invalid_input":
            if error.message.contains("'username'") { return page.t("participation.signUp.badName") }
            if error.message.contains("differ") { return page.t("participation.signUp.sameAsName") }
            return page.t("participation.signUp.badPassword", String(SignUp.minimumPasswordLength))
        default: return page.t("error.internal.text")
        }
    }
}
