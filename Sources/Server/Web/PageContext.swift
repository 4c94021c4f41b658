import Hummingbird
import Storage

/// What every page needs to know about its request: the language, the signed-in user, the
/// session's CSRF token for forms, and where it is (for the language links and `next=`).
struct PageContext: Sendable {
    var language: String
    var user: UserRecord?
    var csrfToken: String?
    /// The request path, without the query.
    var path: String
    /// The path with the query, for `/login?next=…`.
    var pathAndQuery: String

    init(_ request: Request, _ context: AppRequestContext) {
        language = context.language
        user = context.identity?.user
        csrfToken = context.identity?.csrfToken
        path = request.uri.path
        let query = request.uri.query ?? ""
        pathAndQuery = query.isEmpty ? path : path + "?" + query
    }

    init(language: String, user: UserRecord? = nil, csrfToken: String? = nil, path: String = "/") {
        self.language = language
        self.user = user
        self.csrfToken = csrfToken
        self.path = path
        pathAndQuery = path
    }

    /// The message `key` in the page's language.
    func t(_ key: String) -> String { Localization.text(key, language) }

    /// The message `key` with `{0}`, `{1}`, … replaced by the (escaped by the caller) arguments.
    func t(_ key: String, _ arguments: String...) -> String {
        var text = t(key)
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    /// The message `prefix.value` if the catalogue has it, else `value` itself (phases, statuses).
    func label(_ prefix: String, _ value: String) -> String {
        let key = "\(prefix).\(value)"
        let text = Localization.text(key, language)
        return text == key ? value : text
    }

    /// Whether the user holds at least `role`.
    func can(_ role: Role) -> Bool { user?.role.includes(role) ?? false }

    /// The hidden `_csrf` field every form of a signed-in page carries.
    var csrfField: String {
        "<input type=\"hidden\" name=\"_csrf\" \(HTML.attribute("value", csrfToken ?? ""))>"
    }

    var rightToLeft: Bool { Localization.rightToLeft.contains(language) }
}
