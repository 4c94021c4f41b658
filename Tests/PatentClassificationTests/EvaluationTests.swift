import Classifications
import Core
import Foundation
import Testing
@testable import PatentClassification

@Suite struct EvaluationTests {
    @Test func evaluationReportsEveryLevelAndTheRequiredJSONKeys() throws {
        let model = try Fixtures.trainedModel()
        let path = try Fixtures.writeJSONL(Fixtures.documents(count: 12, seed: 99))
        let corpus = try LabelledCorpus.read(
            path: path, labels: LabelSource(field: "ipc", level: .subclass, firstIsMain: true), textFields: [.title, .abstract])
        let report = try model.evaluate(corpus: corpus, corpusName: path, firstIsMain: true)
        #expect(report.levels.map(\.level) == [.section, .class, .subclass])
        #expect(report.main.precisionAt1 > 0.9, "three well-separated fields")
        #expect(report.main.wipo.topPrediction != nil && report.main.wipo.threeGuesses != nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
        for key in ["precision_at_1", "precision_at_3", "recall_at_5", "f1_at_5", "ndcg_at_5", "documents", "levels", "wipo"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        #expect(json["documents"] as? Int == 12)
        let csv = report.main.symbolCSV.split(separator: "\n")
        #expect(csv.first == "symbol,title,support,predicted_first,correct_first,precision,recall,f1,recall_at_5")
        #expect(csv.count == 5, "header and one line per symbol (H01M, A47J, G06N, G06F)")
    }

    @Test func perSymbolCountsAddUpToTheDocuments() throws {
        let model = try Fixtures.trainedModel()
        let path = try Fixtures.writeJSONL(Fixtures.documents(count: 9, seed: 5))
        let corpus = try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title, .abstract])
        let report = try model.evaluate(corpus: corpus, corpusName: "t")
        let symbols = report.main.symbols
        #expect(symbols.map(\.predictedFirst).reduce(0, +) == 9)
        let support = symbols.map(\.support).reduce(0, +)
        // Documents of G06N/G06F carry two subclasses, the others one: 3 + 3 + 6.
        #expect(support == 12)
    }

    @Test func crossValidationTestsEveryDocumentOnce() throws {
        let path = try Fixtures.writeJSONL(Fixtures.documents(count: 30))
        let corpus = try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title, .abstract])
        let report = try CrossValidation.run(
            corpus: corpus, corpusName: path, folds: 3, labelSource: Fixtures.subclassLabels, textFields: [.title, .abstract],
            titles: SchemeTitles(), configuration: ClassifierConfiguration(), threads: 2)
        #expect(report.folds == 3)
        #expect(report.documents == 30)
        #expect(report.main.precisionAt1 > 0.8)
        #expect(report.spread?["subclass.precision_at_1"] != nil)
        #expect(throws: IPAIError.self) {
            try CrossValidation.run(
                corpus: corpus, corpusName: path, folds: 1, labelSource: Fixtures.subclassLabels, textFields: [.title],
                titles: SchemeTitles(), configuration: ClassifierConfiguration())
        }
    }
}
