import ArgumentParser
import Core
import Foundation
import TrademarkSearch

/// `ipai marks search`: marks that look like an image.
struct MarksSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the register for marks that look like an image.",
        discussion: """
            Modes: composite (shape and colour fused; --weights), shape (colour-blind), colour, duplicate.
            Filters combine: any of the Vienna codes (at any level: 3.1 matches 3.1.x), any of the Nice \
            classes, any of the statuses. With --batch, one JSON line per query:
              {"query": path, "results": [{"id", "score", "similarities": {...}, "view"}], "elapsed_ms": search time}
            "view" says what matched: whole (as given, in any pose), part (of the query: a device beside a \
            word), negative (the query's), centre (the middle of the mark: the query is a detail of it).

            Examples:
              ipai marks search query.png --data ./data --mode shape --count 10
              ipai marks search query.png --data ./data --vienna 3.1 --nice 25 --status registered --json
              ipai marks search --batch queries.txt --data ./data --mode composite --count 100
            """)

    @OptionGroup var input: MarkQueryInput
    @OptionGroup var location: MarkDatabaseOptions
    @Option(help: ArgumentHelp("composite, shape, colour or duplicate.", valueName: "mode")) var mode = "composite"
    @Option(help: ArgumentHelp("How many results.", valueName: "n")) var count = 10
    @Option(help: ArgumentHelp("Composite weights, e.g. shape=0.8,colour=0.15,duplicate=0.05.", valueName: "list")) var weights: String?
    @Option(help: ArgumentHelp("Only marks with a Vienna code under this one (repeatable).", valueName: "code")) var vienna: [String] = []
    @Option(help: ArgumentHelp("Only marks in this Nice class (repeatable).", valueName: "class")) var nice: [String] = []
    @Option(help: ArgumentHelp("Only marks of this status (repeatable).", valueName: "status")) var status: [String] = []
    @Flag(help: "Print JSON instead of text.") var json = false

    struct Line: Encodable {
        struct Result: Encodable {
            var id: String
            var score: Double
            var similarities: [String: Double]
            var view: String
        }

        var query: String
        var results: [Result]
        var elapsedMs: Double
        var error: String?

        enum CodingKeys: String, CodingKey {
            case query, results, error
            case elapsedMs = "elapsed_ms"
        }
    }

    func run() async throws {
        try await Output.failing {
            let options = MarkSearchOptions(
                mode: try MarkSearchMode.parse(mode), count: count, weights: try MarkSearchOptions.weights(parsing: weights),
                filter: try MarkFilter(vienna: vienna, nice: nice, status: status))
            let paths = try input.paths()
            let register = try await MarkRegister.open(try await location.open())
            for path in paths {
                let start = DispatchTime.now()
                var line = Line(query: path, results: [], elapsedMs: 0)
                do throws(IPAIError) {
                    let hits = try register.search(image: try MarkQueryInput.read(path), name: path, options: options)
                    line.elapsedMs = milliseconds(since: start)
                    line.results = hits.map { Line.Result(id: $0.externalID, score: $0.score, similarities: $0.similarities, view: $0.view.rawValue) }
                } catch {
                    if input.batch == nil { throw error }
                    line.error = error.description
                    Output.note("ipai: \(path): \(error.description)")
                }
                if json || input.batch != nil {
                    FileHandle.standardOutput.write(try Output.jsonLine(line))
                } else {
                    for (rank, hit) in line.results.enumerated() {
                        let why = hit.similarities.sorted { $0.key < $1.key }.map { String(format: "%@ %.2f", $0.key, $0.value) }.joined(separator: ", ")
                        let view = hit.view == MatchedView.whole.rawValue ? "" : "  matched: \(hit.view)"
                        Output.line(String(format: "%3d  %-24@ %.3f  (%@)%@", rank + 1, hit.id, hit.score, why, view))
                    }
                }
            }
        }
    }
}
