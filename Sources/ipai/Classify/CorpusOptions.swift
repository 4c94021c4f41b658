import ArgumentParser
import Classifications
import Core
import PatentClassification

/// How to read a labelled corpus: format, label field and level, text fields, bad records.
struct CorpusOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Input format: jsonl or csv (default: from the file name).", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp(
        "The field with the classification symbols: ipc, cpc, ipc_subclasses, ... (default: ipc, or the model's).",
        valueName: "field"))
    var labels: String?

    @Option(help: ArgumentHelp(
        "Text fields to use, comma-separated: title, abstract, claims, description (default: title,abstract,claims, or the model's).",
        valueName: "fields"))
    var text: String?

    @Flag(help: "The first symbol of each document is its main symbol (enables WIPO's top-prediction and three-guesses measures).")
    var firstIsMain = false

    @Flag(help: "Skip malformed records and invalid symbols instead of stopping; report how many were skipped.")
    var skipInvalid = false

    func parsedFormat() throws(IPAIError) -> CorpusReader.Format? {
        guard let format else { return nil }
        guard let parsed = CorpusReader.Format(rawValue: format.lowercased()) else {
            throw IPAIError(.invalidArgument, "unknown format '\(format)'; use jsonl or csv")
        }
        return parsed
    }

    func textFields(default fallback: [TextField] = [.title, .abstract, .claims]) throws(IPAIError) -> [TextField] {
        guard let text else { return fallback }
        return try TextField.list(text)
    }
}

/// `--level` parsing shared by commands.
func parseLevel(_ text: String?) throws(IPAIError) -> SymbolLevel? {
    guard let text else { return nil }
    return try SymbolLevel(parsing: text)
}

/// `--threads` with a sane default.
func threadCount(_ requested: Int?) throws(IPAIError) -> Int {
    guard let requested else { return Parallel.defaultThreadCount }
    guard requested >= 1 else { throw IPAIError(.invalidArgument, "--threads must be at least 1, got \(requested)") }
    return requested
}
