import ArgumentParser
import Core
import Foundation
import Hummingbird
import Logging
import Server

/// `ipai serve`: the HTTP service (REST API, web pages, background jobs).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the IPAI service: REST API under /api/v1, web interface, background jobs.",
        discussion: """
            The embedded default keeps everything in an SQLite database in --data (created on first \
            start, with an administrator whose one-time password is printed once, and a demo collection \
            with a trained model). Several servers can share one PostgreSQL database instead:

              ipai serve --data ./data
              ipai serve --database postgres://ipai:secret@db.example.org/ipai --port 8081

            SIGTERM or Ctrl-C lets requests in flight finish, returns a running job to the queue, then exits.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(name: .customLong("data"), help: ArgumentHelp("Data directory for the embedded SQLite database.", valueName: "dir"))
    var dataDirectory = "data"
    @Option(help: ArgumentHelp("PostgreSQL URL (postgres://user:password@host:port/database); default: SQLite in --data. Also $IPAI_DATABASE.", valueName: "url"))
    var database: String?
    @OptionGroup var scheme: SchemeOptions
    @Option(help: ArgumentHelp("Vienna classification titles for mark suggestions: a CSV 'idcategory,categdesc' as EUIPO publishes it. Also $IPAI_VIENNA_SCHEME.", valueName: "file"))
    var viennaScheme: String?
    @Flag(help: "Do not install the demo collection and model on a new database.") var noDemo = false
    @Flag(help: "Serve requests only; leave background jobs to other servers.") var noJobs = false
    @Flag(help: "Mark cookies Secure: users reach the service over HTTPS (e.g. behind a TLS proxy).") var secureCookies = false
    @Option(help: ArgumentHelp("Largest corpus upload, in MB.", valueName: "MB")) var maxUploadMB = 2048
    @Option(help: ArgumentHelp("Requests per minute per API token (default for new tokens).", valueName: "n"))
    var rateLimit = 600
    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel = "info"

    func run() async throws {
        var logger = Logger(label: "ipai")
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level '\(logLevel)': use trace, debug, info, notice, warning or error")
        }
        logger.logLevel = level
        let databaseURL = database ?? ProcessInfo.processInfo.environment["IPAI_DATABASE"]
        let configuration = ServerConfiguration(
            host: host, port: port, dataDirectory: dataDirectory, databaseURL: databaseURL,
            schemeFiles: scheme.paths,
            viennaSchemeFile: viennaScheme ?? ProcessInfo.processInfo.environment["IPAI_VIENNA_SCHEME"].flatMap { $0.isEmpty ? nil : $0 },
            installDemo: !noDemo,
            maxUploadBytes: maxUploadMB << 20, defaultRateLimit: rateLimit, runsJobs: !noJobs,
            secureCookies: secureCookies)
        try await Output.failing {
            let built = try await buildApplication(configuration, logger: logger)
            if let password = built.administratorPassword {
                Output.line("""

                    Created the administrator account (this password is shown once; change it at first login):
                        user:     admin
                        password: \(password)

                    """)
            }
            let location = databaseURL.map(Self.redacted) ?? configuration.dataDirectory + "/ipai.sqlite"
            Output.note("ipai: serving on http://\(host):\(port)/ (API /api/v1, docs /api/docs); database \(location)")
            try await built.application.runService()
        }
    }

    /// The URL without its password (for the log line).
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
