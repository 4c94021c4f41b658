import ArgumentParser
import Core
import Foundation
import TrademarkSearch

/// `ipai marks list`: the register's marks, newest first.
struct MarksList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the marks of the register, newest first.",
        discussion: "Example: ipai marks list --data ./data --status registered --limit 20 --json")

    @OptionGroup var location: MarkDatabaseOptions
    @Option(help: ArgumentHelp("Only marks of this status.", valueName: "status")) var status: String?
    @Option(help: ArgumentHelp("How many marks (1-1000).", valueName: "n")) var limit = 50
    @Flag(help: "Print JSON lines instead of text.") var json = false

    func run() async throws {
        try await Output.failing {
            let marks = try await location.marks()
            let status = try status.map { raw throws(IPAIError) in try MarkStatus.parse(raw) }
            let page = try await marks.list(status: status, limit: limit)
            for mark in page.items {
                if json {
                    FileHandle.standardOutput.write(try Output.jsonLine(MarkLine(mark)))
                } else {
                    let codes = mark.details.vienna.map(ViennaNotation.wipo).joined(separator: " ")
                    Output.line("\(mark.details.externalID)\t\(mark.details.status.rawValue)\t\(mark.details.name)\t\(codes)")
                }
            }
        }
    }
}

/// One mark as the CLI prints it in JSON.
struct MarkLine: Encodable {
    var id: String
    var name: String
    var vienna: [String]
    var nice: [Int]
    var owner: String
    var status: String
    var filed: String?
    var registered: String?
    var image: String?

    init(_ mark: Mark) {
        id = mark.details.externalID
        name = mark.details.name
        vienna = mark.details.vienna.map(ViennaNotation.euipo)
        nice = mark.details.nice
        owner = mark.details.owner
        status = mark.details.status.rawValue
        filed = mark.details.filed
        registered = mark.details.registered
        image = mark.imageFormat
    }
}
