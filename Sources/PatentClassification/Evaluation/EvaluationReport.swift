import Classifications
import Foundation

/// The result of evaluating a model on a labelled corpus, per level.
///
/// As JSON (`ipai classify evaluate --json`), the top-level keys are the measures at the model's
/// own level (`documents`, `precision_at_1`, `precision_at_3`, `precision_at_5`, `recall_at_5`,
/// `f1_at_5`, `ndcg_at_5`, `wipo`), followed by `levels` with the same measures at every level.
public struct EvaluationReport: Sendable, Codable {
    public var corpus: String
    public var documents: Int
    public var levels: [LevelEvaluation]
    public var seconds: Double
    /// Cross-validation only: the number of folds, and the spread of each measure over them.
    public var folds: Int?
    public var spread: [String: Double]?

    /// The evaluation at the model's own (deepest) level.
    public var main: LevelEvaluation { levels.max { $0.level < $1.level }! }

    enum CodingKeys: String, CodingKey {
        case corpus, documents, levels, seconds, folds
        case spread = "standard_deviation"
        case level, precisionAt1 = "precision_at_1", precisionAt3 = "precision_at_3", precisionAt5 = "precision_at_5"
        case recallAt5 = "recall_at_5", f1At5 = "f1_at_5", ndcgAt5 = "ndcg_at_5", wipo
    }

    public init(corpus: String, documents: Int, levels: [LevelEvaluation], seconds: Double, folds: Int? = nil, spread: [String: Double]? = nil) {
        self.corpus = corpus
        self.documents = documents
        self.levels = levels
        self.seconds = seconds
        self.folds = folds
        self.spread = spread
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        corpus = try container.decode(String.self, forKey: .corpus)
        documents = try container.decode(Int.self, forKey: .documents)
        levels = try container.decode([LevelEvaluation].self, forKey: .levels)
        seconds = try container.decode(Double.self, forKey: .seconds)
        folds = try container.decodeIfPresent(Int.self, forKey: .folds)
        spread = try container.decodeIfPresent([String: Double].self, forKey: .spread)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(corpus, forKey: .corpus)
        try container.encode(documents, forKey: .documents)
        let main = self.main
        try container.encode(main.level, forKey: .level)
        try container.encode(main.precisionAt1, forKey: .precisionAt1)
        try container.encode(main.precisionAt3, forKey: .precisionAt3)
        try container.encode(main.precisionAt5, forKey: .precisionAt5)
        try container.encode(main.recallAt5, forKey: .recallAt5)
        try container.encode(main.f1At5, forKey: .f1At5)
        try container.encode(main.ndcgAt5, forKey: .ndcgAt5)
        try container.encode(main.wipo, forKey: .wipo)
        try container.encode(levels, forKey: .levels)
        try container.encode(seconds, forKey: .seconds)
        try container.encodeIfPresent(folds, forKey: .folds)
        try container.encodeIfPresent(spread, forKey: .spread)
    }
}

/// Measures at one level of the hierarchy.
public struct LevelEvaluation: Sendable, Codable {
    public var level: SymbolLevel
    public var documents: Int
    public var precisionAt1: Double
    public var precisionAt3: Double
    public var precisionAt5: Double
    public var recallAt5: Double
    public var f1At5: Double
    public var ndcgAt5: Double
    public var wipo: WIPOMeasures
    /// Per-symbol breakdown, by symbol.
    public var symbols: [SymbolEvaluation]

    enum CodingKeys: String, CodingKey {
        case level, documents, wipo, symbols
        case precisionAt1 = "precision_at_1", precisionAt3 = "precision_at_3", precisionAt5 = "precision_at_5"
        case recallAt5 = "recall_at_5", f1At5 = "f1_at_5", ndcgAt5 = "ndcg_at_5"
    }
}

/// WIPO's measures for automatic IPC categorisation (Fall et al., 2003).
///
/// - top prediction: the first suggestion is the document's main symbol;
/// - three guesses: the main symbol is among the first three suggestions;
/// - all categories: the first suggestion is any of the document's symbols.
/// The first two need gold data that marks the main symbol; without it they are absent (nil).
public struct WIPOMeasures: Sendable, Codable, Equatable {
    public var topPrediction: Double?
    public var threeGuesses: Double?
    public var allCategories: Double

    enum CodingKeys: String, CodingKey {
        case topPrediction = "top_prediction", threeGuesses = "three_guesses", allCategories = "all_categories"
    }
}

/// How the model did on one symbol: as top suggestion and within the first five.
public struct SymbolEvaluation: Sendable, Codable, Equatable {
    public var symbol: ClassificationSymbol
    public var title: String?
    /// Documents that carry the symbol.
    public var support: Int
    /// Documents whose first suggestion is the symbol, and how many of those carry it.
    public var predictedFirst: Int
    public var correctFirst: Int
    /// Documents carrying the symbol that have it among the first five suggestions.
    public var foundInFive: Int

    public var precision: Double { predictedFirst == 0 ? 0 : Double(correctFirst) / Double(predictedFirst) }
    public var recall: Double { support == 0 ? 0 : Double(correctFirst) / Double(support) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var recallAt5: Double { support == 0 ? 0 : Double(foundInFive) / Double(support) }

    enum CodingKeys: String, CodingKey {
        case symbol, title, support, precision, recall, f1
        case predictedFirst = "predicted_first", correctFirst = "correct_first", foundInFive = "found_in_five"
        case recallAt5 = "recall_at_5"
    }

    public init(symbol: ClassificationSymbol, title: String?, support: Int, predictedFirst: Int, correctFirst: Int, foundInFive: Int) {
        self.symbol = symbol
        self.title = title
        self.support = support
        self.predictedFirst = predictedFirst
        self.correctFirst = correctFirst
        self.foundInFive = foundInFive
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try container.decode(ClassificationSymbol.self, forKey: .symbol)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        support = try container.decode(Int.self, forKey: .support)
        predictedFirst = try container.decode(Int.self, forKey: .predictedFirst)
        correctFirst = try container.decode(Int.self, forKey: .correctFirst)
        foundInFive = try container.decode(Int.self, forKey: .foundInFive)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(symbol, forKey: .symbol)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encode(support, forKey: .support)
        try container.encode(predictedFirst, forKey: .predictedFirst)
        try container.encode(correctFirst, forKey: .correctFirst)
        try container.encode(foundInFive, forKey: .foundInFive)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(recallAt5, forKey: .recallAt5)
    }
}

extension LevelEvaluation {
    /// The per-symbol breakdown as CSV (header line first), for spreadsheets.
    public var symbolCSV: String {
        var lines = ["symbol,title,support,predicted_first,correct_first,precision,recall,f1,recall_at_5"]
        for item in symbols {
            let title = (item.title ?? "").replacingOccurrences(of: "\"", with: "\"\"")
            lines.append([
                item.symbol.description, "\"\(title)\"", "\(item.support)", "\(item.predictedFirst)", "\(item.correctFirst)",
                String(format: "%.4f", item.precision), String(format: "%.4f", item.recall), String(format: "%.4f", item.f1),
                String(format: "%.4f", item.recallAt5),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
