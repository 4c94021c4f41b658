import Classifications
import Core
import Foundation
import Testing
@testable import PatentClassification

@Suite struct ModelTests {
    @Test func suggestsTheFieldOfANewTextWithTitleAndPath() throws {
        let model = try Fixtures.trainedModel()
        let suggestions = try model.suggest("A lithium cell with a new anode and electrolyte", options: .init(count: 3))
        #expect(suggestions.first?.symbol.description == "H01M")
        #expect(suggestions.first?.title == "Batteries")
        #expect(suggestions.first?.path.steps.map(\.symbol.description) == ["H", "H01", "H01M"])
        let confidences = suggestions.map(\.confidence)
        #expect(confidences == confidences.sorted(by: >))
        #expect(confidences.allSatisfy { (0...1).contains($0) })
    }

    @Test func explanationNamesTheTextsOwnWords() throws {
        let model = try Fixtures.trainedModel()
        let text = "Espresso machine with a milk frothing wand"
        let top = try model.suggest(text, options: .init(count: 1, explain: true))[0]
        #expect(top.symbol.description == "A47J")
        let terms = try #require(top.decisiveTerms)
        #expect(!terms.isEmpty)
        let utf8 = Array(text.utf8)
        for term in terms {
            for range in term.ranges {
                let surface = String(decoding: utf8[range], as: UTF8.self).lowercased()
                #expect(["espresso", "milk", "frothing", "machine", "wand", "milk frothing"].contains(where: surface.contains))
            }
        }
    }

    @Test func restrictToThresholdAndCoarserLevels() throws {
        let model = try Fixtures.trainedModel()
        let text = "A lithium cell with a new anode and electrolyte"
        let restricted = try model.suggest(text, options: .init(count: 5, restrictTo: [try ClassificationSymbol(parsing: "G06")]))
        #expect(!restricted.isEmpty && restricted.allSatisfy { $0.symbol.description.hasPrefix("G06") })
        let confident = try model.suggest(text, options: .init(count: 5, threshold: 0.5))
        #expect(confident.allSatisfy { $0.confidence >= 0.5 })
        let sections = try model.suggest(text, options: .init(count: 3, level: .section))
        #expect(sections.first?.symbol.description == "H")
        #expect(sections.allSatisfy { $0.symbol.level == .section })
    }

    @Test func refusesEmptyTextDeeperLevelsAndImpossibleRestrictions() throws {
        let model = try Fixtures.trainedModel()
        #expect(throws: IPAIError.self) { try model.suggest("   \n") }
        let deeper = #expect(throws: IPAIError.self) { try model.suggest("battery", options: .init(level: .mainGroup)) }
        #expect(deeper?.message.contains("subclass") == true)
        let nowhere = #expect(throws: IPAIError.self) {
            try model.suggest("battery", options: .init(restrictTo: [try ClassificationSymbol(parsing: "C07")]))
        }
        #expect(nowhere?.message.contains("C07") == true)
        #expect(try model.suggest("zzzz qqqq").isEmpty, "unknown words give no suggestion, not an error")
    }

    @Test func saveAndLoadGiveTheSameSuggestions() throws {
        let model = try Fixtures.trainedModel()
        let path = try Fixtures.write("", name: "model.ipaimodel")
        try model.save(to: path)
        let loaded = try ClassificationModel.load(from: path)
        let text = "Neural network training on a dataset"
        #expect(try loaded.suggest(text, options: .init(explain: true)) == (try model.suggest(text, options: .init(explain: true))))
        #expect(loaded.metadata.labelCount == 4, "H01M, A47J, G06N, G06F")
        #expect(loaded.metadata.corpus.documents == 30)
        #expect(try ClassificationModel.metadata(of: path).corpus.digest == model.metadata.corpus.digest)
    }

    @Test func truncatedCorruptedAndForeignFilesGiveClearErrors() throws {
        let model = try Fixtures.trainedModel()
        let path = try Fixtures.write("", name: "model.ipaimodel")
        try model.save(to: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for cut in [0, 4, 20, bytes.count / 3, bytes.count - 1] {
            try Data(bytes.prefix(cut)).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: IPAIError.self) { try ClassificationModel.load(from: path) }
            #expect(error?.code == .corruptModel)
            #expect(error?.message.contains(path) == true)
        }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0xFF
        try Data(flipped).write(to: URL(fileURLWithPath: path))
        let corrupted = #expect(throws: IPAIError.self) { try ClassificationModel.load(from: path) }
        #expect(corrupted?.message.contains("checksum") == true)
        try Data("{\"id\": 1}\n".utf8).write(to: URL(fileURLWithPath: path))
        let foreign = #expect(throws: IPAIError.self) { try ClassificationModel.load(from: path) }
        #expect(foreign?.message.contains("not an IPAI model") == true)
    }

    @Test func anEmptyCorpusCannotBeTrained() throws {
        let path = try Fixtures.writeJSONL([["id": "A", "title": "t", "ipc": [String]()]])
        let corpus = try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title])
        let error = #expect(throws: IPAIError.self) {
            try ClassificationModel.train(corpus: corpus, labelSource: Fixtures.subclassLabels, textFields: [.title])
        }
        #expect(error?.code == .emptyInput)
    }
}
