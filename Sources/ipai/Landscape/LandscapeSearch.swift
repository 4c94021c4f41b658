import ArgumentParser
import Core
import Foundation
import PatentSearch

/// `ipai landscape search`: queries on an index built by `ipai landscape build`.
struct LandscapeSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Run patent queries on a search index.",
        discussion: """
            The query language: AND, OR, NOT and parentheses; fields TI= AB= CLM= TIAB= TIABCLM= TX= PA= \
            IC=/CPC= PY= PRY= PD= CC=; truncation + ? #; proximity nW (in order) and nD (either order); \
            "phrases"; classification symbols with their subgroups (G06N3) and ranges. See docs/landscape-query.md.
            A query that does not parse is shown with a caret under the position of the error.
            With --queries, each line of the file is a query (empty lines and lines starting with # are skipped; \
            text after '|||' is ignored, as in Benchmarks/landscape/query-queries.txt); every query is parsed \
            before any runs.

            Examples:
              ipai landscape search --index abstracts.ipaiindex 'TIAB=(neural 1W network+ OR "deep learning") AND PY=2015-'
              ipai landscape search --index abstracts.ipaiindex 'IC=G06N3 NOT CC=CN' --count 50 --json
              ipai landscape search --index abstracts.ipaiindex --queries queries.txt
            """)

    @Option(help: ArgumentHelp("An index written by `ipai landscape build`.", valueName: "file")) var index: String
    @Argument(help: ArgumentHelp("The query (quote it for the shell).", valueName: "query")) var query: String?
    @Option(help: ArgumentHelp("A file of queries, one a line.", valueName: "file")) var queries: String?
    @Option(help: ArgumentHelp("Document ids to list per query (0: only counts).", valueName: "n")) var count = 10
    @Flag(help: "Print JSON.") var json = false

    struct QueryResult: Encodable {
        var query: String
        var line: Int?
        var hits: Int
        var elapsedMilliseconds: Double
        var ids: [String]

        enum CodingKeys: String, CodingKey {
            case query, line, hits, ids
            case elapsedMilliseconds = "elapsed_ms"
        }
    }

    struct BatchSummary: Encodable {
        var documents: Int
        var loadSeconds: Double
        var queries: [QueryResult]
        var totalSeconds: Double
        var queriesPerSecond: Double
        var medianMilliseconds: Double

        enum CodingKeys: String, CodingKey {
            case documents, queries
            case loadSeconds = "load_seconds", totalSeconds = "total_seconds"
            case queriesPerSecond = "queries_per_second", medianMilliseconds = "median_ms"
        }
    }

    func validate() throws {
        if (query == nil) == (queries == nil) { throw ValidationError("give either a query or --queries FILE") }
        if count < 0 { throw ValidationError("--count must be 0 or more") }
    }

    func run() throws {
        try Output.failing {
            // Parse first: a typo fails at once, before the index is read.
            let texts = try queryTexts()
            let parsed = try texts.map { entry throws(IPAIError) in
                try QuerySyntaxDisplay.parse(
                    entry.text, at: entry.line.map { InputLocation(file: queries, line: $0) })
            }
            let progress = TerminalProgress()
            progress.report(phase: "loading", completed: 0, total: nil)
            var start = DispatchTime.now().uptimeNanoseconds
            let searchIndex = try SearchIndex(contentsOf: index)
            let loadSeconds = secondsSince(start)
            progress.finish()

            var results: [QueryResult] = []
            var total = 0.0
            for (entry, patentQuery) in zip(texts, parsed) {
                start = DispatchTime.now().uptimeNanoseconds
                let found = searchIndex.search(patentQuery)
                let hits = found.count
                let elapsed = secondsSince(start)
                total += elapsed
                var ids: [String] = []
                if count > 0 {
                    ids.reserveCapacity(min(count, hits))
                    for number in found {
                        if ids.count == count { break }
                        ids.append(searchIndex.documentID(number))
                    }
                }
                results.append(QueryResult(query: entry.text, line: entry.line, hits: hits, elapsedMilliseconds: elapsed * 1000, ids: ids))
            }

            if queries == nil, let result = results.first {
                if json {
                    try Output.json(result)
                } else {
                    Output.line(String(format: "%d of %d documents (%.2f ms)", result.hits, searchIndex.documentCount, result.elapsedMilliseconds))
                    for id in result.ids { Output.line(id) }
                    if result.hits > result.ids.count, count > 0 { Output.line("… \(result.hits - result.ids.count) more (--count)") }
                }
                return
            }
            let latencies = results.map(\.elapsedMilliseconds).sorted()
            let median = latencies.isEmpty ? 0 : latencies.count % 2 == 1
                ? latencies[latencies.count / 2] : (latencies[latencies.count / 2 - 1] + latencies[latencies.count / 2]) / 2
            let summary = BatchSummary(
                documents: searchIndex.documentCount, loadSeconds: loadSeconds, queries: results, totalSeconds: total,
                queriesPerSecond: total > 0 ? Double(results.count) / total : 0, medianMilliseconds: median)
            if json {
                try Output.json(summary)
                return
            }
            for result in results {
                let shown = result.query.count > 70 ? String(result.query.prefix(67)) + "..." : result.query
                Output.line(String(format: "%9d hits %9.2f ms  %@", result.hits, result.elapsedMilliseconds, shown))
                for id in result.ids { Output.line("    " + id) }
            }
            Output.line(String(
                format: "%d queries on %d documents: %.1f queries/s, median %.2f ms (index loaded in %.2f s)",
                results.count, searchIndex.documentCount, summary.queriesPerSecond, median, loadSeconds))
        }
    }

    /// The query texts with their line in the queries file (nil for the argument).
    func queryTexts() throws(IPAIError) -> [(text: String, line: Int?)] {
        if let query { return [(query, nil)] }
        guard let queries else { return [] }
        let content: String
        do {
            content = try String(contentsOfFile: queries, encoding: .utf8)
        } catch {
            throw IPAIError(.fileUnreadable, "cannot read the queries", at: InputLocation(file: queries), cause: error)
        }
        var texts: [(text: String, line: Int?)] = []
        for (number, raw) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let separator = line.range(of: "|||") { line = line[..<separator.lowerBound] }
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text.hasPrefix("#") { continue }
            texts.append((text, number + 1))
        }
        guard !texts.isEmpty else {
            throw IPAIError(.emptyInput, "no queries in the file (one a line; # starts a comment)", at: InputLocation(file: queries))
        }
        return texts
    }
}
