import Classifications
import Core
import Foundation
@testable import PatentClassification

/// A small invented corpus: three technical fields with their own vocabulary, written for the tests.
enum Fixtures {
    static let fields: [(symbols: [String], words: [String])] = [
        (["H01M 10/0525"], ["lithium", "battery", "cell", "anode", "cathode", "electrolyte", "charging", "separator"]),
        (["A47J 31/44", "A47J 31/40"], ["coffee", "brewing", "milk", "frothing", "cup", "espresso", "grinder", "water heater"]),
        (["G06N 3/08", "G06F 16/30"], ["neural", "network", "training", "layers", "learning", "dataset", "inference", "weights"]),
    ]

    /// `count` documents, cycling through the fields; each uses four of its field's words.
    static func documents(count: Int = 30, seed: UInt64 = 1) -> [[String: Any]] {
        var generator = seed
        func next() -> Int {
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return Int(generator >> 33)
        }
        return (0..<count).map { index in
            let field = fields[index % fields.count]
            let words = (0..<4).map { _ in field.words[next() % field.words.count] }
            return [
                "id": "T-\(index)",
                "title": "Device with \(words[0]) and \(words[1])",
                "abstract": "An apparatus comprising a \(words[2]) connected to the \(words[3]), wherein the \(words[0]) is improved.",
                "ipc": field.symbols,
                "year": 2020,
            ]
        }
    }

    /// Writes JSON lines (and extra raw lines) to a new temporary file.
    static func writeJSONL(_ documents: [[String: Any]], extraLines: [String] = [], name: String = "corpus.jsonl") throws -> String {
        var lines = try documents.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        lines += extraLines
        return try write(lines.joined(separator: "\n") + "\n", name: name)
    }

    static func write(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let subclassLabels = LabelSource(field: "ipc", level: .subclass)

    static func trainedModel(count: Int = 30) throws -> ClassificationModel {
        let path = try writeJSONL(documents(count: count))
        let corpus = try LabelledCorpus.read(path: path, labels: subclassLabels, textFields: [.title, .abstract])
        var titles = SchemeTitles()
        titles.setTitle("Batteries", for: try ClassificationSymbol(parsing: "H01M"))
        titles.setTitle("Electricity", for: try ClassificationSymbol(parsing: "H"))
        return try ClassificationModel.train(
            corpus: corpus, labelSource: subclassLabels, textFields: [.title, .abstract], titles: titles, threads: 2)
    }
}
