import Classifications
import Foundation
import TrademarkSearch

/// The Vienna scheme whose titles the marks API and pages show beside suggested codes: the file
/// given to `ipai serve --vienna-scheme` (or `$IPAI_VIENNA_SCHEME`), e.g. EUIPO's `vienna-euipo.csv`,
/// loaded once at start. Without one, codes are shown without titles.
enum MarkViennaTitles {
    /// The scheme this server loaded (`--vienna-scheme`), nil when none is configured.
    static func scheme(_ services: ServerServices) -> ViennaScheme? {
        services.viennaScheme
    }

    /// The suggester for a scheme: it proposes no code the scheme marks deleted.
    static func suggester(_ scheme: ViennaScheme?) -> ViennaSuggester {
        scheme.map { ViennaSuggester(scheme: $0) } ?? ViennaSuggester()
    }
}
