import ArgumentParser
import Core
import Foundation
import Landscape
import PatentSearch

/// `ipai landscape report`: a landscape of a corpus as a self-contained HTML page, JSON and CSV tables.
struct LandscapeReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Count a technology landscape and write its report (HTML, JSON, CSV).",
        discussion: """
            The corpus is either a CSV with a header row and boolean flag columns, such as CSET's \
            patent_database.csv (categories come from the flag columns the definition names), or patent \
            documents as JSONL (an index is built and each category's query runs on it).
            Writes DIR/report.html (self-contained, SVG charts), DIR/report.json (every table) and \
            DIR/tables/<table>.csv. Families are counted once, by first publication year (priority year when \
            the corpus has no publication dates); report.json's notes say which.

            Examples:
              ipai landscape report --corpus patent_database.csv --cagr 2013-2016 --out ai-report
              ipai landscape report --corpus uspto-abstracts.jsonl --top 10 --out ai-uspto --json
              ipai landscape report --corpus mine.jsonl --definition batteries.json --years 2000-2020 --out batteries
            """)

    @Option(help: ArgumentHelp("The documents: .csv (flag columns) or .jsonl (patent texts).", valueName: "file")) var corpus: String
    @Option(help: ArgumentHelp("A landscape definition (JSON), or the name of a shipped one.", valueName: "file"))
    var definition = "ai-witt-cset"
    @Option(help: ArgumentHelp("Growth (CAGR) window, e.g. 2013-2016 (default: three years ending two before the last).", valueName: "start-end"))
    var cagr: String?
    @Option(help: ArgumentHelp("Years shown in per-year tables, e.g. 2000-2020 (default: all with families).", valueName: "first-last"))
    var years: String?
    @Option(help: ArgumentHelp("Applicants listed overall and per category.", valueName: "n")) var top = 20
    @Option(help: ArgumentHelp("Directory for report.html, report.json and tables/.", valueName: "dir")) var out: String
    @Option(help: ArgumentHelp("Also write the search index built over a JSONL corpus.", valueName: "file")) var indexOut: String?
    @Flag(help: "Print a JSON summary.") var json = false

    struct Summary: Encodable {
        var name: String
        var documents: Int
        var families: Int
        var applicants: Int
        var firstYear: Int?
        var lastYear: Int?
        var yearBasis: String
        var growthStart: Int?
        var growthEnd: Int?
        var categories: [Category]
        var notes: [String]
        var seconds: Double
        var phases: [String: Double]
        var files: [String]

        struct Category: Encodable {
            var dimension: String
            var id: String
            var label: String
            var documents: Int?
            var families: Int?
            var source: String
        }

        enum CodingKeys: String, CodingKey {
            case name, documents, families, applicants, categories, notes, seconds, phases, files
            case firstYear = "first_year", lastYear = "last_year", yearBasis = "year_basis"
            case growthStart = "growth_start", growthEnd = "growth_end"
        }
    }

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if let cagr, Self.range(cagr) == nil { throw ValidationError("--cagr takes two years, e.g. 2013-2016 (got '\(cagr)')") }
        if let years, Self.range(years) == nil { throw ValidationError("--years takes two years, e.g. 2000-2020 (got '\(years)')") }
    }

    /// `2013-2016` as two years, first before last.
    static func range(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]),
              (1000...9999).contains(start), (1000...9999).contains(end), start < end else { return nil }
        return (start, end)
    }

    /// The definition at `path`, or a shipped one by name.
    static func loadDefinition(_ path: String) throws(IPAIError) -> LandscapeDefinition {
        if !FileManager.default.fileExists(atPath: path), LandscapeDefinition.bundledNames.contains(path) {
            return try LandscapeDefinition.artificialIntelligence()
        }
        return try LandscapeDefinition.load(path: path)
    }

    func run() throws {
        try Output.failing {
            let started = DispatchTime.now().uptimeNanoseconds
            var phases: [String: Double] = [:]
            func timed<T>(_ name: String, _ body: () throws(IPAIError) -> T) throws(IPAIError) -> T {
                let start = DispatchTime.now().uptimeNanoseconds
                let value = try body()
                phases[name] = secondsSince(start)
                return value
            }
            let format = try LandscapeDocuments.format(of: corpus)
            let landscape = try timed("definition") { () throws(IPAIError) in try Self.loadDefinition(definition) }
            let progress = TerminalProgress()
            let categorised: CategorisedCorpus
            switch format {
            case .csv:
                if indexOut != nil { Output.note("ipai: --index-out is ignored: a CSV corpus has no texts to index") }
                let loaded = try timed("read") { () throws(IPAIError) in
                    try LandscapeCorpus.loadCSV(path: corpus, progress: progress)
                }
                categorised = try timed("categorise") { () throws(IPAIError) in
                    try landscape.categorise(loaded, progress: progress)
                }
            case .jsonl:
                let records = try timed("read") { () throws(IPAIError) in
                    try LandscapeDocuments.records(path: corpus, progress: progress)
                }
                let (result, index) = try timed("index and categorise") { () throws(IPAIError) in
                    try landscape.categorise(records: records, progress: progress)
                }
                categorised = result
                if let indexOut {
                    try timed("write index") { () throws(IPAIError) in try OutputFile.write(Data(index.bytes), to: indexOut) }
                }
            }
            var options = ReportOptions(topApplicants: top)
            if let cagr, let (start, end) = Self.range(cagr) {
                options.growthStart = start
                options.growthEnd = end
            }
            if let years, let (first, last) = Self.range(years) {
                options.firstYear = first
                options.lastYear = last
            }
            let report = try timed("count") { () throws(IPAIError) in
                try LandscapeReport(categorised, options: options, progress: progress)
            }
            progress.report(phase: "writing", completed: 0, total: nil)
            let files = try timed("write") { () throws(IPAIError) in try Self.write(report, to: out) }
            progress.finish()

            var categories: [Summary.Category] = []
            for dimension in report.dimensions {
                for category in dimension.categories {
                    categories.append(Summary.Category(
                        dimension: dimension.id, id: category.id, label: category.label, documents: category.documents,
                        families: category.families, source: category.source))
                }
            }
            let summary = Summary(
                name: report.name, documents: report.summary.documents, families: report.summary.families,
                applicants: report.summary.applicants, firstYear: report.summary.firstYear, lastYear: report.summary.lastYear,
                yearBasis: report.summary.yearBasis, growthStart: report.summary.growthStart, growthEnd: report.summary.growthEnd,
                categories: categories, notes: report.notes, seconds: secondsSince(started), phases: phases, files: files)
            if json {
                try Output.json(summary)
            } else {
                Self.print(summary, out: out)
            }
        }
    }

    /// Writes `report.html`, `report.json` and `tables/<id>.csv` into `directory`; returns the paths.
    static func write(_ report: LandscapeReport, to directory: String) throws(IPAIError) -> [String] {
        let base = URL(fileURLWithPath: directory)
        let tablesDirectory = base.appendingPathComponent("tables")
        do {
            try FileManager.default.createDirectory(at: tablesDirectory, withIntermediateDirectories: true)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot create the report directory", at: InputLocation(file: tablesDirectory.path), cause: error)
        }
        var written: [String] = []
        let tables = report.tables
        let html = base.appendingPathComponent("report.html").path
        try OutputFile.write(Data(report.html().utf8), to: html)
        written.append(html)
        let json = base.appendingPathComponent("report.json").path
        try OutputFile.write(report.json(), to: json)
        written.append(json)
        for table in tables {
            let path = tablesDirectory.appendingPathComponent(table.id + ".csv").path
            try OutputFile.write(Data(table.csv.utf8), to: path)
            written.append(path)
        }
        return written
    }

    static func print(_ summary: Summary, out: String) {
        var years = ""
        if let first = summary.firstYear, let last = summary.lastYear { years = ", \(first)–\(last) by \(summary.yearBasis) year" }
        Output.line("\(summary.name): \(summary.documents) documents, \(summary.families) families, \(summary.applicants) applicants\(years)")
        if let start = summary.growthStart, let end = summary.growthEnd { Output.line("growth window \(start)–\(end)") }
        var dimension = ""
        for category in summary.categories {
            if category.dimension != dimension {
                dimension = category.dimension
                Output.line("  \(dimension):")
            }
            let families = category.families.map(String.init) ?? "—"
            let documents = category.documents.map(String.init) ?? "—"
            Output.line("    \(category.label.padding(toLength: 36, withPad: " ", startingAt: 0)) \(families.leftPadded(8)) families \(documents.leftPadded(8)) documents  (\(category.source))")
        }
        for note in summary.notes { Output.line("note: \(note)") }
        let phases = summary.phases.sorted { $0.value > $1.value }.map { String(format: "%@ %.2f s", $0.key, $0.value) }
        Output.line(String(format: "wrote %d files to %@ in %.2f s (%@)", summary.files.count, out, summary.seconds, phases.joined(separator: ", ")))
    }
}

extension String {
    /// The string right-aligned in `width` characters.
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
