import ArgumentParser
import Core
import Foundation
import Landscape

/// `ipai landscape check`: validates a landscape definition without running it.
struct LandscapeCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a landscape definition: its structure and every query.",
        discussion: """
            Errors name the file, the JSON path ($.dimensions[1].categories[4].query) and the value; a query \
            that does not parse is shown with a caret under the position.

            Examples:
              ipai landscape check --definition batteries.json
              ipai landscape check --definition ai-witt-cset --json
            """)

    @Option(help: ArgumentHelp("A landscape definition (JSON), or the name of a shipped one.", valueName: "file")) var definition: String
    @Flag(help: "Print a JSON summary.") var json = false

    struct Summary: Encodable {
        var name: String
        var scope: String?
        var dimensions: [Dimension]

        struct Dimension: Encodable {
            var id: String
            var label: String
            var categories: Int
            var queries: Int
            var flags: Int
        }
    }

    func run() throws {
        try Output.failing {
            let loaded: LandscapeDefinition
            do throws(IPAIError) {
                loaded = try LandscapeReportCommand.loadDefinition(definition)
            } catch {
                // Show the failing query with a caret under the position the parser names.
                if let value = error.location?.value, let display = QuerySyntaxDisplay.describe(error, query: value) {
                    var location = error.location
                    location?.value = nil
                    throw IPAIError(error.code, error.message + "\n" + display, at: location)
                }
                throw error
            }
            let summary = Summary(name: loaded.name, scope: loaded.scope, dimensions: loaded.dimensions.map { dimension in
                Summary.Dimension(
                    id: dimension.id, label: dimension.label, categories: dimension.categories.count,
                    queries: dimension.categories.filter { $0.query != nil }.count,
                    flags: dimension.categories.filter { $0.flag != nil }.count)
            })
            if json {
                try Output.json(summary)
                return
            }
            Output.line("\(definition): valid — \(loaded.name)")
            if let scope = loaded.scope { Output.line("  scope: \(scope.count > 70 ? String(scope.prefix(67)) + "..." : scope)") }
            for dimension in summary.dimensions {
                Output.line("  \(dimension.id): \(dimension.categories) categories (\(dimension.queries) with a query, \(dimension.flags) with a flag column)")
            }
        }
    }
}
