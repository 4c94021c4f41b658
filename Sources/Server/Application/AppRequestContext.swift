import Hummingbird
import NIOCore
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
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// Whether a cookie-authenticated request carried the session's CSRF token in `X-CSRF-Token`.
    public var csrfHeaderValid = false
    /// The interface language chosen for this request (`en`, `zh`, …).
    public var language = "en"
    public var bodyLimit = 8 << 20
    /// The client's address (for per-address limits such as sign-ups); behind a proxy, the proxy's.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { bodyLimit }
}
