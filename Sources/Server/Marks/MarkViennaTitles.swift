import Classifications
import Foundation
import Synchronization
import TrademarkSearch

/// The Vienna scheme whose titles the marks API and pages show beside suggested codes: the file
/// named by `IPAI_VIENNA_SCHEME`, else the first `--scheme` file ending in `.csv` (EUIPO's
/// `vienna-euipo.csv`). Without one, codes are shown without titles. Loaded once per process.
enum MarkViennaTitles {
    private static let cache = Mutex<[String: ViennaScheme?]>([:])

    /// The scheme for this server's configuration, nil when none is configured or it cannot be read.
    static func scheme(_ configuration: ServerConfiguration) -> ViennaScheme? {
        let environment = ProcessInfo.processInfo.environment["IPAI_VIENNA_SCHEME"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path = environment ?? configuration.schemeFiles.first(where: { $0.lowercased().hasSuffix(".csv") }) else { return nil }
        if let cached = cache.withLock({ $0[path] }) { return cached }
        let loaded = try? ViennaScheme(contentsOf: path)
        cache.withLock { $0[path] = .some(loaded) }
        return loaded
    }

    /// The suggester for a scheme: it proposes no code the scheme marks deleted.
    static func suggester(_ scheme: ViennaScheme?) -> ViennaSuggester {
        scheme.map { ViennaSuggester(scheme: $0) } ?? ViennaSuggester()
    }
}
