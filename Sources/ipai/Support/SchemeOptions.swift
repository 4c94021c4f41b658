import ArgumentParser
import Classifications
import Core
import Foundation

/// `--scheme FILE` (repeatable) and the `IPAI_SCHEME` environment variable: scheme title files.
struct SchemeOptions: ParsableArguments {
    @Option(
        name: .customLong("scheme"),
        help: ArgumentHelp(
            "A scheme title file (WIPO TSV such as ipc-en.tsv, WIPO JSONL, or CSV/TSV symbol,language,title); repeat for more languages. Default: the files in $IPAI_SCHEME (separated by ':').",
            valueName: "file"))
    var files: [String] = []

    /// The files given with `--scheme`, else those in `$IPAI_SCHEME`.
    var paths: [String] {
        guard files.isEmpty, let environment = ProcessInfo.processInfo.environment["IPAI_SCHEME"] else { return files }
        return environment.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// The titles of every given file, in order (later files win on conflicts).
    /// - Parameter skipInvalid: skip bad lines (reported on stderr) instead of stopping at the first.
    func load(progress: TerminalProgress? = nil, skipInvalid: Bool = false) throws(IPAIError) -> SchemeTitles {
        var titles = SchemeTitles()
        for path in paths {
            progress?.report(phase: "scheme", completed: 0, total: nil)
            let summary = try titles.load(contentsOf: path, skippingBadLines: skipInvalid)
            if summary.skippedLines > 0 {
                Output.note("ipai: skipped \(summary.skippedLines) bad line(s) of \(path), first: \(summary.firstSkipped.first.map(\.description) ?? "")")
            }
        }
        return titles
    }
}
