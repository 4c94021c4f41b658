import Foundation
import Hummingbird
import Storage

/// Signing in and out, and changing one's password.
extension WebRoutes {
    func addAccountRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("login") { request, context -> Response in
            let page = PageContext(request, context)
            let next = Self.safeTarget(request.uri.queryParameters.get("next"))
            if context.identity != nil { return Response.redirect(to: next) }
            let (token, cookie) = LoginCSRF.token(for: request, secure: services.configuration.secureCookies)
            var response = AccountPages.login(page, csrf: token, next: next, username: "", error: nil)
            if let cookie { response.setCookie(cookie) }
            return response
        }
        pages.post("login") { request, context -> Response in
            let page = PageContext(request, context)
            let form = try await FormData.read(request, limit: 64 * 1024)
            let next = Self.safeTarget(form["next"])
            let (token, cookie) = LoginCSRF.token(for: request, secure: services.configuration.secureCookies)
            guard LoginCSRF.isValid(request, form: form) else {
                var response = AccountPages.login(
                    page, csrf: token, next: next, username: form["username"] ?? "", error: page.t("login.csrf"), status: .forbidden)
                if let cookie { response.setCookie(cookie) }
                return response
            }
            let outcome = await signIn(form["username"] ?? "", form.raw("password") ?? "")
            guard case .success(let (sessionCookie, user)) = outcome else {
                var message = page.t("login.failed")
                var status = HTTPResponse.Status.unauthorized
                if case .failure(let error) = outcome, error.status == .tooManyRequests {
                    message = page.t("login.throttled")
                    status = .tooManyRequests
                }
                return AccountPages.login(
                    page, csrf: token, next: next, username: form["username"] ?? "", error: message, status: status)
            }
            let target = user.mustChangePassword ? "/password?next=" + HTML.queryValue(next) : next
            var response = Response.redirect(to: target)
            response.setCookie(sessionCookie)
            return response
        }
        pages.post("logout") { request, context -> Response in
            let form = try await FormData.read(request, limit: 64 * 1024)
            if context.identity != nil { try context.requireForChange(.viewer, formToken: form.raw("_csrf")) }
            var response = Response.redirect(to: "/login")
            response.setCookie(try await Sessions(services: services).signOut(context))
            return response
        }
        pages.get("password") { request, context -> Response in
            let page = PageContext(request, context)
            let user = try context.require(.viewer)
            let next = Self.safeTarget(request.uri.queryParameters.get("next"))
            return AccountPages.password(page, forced: user.mustChangePassword, next: next, error: nil)
        }
        pages.post("password") { request, context -> Response in
            let page = PageContext(request, context)
            let (form, user) = try await changeForm(request, context, role: .viewer)
            let next = Self.safeTarget(form["next"])
            let new = form.raw("new") ?? ""
            guard new == (form.raw("confirm") ?? "") else {
                return AccountPages.password(page, forced: user.mustChangePassword, next: next, error: page.t("password.mismatch"), status: .badRequest)
            }
            if let problem = await changePassword(user, current: form.raw("current") ?? "", new: new, page) {
                return AccountPages.password(page, forced: user.mustChangePassword, next: next, error: problem, status: .badRequest)
            }
            return Response.redirect(to: next == "/password" ? "/" : next)
        }
    }

    /// The session cookie and user, or why not (a wrong name or password, too many failures).
    private func signIn(_ username: String, _ password: String) async -> Result<(Cookie, UserRecord), APIError> {
        do {
            let (cookie, user, _) = try await Sessions(services: services).signIn(username: username, password: password)
            return .success((cookie, user))
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(APIError(.unauthorized, code: "invalid_credentials", "unknown user name or wrong password"))
        }
    }

    /// Nil when changed; else what to tell the user.
    private func changePassword(_ user: UserRecord, current: String, new: String, _ page: PageContext) async -> String? {
        do {
            try await AdminRoutes(services: services).changePassword(user: user, current: current, new: new)
            return nil
        } catch let error as APIError {
            return error.code == "invalid_credentials" ? page.t("password.wrongCurrent") : page.t("password.tooShort")
        } catch {
            return page.t("error.internal.text")
        }
    }
}
