import Classifications
import Core

/// Which field of a corpus holds the classification labels, and the level to train or evaluate at.
///
/// ```swift
/// let source = try LabelSource(field: "cpc", level: .subclass)   // "G06F 17/30" → G06F
/// ```
public struct LabelSource: Sendable, Hashable, Codable {
    /// The document field with the symbol list (`ipc`, `cpc`, `ipc_subclasses`, ...).
    public var field: String
    /// Symbols are truncated to this level; symbols shallower than it are an error.
    public var level: SymbolLevel
    /// Whether the first symbol of each list is the document's main (first) symbol, as in many
    /// office exports. Enables WIPO's "top prediction" and "three guesses" measures.
    public var firstIsMain: Bool

    public init(field: String, level: SymbolLevel, firstIsMain: Bool = false) {
        self.field = field
        self.level = level
        self.firstIsMain = firstIsMain
    }

    /// The scheme the labels belong to, judged by the field name (`cpc…` is CPC, else IPC).
    public var scheme: String { field.lowercased().hasPrefix("cpc") ? "CPC" : "IPC" }

    /// Parses and truncates a document's raw symbols, keeping first-seen order and dropping duplicates.
    /// - Throws: `invalid_symbol` naming the symbol, the field and the problem.
    func labels(of document: PatentDocument, location: InputLocation) throws(IPAIError) -> [ClassificationSymbol] {
        guard let raw = document.symbols[field] else { return [] }
        var seen = Set<ClassificationSymbol>()
        var labels: [ClassificationSymbol] = []
        for text in raw {
            var here = location
            here.field = field
            here.value = text
            let symbol: ClassificationSymbol
            do {
                symbol = try ClassificationSymbol(parsing: text)
            } catch {
                throw IPAIError(error.code, error.message, at: here)
            }
            guard let truncated = symbol.truncated(to: level) else {
                throw IPAIError(
                    .invalidSymbol,
                    "'\(text)' is a \(symbol.level) symbol; labels at \(level) level need at least that depth",
                    at: here)
            }
            if seen.insert(truncated).inserted { labels.append(truncated) }
        }
        return labels
    }
}
