import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// The frame around every page: head, navigation, account menu, language switcher.
enum Layout {
    /// A complete HTML page as a response.
    static func page(
        _ title: String, _ page: PageContext, status: HTTPResponse.Status = .ok, bodyClass: String = "", scripts: [String] = [],
        content: String
    ) -> Response {
        let html = document(title, page, bodyClass: bodyClass, scripts: scripts, content: content)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// - Parameter scripts: extra scripts from `Resources/Web` this page needs (`floor.js`).
    static func document(_ title: String, _ page: PageContext, bodyClass: String, scripts: [String] = [], content: String) -> String {
        let direction = page.rightToLeft ? "rtl" : "ltr"
        var head = "<!doctype html>\n<html \(HTML.attribute("lang", page.language)) dir=\"\(direction)\"><head>"
        head += "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        head += "<title>\(HTML.escape(title)) · IPAI</title>"
        // Every style sheet in Resources/Web: ipai.css, then one per part (conversation.css, …).
        for sheet in WebAssets.styleSheets { head += "<link rel=\"stylesheet\" href=\"/static/\(sheet)?v=\(WebAssets.version)\">" }
        if let token = page.csrfToken { head += "<meta name=\"csrf-token\" \(HTML.attribute("content", token))>" }
        head += "<script src=\"/static/ipai.js?v=\(WebAssets.version)\" defer></script>"
        for script in scripts { head += "<script \(HTML.attribute("src", "/static/\(script)?v=\(WebAssets.version)")) defer></script>" }
        head += HTML.jsonScript(id: "ipai-messages", scriptMessages(page))
        head += "</head>"
        var body = "<body\(bodyClass.isEmpty ? "" : " " + HTML.attribute("class", bodyClass))>"
        body += "<a class=\"skip\" href=\"#main\">\(HTML.escape(page.t("nav.skip")))</a>"
        body += header(page)
        body += "<main id=\"main\" tabindex=\"-1\"><h1>\(HTML.escape(title))</h1>\(content)</main>"
        body += "<footer><p>\(HTML.escape(page.t("footer.text")))</p></footer>"
        body += "</body></html>\n"
        return head + body
    }

    /// Site name, navigation, account and languages.
    static func header(_ page: PageContext) -> String {
        var html = "<header class=\"site\"><a class=\"brand\" href=\"/\">IPAI</a>"
        // The Conversation, its consultations and the initiatives index are public: everyone sees them.
        var links: [(String, String)] = []
        if let user = page.user {
            links = [
                ("/", "nav.classify"), ("/marks", "nav.marks"), ("/landscapes", "landscape.nav"), ("/collections", "nav.collections"), ("/models", "nav.models"), ("/jobs", "nav.jobs"),
                ("/admin/tokens", "nav.tokens"),
            ]
            if user.role == .administrator {
                links += [("/admin/users", "nav.users"), ("/admin/audit", "nav.audit")]
            }
        }
        links += [("/conversations", "nav.conversations"), ("/consultations", "nav.consultations"), ("/initiatives", "nav.initiatives")]
        html += "<nav \(HTML.attribute("aria-label", page.t("nav.label")))><ul>"
        for (href, key) in links {
            let current = isCurrent(href, page.path) ? " aria-current=\"page\"" : ""
            html += "<li><a \(HTML.attribute("href", href))\(current)>\(HTML.escape(page.t(key)))</a></li>"
        }
        html += "</ul></nav>"
        if let user = page.user {
            html += "<div class=\"account\"><span class=\"who\">\(HTML.escape(user.username))"
            html += " <span class=\"role\">(\(HTML.escape(page.t("role.\(user.role.rawValue)"))))</span></span>"
            html += " <a href=\"/password\">\(HTML.escape(page.t("nav.password")))</a>"
            html += "<form method=\"post\" action=\"/logout\" class=\"inline\">\(page.csrfField)"
            html += "<button type=\"submit\" class=\"link\">\(HTML.escape(page.t("nav.logout")))</button></form></div>"
        } else if !page.path.hasPrefix("/login") {
            let next = "/login?next=" + (page.pathAndQuery.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
            html += "<div class=\"account\"><a \(HTML.attribute("href", next))>\(HTML.escape(page.t("nav.signIn")))</a></div>"
        }
        html += languageSwitcher(page)
        html += "</header>"
        return html
    }

    static func isCurrent(_ href: String, _ path: String) -> Bool {
        href == "/" ? path == "/" : (path == href || path.hasPrefix(href + "/"))
    }

    /// Links to the same page in every language with a catalogue (`?lang=` sets the cookie).
    static func languageSwitcher(_ page: PageContext) -> String {
        var html = "<nav class=\"languages\" \(HTML.attribute("aria-label", page.t("nav.language")))><ul>"
        for (code, name) in Localization.languages {
            let current = code == page.language ? " aria-current=\"true\"" : ""
            let href = page.path + "?lang=" + code
            html += "<li><a \(HTML.attribute("href", href)) \(HTML.attribute("hreflang", code)) \(HTML.attribute("lang", code))\(current)>\(HTML.escape(name))</a></li>"
        }
        return html + "</ul></nav>"
    }

    /// Strings the page script needs (job statuses and phases, upload messages).
    static func scriptMessages(_ page: PageContext) -> [String: String] {
        var messages: [String: String] = [:]
        for status in JobStatus.allCases { messages["status.\(status.rawValue)"] = page.t("status.\(status.rawValue)") }
        for phase in phases { messages["phase.\(phase)"] = page.label("phase", phase) }
        for key in ["upload.sending", "upload.failed", "upload.started", "jobs.live", "jobs.offline", "classify.fileRead"] {
            messages[key] = page.t(key)
        }
        return messages
    }

    /// The phases jobs report (see JobExecutor.plan and LandscapeJob.plan).
    static let phases = Array(Set([
        "checking", "importing", "loading", "vectorising", "linear", "parent", "neighbours", "tree", "calibrating", "packing",
        "saving", "evaluating",
    ] + LandscapeJob.plan.map(\.phase))).sorted()

    /// A notice box (`kind`: `info`, `success`, `error`).
    static func notice(_ text: String, kind: String = "info") -> String {
        let role = kind == "error" ? "alert" : "status"
        return "<div class=\"notice \(kind)\" role=\"\(role)\">\(HTML.escape(text))</div>"
    }
}
