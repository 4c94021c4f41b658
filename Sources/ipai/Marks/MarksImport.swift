import ArgumentParser
import Core
import Foundation
import TrademarkSearch

/// `ipai marks import`: a directory of images or a JSONL manifest into the register.
struct MarksImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import marks from a directory of images or a JSONL manifest.",
        discussion: """
            A directory: every PNG, JPEG, GIF and SVG file becomes a mark whose id is the file name \
            without its extension. A manifest (.jsonl): one mark per line,
              {"id": "018000001", "image": "images/018000001.png", "name": "SETA", "vienna": ["3.1.2"],
               "nice": [25], "owner": "…", "status": "registered", "filed": "2024-01-31", "registered": "2024-06-30"}
            with "image" relative to the manifest. A mark already in the register is updated. Bad files are \
            reported with their name and reason; the rest are imported.

            Examples:
              ipai marks import ./logos --data ./data --json
              ipai marks import marks.jsonl --database postgres://ipai@db/ipai
            """)

    @Argument(help: ArgumentHelp("A directory of images or a JSONL manifest.", valueName: "directory-or-manifest")) var path: String
    @OptionGroup var location: MarkDatabaseOptions
    @Option(help: ArgumentHelp("Worker threads describing images (default: all cores).", valueName: "n")) var threads: Int?
    @Flag(help: "Print a JSON summary.") var json = false

    struct Summary: Encodable {
        var imported: Int
        var failed: Int
        var seconds: Double
        var imagesPerSecond: Double
        var failures: [MarkImporter.Failure]

        enum CodingKeys: String, CodingKey {
            case imported, failed, seconds, failures
            case imagesPerSecond = "images_per_second"
        }
    }

    func run() async throws {
        try await Output.failing {
            let register = try await MarkRegister.open(try await location.open())
            let progress = TerminalProgress()
            let importer = MarkImporter(register: register, threads: threads ?? Parallel.defaultThreadCount)
            let report = try await importer.run(path: path, progress: progress)
            progress.finish()
            for failure in report.failures { Output.note("ipai: skipped \(failure.file): \(failure.reason)") }
            let rate = report.seconds > 0 ? Double(report.imported) / report.seconds : 0
            if json {
                try Output.json(Summary(
                    imported: report.imported, failed: report.failures.count, seconds: report.seconds, imagesPerSecond: rate,
                    failures: report.failures))
            } else {
                Output.line(String(format: "imported %d marks, %d failed, in %.2f s (%.0f images/s)", report.imported, report.failures.count, report.seconds, rate))
            }
        }
    }
}
