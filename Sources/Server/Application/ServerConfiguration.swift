import Foundation

/// How to run `ipai serve`.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Where the embedded SQLite database lives (created on first start).
    public var dataDirectory: String
    /// A `postgres://…` URL to share one database between several servers; nil for SQLite.
    public var databaseURL: String?
    /// Scheme title files loaded at start (for titles and scheme-title training documents).
    public var schemeFiles: [String]
    /// Vienna classification titles (a CSV `idcategory,categdesc`, as EUIPO publishes it) for mark suggestions.
    public var viennaSchemeFile: String?
    /// On a new database: import the demo collection and train its model.
    public var installDemo: Bool
    /// This server's name in job claims (unique per process).
    public var instance: String
    /// PBKDF2 iterations for password hashes (deliberately slow; tests lower it).
    public var passwordIterations: Int
    public var sessionLifetime: Duration
    /// Largest JSON request body.
    public var maxRequestBytes: Int
    /// Largest corpus upload.
    public var maxUploadBytes: Int
    /// Requests per minute allowed for each API token (unless the token says otherwise).
    public var defaultRateLimit: Int
    /// How often the job runner looks for work when nothing wakes it.
    public var jobPollInterval: Duration
    /// A running job whose server has not reported for this long is considered abandoned.
    public var jobStaleAfter: Duration
    /// Whether to run background jobs in this server (several servers may share the work).
    public var runsJobs: Bool
    /// Mark cookies `Secure` (the service is reached over HTTPS, e.g. behind a TLS proxy).
    public var secureCookies: Bool

    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "data", databaseURL: String? = nil,
        schemeFiles: [String] = [], viennaSchemeFile: String? = nil, installDemo: Bool = true,
        instance: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))",
        passwordIterations: Int = 210_000, sessionLifetime: Duration = .seconds(12 * 3600),
        maxRequestBytes: Int = 8 << 20, maxUploadBytes: Int = 2 << 30, defaultRateLimit: Int = 600,
        jobPollInterval: Duration = .seconds(2), jobStaleAfter: Duration = .seconds(60), runsJobs: Bool = true,
        secureCookies: Bool = false
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.schemeFiles = schemeFiles
        self.viennaSchemeFile = viennaSchemeFile
        self.installDemo = installDemo
        self.instance = instance
        self.passwordIterations = passwordIterations
        self.sessionLifetime = sessionLifetime
        self.maxRequestBytes = maxRequestBytes
        self.maxUploadBytes = maxUploadBytes
        self.defaultRateLimit = defaultRateLimit
        self.jobPollInterval = jobPollInterval
        self.jobStaleAfter = jobStaleAfter
        self.runsJobs = runsJobs
        self.secureCookies = secureCookies
    }

    /// The database location: the PostgreSQL URL, or the SQLite file in the data directory.
    var databaseLocation: String {
        databaseURL ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("ipai.sqlite").path
    }
}
