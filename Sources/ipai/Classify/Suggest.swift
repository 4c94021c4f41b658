#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Classifications
import Core
import Foundation
import PatentClassification

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest symbols for a text, a file, standard input, or a batch of documents.",
        discussion: """
            Examples:
              ipai classify suggest -m ipc.ipaimodel "A coffee machine with a milk frothing unit"
              ipai classify suggest -m ipc.ipaimodel --file application.txt --count 3 --explain
              cat abstract.txt | ipai classify suggest -m ipc.ipaimodel --level class --json
              ipai classify suggest -m ipc.ipaimodel "..." --restrict G06 --restrict H04L --threshold 0.2
              ipai classify suggest -m ipc.ipaimodel --batch new.jsonl --output suggestions.jsonl
            """)

    @Option(name: [.short, .long], help: ArgumentHelp("The model file.", valueName: "file"))
    var model: String

    @Argument(help: ArgumentHelp("The text (default: --file, else standard input).", valueName: "text"))
    var text: [String] = []

    @Option(help: ArgumentHelp("Read the text from this file.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp(
        "Classify every document of a JSONL or CSV file ('-' for standard input); writes one JSON line per document.",
        valueName: "file"))
    var batch: String?

    @Option(name: [.short, .long], help: ArgumentHelp("With --batch: write the JSON lines here instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("With --batch: text fields to use (default: the model's).", valueName: "fields"))
    var textFields: String?

    @Flag(help: "With --batch: skip malformed records instead of stopping.")
    var skipInvalid = false

    @Option(name: [.short, .long], help: ArgumentHelp("How many suggestions.", valueName: "n"))
    var count: Int = 5

    @Option(help: ArgumentHelp("Suggest at this level (the model's or coarser): section, class, subclass, main-group, subgroup.", valueName: "level"))
    var level: String?

    @Option(help: ArgumentHelp("Leave out suggestions below this confidence (0-1).", valueName: "p"))
    var threshold: Double = 0

    @Option(help: ArgumentHelp("Only suggest symbols under this one, e.g. G06 (repeatable).", valueName: "symbol"))
    var restrict: [String] = []

    @Flag(help: "Show the terms of the text that weighed most for each suggestion.")
    var explain = false

    @Option(help: ArgumentHelp("Language of the titles shown, e.g. en, fr, zh.", valueName: "code"))
    var titleLanguage: String = "en"

    @Option(help: ArgumentHelp("Worker threads for --batch (default: all cores).", valueName: "n"))
    var threads: Int?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Output.failing {
            let model = try ClassificationModel.load(from: model)
            var restrictTo: [ClassificationSymbol] = []
            for symbol in restrict { restrictTo.append(try ClassificationSymbol(parsing: symbol)) }
            let options = SuggestOptions(
                count: count, level: try parseLevel(level), threshold: threshold, restrictTo: restrictTo, explain: explain,
                titleLanguage: titleLanguage)
            if let batch {
                try runBatch(model: model, path: batch, options: options)
                return
            }
            let text = try readText()
            let suggestions = try model.suggest(text, options: options)
            if json {
                try Output.json(SuggestResult(suggestions: suggestions))
            } else if suggestions.isEmpty {
                Output.line("No suggestion: none of the text's terms occur in the model's training corpus, or none passed the threshold.")
            } else {
                for (rank, suggestion) in suggestions.enumerated() { print(rank + 1, suggestion) }
            }
        }
    }

    private func readText() throws(IPAIError) -> String {
        if !text.isEmpty { return text.joined(separator: " ") }
        if let file {
            do {
                return try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw IPAIError(.fileUnreadable, "cannot read '\(file)' as UTF-8 text", cause: error)
            }
        }
        guard isatty(0) == 0 else {
            throw IPAIError(.invalidArgument, "give a text as argument, --file FILE, or pipe the text on standard input")
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    private func print(_ rank: Int, _ suggestion: Suggestion) {
        let bar = String(repeating: "█", count: Int((suggestion.confidence * 10).rounded()))
            .padding(toLength: 10, withPad: "·", startingAt: 0)
        Output.line(String(format: "%2d. %-12@ %@ %5.1f%%  %@", rank, suggestion.symbol.description, bar,
                           suggestion.confidence * 100, suggestion.title ?? ""))
        let chain = suggestion.path.steps.dropLast()
        if !chain.isEmpty {
            Output.line("    in: " + chain.map { step in step.symbol.description + (step.title.map { " " + shorten($0) } ?? "") }
                .joined(separator: " › "))
        }
        if let terms = suggestion.decisiveTerms, !terms.isEmpty {
            Output.line("    decisive terms: " + terms.map { term in
                let shown = term.occurrences.isEmpty ? term.term : term.occurrences.joined(separator: "/")
                return String(format: "%@ (%.2f)", shown, term.weight)
            }.joined(separator: ", "))
        }
    }

    private func shorten(_ title: String) -> String {
        title.count > 40 ? String(title.prefix(38)) + "…" : title
    }

    private func runBatch(model: ClassificationModel, path: String, options: SuggestOptions) throws {
        let threads = try threadCount(threads)
        let fields = try textFields.map { text throws(IPAIError) in try TextField.list(text) } ?? model.metadata.textFields
        var reader = try CorpusReader(path: path)
        let progress = TerminalProgress()
        let sink: FileHandle
        if let output {
            // Opened in place, never created by renaming: `-o /dev/null` or a FIFO stays what it is.
            sink = try OutputFile.stream(output)
        } else {
            sink = FileHandle.standardOutput
        }
        var written = 0
        var classifying: Duration = .zero
        let clock = ContinuousClock()
        var skipped = 0
        var empty = 0
        var finished = false
        while !finished {
            // Read a chunk, classify it on all cores, write it in order: memory stays flat.
            var ids: [String] = []
            var texts: [String] = []
            while ids.count < 512 {
                do {
                    guard let record = try reader.next() else {
                        finished = true
                        break
                    }
                    ids.append(record.document.id)
                    texts.append(record.document.text(fields))
                } catch {
                    guard skipInvalid else { throw error }
                    skipped += 1
                    Output.note("ipai: skipped: \(error.description)")
                }
            }
            var results: [[Suggestion]] = []
            classifying += try clock.measure { results = try model.suggest(texts, options: options, threads: threads) }
            var chunk = Data()
            for (index, suggestions) in results.enumerated() {
                if texts[index].isEmpty { empty += 1 }
                chunk.append(try Output.jsonLine(BatchLine(id: ids[index], suggestions: suggestions)))
            }
            sink.write(chunk)
            written += ids.count
            progress.report(phase: "classifying", completed: reader.bytesRead, total: reader.fileSize)
        }
        progress.finish()
        if progress.tracing {
            let seconds = Double(classifying.components.seconds) + Double(classifying.components.attoseconds) * 1e-18
            Output.note(String(format: "trace: classified %d documents in %.4f s (%.0f documents/s), reading and writing excluded",
                               written, seconds, Double(written) / max(seconds, 1e-9)))
        }
        if output != nil || skipped > 0 || empty > 0 {
            Output.note("Classified \(written) documents" + (skipped > 0 ? "; skipped \(skipped) invalid records" : "")
                + (empty > 0 ? "; \(empty) had no text in \(fields.map(\.rawValue).joined(separator: ","))" : "") + ".")
        }
    }
}

struct SuggestResult: Encodable {
    var suggestions: [Suggestion]
}

/// One document's result in batch mode: lean, without the parent chain.
struct BatchLine: Encodable {
    struct Item: Encodable {
        var symbol: String
        var confidence: Double
        var title: String?
        var decisiveTerms: [DecisiveTerm]?
    }

    var id: String
    var suggestions: [Item]

    init(id: String, suggestions: [Suggestion]) {
        self.id = id
        self.suggestions = suggestions.map {
            Item(symbol: $0.symbol.description, confidence: $0.confidence, title: $0.title, decisiveTerms: $0.decisiveTerms)
        }
    }
}
