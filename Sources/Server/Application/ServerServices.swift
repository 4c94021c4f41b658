import Classifications
import Core
import Logging
import Storage
import TrademarkSearch

/// What every route and the job runner share: the store, the loaded scheme titles, the model
/// cache and the security helpers. Servers keep no other state: everything durable is in the store.
public final class ServerServices: Sendable {
    public let configuration: ServerConfiguration
    public let store: Store
    public let titles: SchemeTitles
    let hasher: PasswordHasher
    let rateLimiter = RateLimiter()
    let signInThrottle = SignInThrottle()
    /// Checked against when a user name is unknown, at the same cost as a real password check.
    let dummyPasswordHash: String
    let models: ModelCache
    let activeModels: ActiveModelList
    let logger: Logger
    /// The register of marks, searched in memory for the server's life (follows other servers' changes).
    public let marks: MarkRegister
    /// Titles of Vienna codes (nil: suggestions show codes only).
    public let viennaScheme: ViennaScheme?

    init(
        configuration: ServerConfiguration, store: Store, titles: SchemeTitles, marks: MarkRegister, viennaScheme: ViennaScheme?,
        logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.titles = titles
        self.marks = marks
        self.viennaScheme = viennaScheme
        hasher = PasswordHasher(iterations: configuration.passwordIterations)
        dummyPasswordHash = hasher.hash(Secrets.token())
        models = ModelCache(store: store)
        activeModels = ActiveModelList(store: store)
        self.logger = logger
    }
}
