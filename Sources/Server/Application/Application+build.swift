import Classifications
import Consultation
import Conversation
import Core
import Foundation
import Hummingbird
import Initiatives
import Landscape
import Logging
import Storage
import TrademarkSearch

/// What ``buildApplication(_:logger:)`` returns: the application to run, and its shared services.
public struct BuiltApplication<App: ApplicationProtocol>: Sendable where App: Sendable {
    public let application: App
    public let services: ServerServices
    /// The first administrator's one-time password, if this start created it.
    public let administratorPassword: String?
}

/// Builds the IPAI service: opens (and migrates) the store, loads scheme titles, creates the first
/// administrator and the demo on a new installation, and wires routes and the job runner.
/// `ipai serve` and the tests use this same function.
public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "ipai")
) async throws -> BuiltApplication<some ApplicationProtocol & Sendable> {
    if configuration.databaseURL == nil {
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot create the data directory '\(configuration.dataDirectory)'", cause: error)
        }
    }
    let store = try await Store.open(configuration.databaseLocation)
    try await ConversationStore(store).migrate()
    try await ConsultationStore(store).migrate()
    try await InitiativeStore(store).migrate()
    try await MarkStore(store).migrate()
    try await LandscapeStore(store).migrate()
    var titles = SchemeTitles()
    for file in configuration.schemeFiles { try titles.load(contentsOf: file, skippingBadLines: true) }
    let marks = try await MarkRegister.open(store, imaging: MarkImaging(maxFileBytes: min(MarkImaging().maxFileBytes, configuration.maxRequestBytes)))
    let vienna = try configuration.viennaSchemeFile.map { path throws(IPAIError) in try ViennaScheme(contentsOf: path) }
    let services = ServerServices(
        configuration: configuration, store: store, titles: titles, marks: marks, viennaScheme: vienna, logger: logger)
    let password = try await Bootstrap.ensureAdministrator(services: services)
    if configuration.installDemo { try await Bootstrap.installDemo(services: services) }

    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(AuthenticationMiddleware(services: services))
    router.get("health") { _, _ -> String in "ok" }
    addRoutes(to: router, services: services)

    var application = Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "ipai"),
        logger: logger)
    if configuration.runsJobs { application.addServices(JobRunner(services: services)) }
    application.addServices(MarkFollower(register: marks))
    return BuiltApplication(application: application, services: services, administratorPassword: password)
}

/// Every route of the service: the API under `/api/v1` (errors as JSON), its documentation, the pages.
/// The OpenAPI test builds its router with this same function, so the two cannot drift apart.
func addRoutes(to router: Router<AppRequestContext>, services: ServerServices) {
    let api = router.group("api/v1").add(middleware: APIErrorMiddleware())
    CollectionRoutes(services: services).add(to: api)
    JobAndModelRoutes(services: services).add(to: api)
    ClassifyRoutes(services: services).add(to: api)
    AdminRoutes(services: services).add(to: api)
    ConversationRoutes(services: services).add(to: api)
    ParticipationRoutes(services: services).add(to: api)
    FloorRoutes(services: services).add(to: api)
    ConsultationRoutes(services: services).add(to: api)
    InitiativeRoutes(services: services).add(to: api)
    MarkRoutes(services: services).add(to: api)
    LandscapeRoutes(services: services).add(to: api, router: router)
    DocumentationRoutes(services: services).add(to: router, api: api)
    WebRoutes(services: services).add(to: router)
}
