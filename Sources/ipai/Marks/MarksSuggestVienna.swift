import ArgumentParser
import Classifications
import Core
import Foundation
import TrademarkSearch

/// `ipai marks suggest-vienna`: Vienna codes for a new mark, beside the frequency baseline.
struct MarksSuggestVienna: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest-vienna", abstract: "Suggest Vienna codes for an image from the register's labelled marks.",
        discussion: """
            The nearest labelled marks vote; the register's code frequencies (or those of --priors, an \
            EUIPO Vienna label file) smooth the votes. The frequency-only baseline is always printed beside. \
            With --batch, one JSON line per query:
              {"query", "suggestions": [{"code", "score", "title"}], "baseline": [...], "elapsed_ms"}

            Examples:
              ipai marks suggest-vienna new.png --data ./data --scheme vienna-euipo.csv
              ipai marks suggest-vienna --batch queries.txt --data ./data --priors euipo-vienna-labels.json --json
            """)

    @OptionGroup var input: MarkQueryInput
    @OptionGroup var location: MarkDatabaseOptions
    @Option(help: ArgumentHelp("How many suggestions per level.", valueName: "n")) var count = 10
    @Option(help: ArgumentHelp("Code frequencies from an EUIPO Vienna label file (default: the register's own).", valueName: "file.json"))
    var priors: String?
    @Option(help: ArgumentHelp("Vienna scheme CSV for titles (idcategory,categdesc), e.g. vienna-euipo.csv. Also $IPAI_VIENNA_SCHEME.", valueName: "file"))
    var scheme: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    struct Suggestion: Encodable {
        var code: String
        var score: Double
        var title: String?
        var level: String
    }

    struct Line: Encodable {
        var query: String
        var suggestions: [Suggestion]
        var baseline: [Suggestion]
        var elapsedMs: Double
        var error: String?

        enum CodingKeys: String, CodingKey {
            case query, suggestions, baseline, error
            case elapsedMs = "elapsed_ms"
        }
    }

    func run() async throws {
        try await Output.failing {
            let paths = try input.paths()
            let vienna = try (scheme ?? ProcessInfo.processInfo.environment["IPAI_VIENNA_SCHEME"]).map { path throws(IPAIError) in try ViennaScheme(contentsOf: path) }
            let fixedPriors = try priors.map { path throws(IPAIError) in try ViennaPriors(euipoLabels: path) }
            let register = try await MarkRegister.open(try await location.open())
            let suggester = vienna.map { ViennaSuggester(scheme: $0) } ?? ViennaSuggester()
            let priors = fixedPriors ?? register.registerPriors()
            func shown(_ list: [ViennaSuggestion]) -> [Suggestion] {
                list.map { Suggestion(code: $0.code.euipoNotation, score: $0.score, title: vienna?.title(of: $0.code), level: $0.level.name) }
            }
            for path in paths {
                let start = DispatchTime.now()
                var line = Line(query: path, suggestions: [], baseline: [], elapsedMs: 0)
                do throws(IPAIError) {
                    let advice = try register.suggestVienna(image: try MarkQueryInput.read(path), name: path, count: count, priors: priors, suggester: suggester)
                    line.elapsedMs = milliseconds(since: start)
                    line.suggestions = shown(advice.suggestions)
                    line.baseline = shown(advice.baseline)
                } catch {
                    if input.batch == nil { throw error }
                    line.error = error.description
                    Output.note("ipai: \(path): \(error.description)")
                }
                if json || input.batch != nil {
                    FileHandle.standardOutput.write(try Output.jsonLine(line))
                } else {
                    Output.line("suggested (neighbours + frequencies)            | baseline (frequencies only)")
                    for index in 0..<max(line.suggestions.count, line.baseline.count) {
                        func cell(_ list: [Suggestion]) -> String {
                            guard index < list.count else { return "" }
                            return String(format: "%-9@ %.3f %@", list[index].code, list[index].score, String((list[index].title ?? "").prefix(22)))
                        }
                        Output.line(cell(line.suggestions).padding(toLength: 48, withPad: " ", startingAt: 0) + "| " + cell(line.baseline))
                    }
                }
            }
        }
    }
}
