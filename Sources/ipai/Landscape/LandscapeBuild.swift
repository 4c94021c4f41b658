import ArgumentParser
import Core
import Foundation
import Landscape
import PatentSearch

/// `ipai landscape build`: a positional index over patent documents, written to a file.
struct LandscapeBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build a positional search index over patent documents.",
        discussion: """
            The documents are JSONL, one patent a line, as IPAI's patent corpora are written:
              {"id": "US1234567", "title": "…", "abstract": "…", "claims": "…", "cpc": ["G06N 3/08"],
               "applicants": ["…"], "publication_date": "2019-04-15", "country": "US"}
            Titles, abstracts, claims, applicants, classification symbols, years and the office are indexed; \
            `ipai landscape search` then runs queries without rescanning the text.

            Examples:
              ipai landscape build --documents uspto-abstracts.jsonl --out abstracts.ipaiindex
              ipai landscape build --documents uspto-abstracts.jsonl --out abstracts.ipaiindex --json
            """)

    @Option(help: ArgumentHelp("Patent documents (.jsonl).", valueName: "file")) var documents: String
    @Option(help: ArgumentHelp("Where to write the index.", valueName: "file")) var out: String
    @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n")) var threads: Int?
    @Flag(help: "Print a JSON summary.") var json = false

    struct Summary: Encodable {
        var documents: Int
        var terms: Int
        var textBytes: Int
        var indexBytes: Int
        var readSeconds: Double
        var buildSeconds: Double
        var writeSeconds: Double
        var documentsPerSecond: Double
        var index: String

        enum CodingKeys: String, CodingKey {
            case documents, terms, index
            case textBytes = "text_bytes", indexBytes = "index_bytes", readSeconds = "read_seconds"
            case buildSeconds = "build_seconds", writeSeconds = "write_seconds", documentsPerSecond = "documents_per_second"
        }
    }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try Output.failing {
            if try LandscapeDocuments.format(of: documents) == .csv {
                throw IPAIError(
                    .unsupportedFormat,
                    "a CSV corpus carries flags, not texts, so there is nothing to index: give patent documents as .jsonl (for a CSV, `ipai landscape report` counts its flag columns)",
                    at: InputLocation(file: documents))
            }
            let progress = TerminalProgress()
            var start = DispatchTime.now().uptimeNanoseconds
            let records = try LandscapeDocuments.records(path: documents, progress: progress)
            let searchDocuments = records.map(\.searchDocument)
            let readSeconds = secondsSince(start)
            start = DispatchTime.now().uptimeNanoseconds
            let index = try SearchIndex(
                documents: searchDocuments, threads: threads ?? Parallel.defaultThreadCount, progress: progress)
            let buildSeconds = secondsSince(start)
            progress.report(phase: "writing", completed: 0, total: nil)
            start = DispatchTime.now().uptimeNanoseconds
            let bytes = index.bytes
            try OutputFile.write(Data(bytes), to: out)
            let writeSeconds = secondsSince(start)
            progress.finish()
            let summary = Summary(
                documents: index.documentCount, terms: index.termCount,
                textBytes: LandscapeDocuments.textBytes(searchDocuments), indexBytes: bytes.count,
                readSeconds: readSeconds, buildSeconds: buildSeconds, writeSeconds: writeSeconds,
                documentsPerSecond: buildSeconds > 0 ? Double(index.documentCount) / buildSeconds : 0, index: out)
            if json {
                try Output.json(summary)
            } else {
                Output.line(String(
                    format: "indexed %d documents (%d terms) in %.2f s (%.0f documents/s; read %.2f s, write %.2f s)",
                    summary.documents, summary.terms, buildSeconds, summary.documentsPerSecond, readSeconds, writeSeconds))
                Output.line(String(
                    format: "text %d bytes, index %d bytes (%.2f× the text) → %@",
                    summary.textBytes, summary.indexBytes,
                    summary.textBytes > 0 ? Double(summary.indexBytes) / Double(summary.textBytes) : 0, out))
            }
        }
    }
}
