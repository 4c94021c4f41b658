import Classifications
import Core
import Foundation
import Testing
@testable import PatentClassification

@Suite struct CorpusReadingTests {
    @Test func readsLabelsAtTheRequestedLevelInSourceOrder() throws {
        let path = try Fixtures.writeJSONL([
            ["id": "A", "title": "x", "ipc": ["G06F 17/30 (2006.01)", "G06F0016000000", "H04L 29/06"]],
        ])
        let corpus = try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title])
        #expect(corpus.documents.map { $0.labels.map(\.description) } == [["G06F", "H04L"]])
        let groups = try LabelledCorpus.read(
            path: path, labels: LabelSource(field: "ipc", level: .mainGroup), textFields: [.title])
        #expect(groups.documents[0].labels.map(\.description) == ["G06F 17/00", "G06F 16/00", "H04L 29/00"])
    }

    @Test func badJSONLineNamesFileAndLine() throws {
        let path = try Fixtures.writeJSONL(Fixtures.documents(count: 3), extraLines: ["{not json"])
        let error = #expect(throws: IPAIError.self) {
            try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title])
        }
        #expect(error?.location?.file == path)
        #expect(error?.location?.line == 4)
        #expect(error?.description.contains("\(path):4") == true)
    }

    @Test func invalidSymbolNamesSymbolFieldAndLine() throws {
        let path = try Fixtures.writeJSONL([["id": "A", "title": "t", "ipc": ["G06F 17/30"]], ["id": "B", "title": "t", "ipc": ["Q99Z 1/00"]]])
        let error = #expect(throws: IPAIError.self) {
            try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title])
        }
        #expect(error?.code == .invalidSymbol)
        #expect(error?.location?.line == 2)
        #expect(error?.location?.field == "ipc")
        #expect(error?.description.contains("Q99Z 1/00") == true)
    }

    @Test func skipInvalidGoesOnAndCountsEverything() throws {
        let documents = Fixtures.documents(count: 4) + [["id": "no-labels", "title": "Just text", "ipc": [String]()]]
        let path = try Fixtures.writeJSONL(
            documents, extraLines: ["{broken", #"{"id": "bad", "title": "t", "ipc": ["G06"]}"#, #"{"id": "wrong type", "title": 7}"#])
        let corpus = try LabelledCorpus.read(
            path: path, labels: Fixtures.subclassLabels, textFields: [.title], skipInvalid: true)
        #expect(corpus.documents.count == 4)
        #expect(corpus.report.records == 8)
        #expect(corpus.report.skippedInvalid == 3)
        #expect(corpus.report.withoutLabels == 1)
        #expect(corpus.report.problems.count == 3)
        #expect(corpus.report.summary.contains("3 invalid records skipped"))
    }

    @Test func readsCSVWithQuotedMultiLineFieldsAndSymbolLists() throws {
        let csv = [
            "id,title,abstract,ipc",
            #"C1,"Brake disc","A disc with"#,
            #"cooling channels, ""vented""",B60T 1/06; F16D 65/12"#,
            "C2,Coffee maker,Brews coffee,A47J 31/44",
        ].joined(separator: "\n")
        let path = try Fixtures.write(csv + "\n", name: "corpus.csv")
        let corpus = try LabelledCorpus.read(path: path, labels: Fixtures.subclassLabels, textFields: [.title, .abstract])
        #expect(corpus.documents.count == 2)
        #expect(corpus.documents[0].document.abstract == "A disc with\ncooling channels, \"vented\"")
        #expect(corpus.documents[0].labels.map(\.description) == ["B60T", "F16D"])
        #expect(corpus.documents[1].line == 4)
    }
}
