import Core
import Foundation
import Landscape
import PatentSearch

/// Reading patent documents for the landscape commands.
enum LandscapeDocuments {
    /// The kind of corpus a path names, by its extension.
    enum Format {
        case jsonl, csv
    }

    static func format(of path: String) throws(IPAIError) -> Format {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        default:
            throw IPAIError(
                .unsupportedFormat,
                "cannot tell the corpus format from the file name: use .jsonl (one patent document a line) or .csv (a header row, CSET-style flag columns)",
                at: InputLocation(file: path))
        }
    }

    /// JSONL patent records with repeated ids dropped (the first is kept; a note names them).
    static func records(path: String, progress: TerminalProgress) throws(IPAIError) -> [LandscapeRecord] {
        progress.report(phase: "reading", completed: 0, total: nil)
        let (records, duplicates) = LandscapeRecord.uniqued(try LandscapeRecord.readJSONL(path: path))
        if !duplicates.isEmpty {
            Output.note("ipai: \(path): \(duplicates.count) record(s) repeat an earlier id and were left out (first: \(duplicates[0]))")
        }
        guard !records.isEmpty else {
            throw IPAIError(.emptyInput, "no patent documents in the file", at: InputLocation(file: path))
        }
        return records
    }

    /// Bytes of searchable text (title, abstract, claims, description) — what the index is compared with.
    static func textBytes(_ documents: [SearchDocument]) -> Int {
        documents.reduce(0) { total, document in
            total + document.title.utf8.count + document.abstract.utf8.count + document.claims.utf8.count
                + document.description.utf8.count
        }
    }
}

/// Wall-clock seconds since `start` (from `DispatchTime.now().uptimeNanoseconds`).
func secondsSince(_ start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
