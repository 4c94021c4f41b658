import Hummingbird
import Storage

/// Who is making a request, and how they proved it.
public struct Identity: Sendable {
    public enum Credential: Sendable {
        case session(SessionRecord)
        case token(APITokenRecord)
    }

    public var user: UserRecord
    public var credential: Credential

    /// The CSRF token forms of this session must carry (nil for API tokens, which need none).
    public var csrfToken: String? {
        if case .session(let session) = credential { return session.csrfToken }
        return nil
    }
}

/// The request context of every IPAI route: the caller's identity once authenticated, the
/// language of the pages, and the body limit.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// Whether a cookie-authenticated request carried the session's CSRF token in `X-CSRF-Token`.
    public var csrfHeaderValid = false
    /// The interface language chosen for this request (`en`, `zh`, …).
    public var language = "en"
    public var bodyLimit = 8 << 20

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    public var maxUploadSize: Int { bodyLimit }
}
