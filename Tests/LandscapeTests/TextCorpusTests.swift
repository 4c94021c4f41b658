import Core
import Foundation
import Testing
@testable import Landscape

@Suite("Text corpora: JSONL records and query categories")
struct TextCorpusTests {
    static let records: [LandscapeRecord] = [
        LandscapeRecord(id: "A", office: "US", publicationYear: 2016, abstract: "A deep neural network classifies images of faces.", symbols: ["G06N 3/08"]),
        LandscapeRecord(id: "B", office: "US", publicationYear: 2017, abstract: "Speech recognition with a hidden Markov model.", symbols: ["G10L 15/14"]),
        LandscapeRecord(id: "C", office: "EP", publicationYear: 2017, abstract: "A pizza oven with a rotating stone.", symbols: ["A21B 1/00"]),
        LandscapeRecord(id: "D", office: "JP", publicationYear: 2018, abstract: "Fuzzy logic control of a washing machine.", symbols: ["D06F 33/00", "G05B 13/0275"]),
    ]

    @Test("category queries and the scope run on a search index built from the records")
    func queryCategories() throws {
        let definition = LandscapeDefinition(name: "AI", scope: "CPC=(G06N OR G10L OR G05B) OR fuzzy OR neural", dimensions: [
            .init(id: "t", label: "Techniques", categories: [
                .init(id: "nn", label: "Neural networks", query: "neural 1W network+ OR CPC=G06N3"),
                .init(id: "fuzzy", label: "Fuzzy logic", query: "fuzzy+"),
                .init(id: "prob", label: "Probabilistic", query: "markov+ OR bayes+"),
                .init(id: "other", label: "Other", otherwise: true),
            ]),
        ])
        let (categorised, index) = try definition.categorise(records: Self.records)
        #expect(index.documentCount == 4)
        #expect(categorised.scope.members == [0, 1, 3])
        #expect(categorised.categories[0][0]?.members == [0])
        #expect(categorised.categories[0][1]?.members == [3])
        #expect(categorised.categories[0][2]?.members == [1])
        #expect(categorised.categories[0][3]?.members == [])
        let report = try LandscapeReport(categorised)
        #expect(report.summary.families == 3)
        #expect(report.dimensions[0].categories[0].source == "query")
    }

    @Test("PATENTSCOPE priorities give families, priority years and the office of first filing")
    func priorities() throws {
        let path = Fixtures.temporaryFile("p.jsonl", """
        {"id": "US1", "title": "Pizza", "year": 2005, "country": "US", "applicants": ["Acme Inc."], "priority": "[9800760 1998-01-14T23:59:59.000Z GB, 9819015 1998-09-01T23:59:59.000Z GB]"}
        {"id": "EP1", "title": "Pizza", "year": 2004, "country": "EP", "applicants": ["ACME INC"], "priority": "[9800760 1998-01-14T23:59:59.000Z GB]"}

        {"id": "US2", "title": "Oven", "publication_date": "29.12.2006", "country": "US", "priority": ""}
        """)
        let records = try LandscapeRecord.readJSONL(path: path)
        #expect(records.count == 3)
        #expect(records[0].priorityKey == "GB 9800760")
        #expect(records[0].priorityYear == 1998)
        #expect(records[2].publicationYear == 2006)
        let corpus = try LandscapeCorpus(records: records)
        #expect(corpus.familyCount == 2)
        let report = try LandscapeReport(try LandscapeDefinition(name: "x", dimensions: [
            .init(id: "d", label: "D", categories: [.init(id: "all", label: "All", otherwise: true)]),
        ]).categorise(corpus))
        #expect(report.offices.first { $0.office == "GB" }?.firstFilings == 1)
        #expect(report.offices.first { $0.office == "GB" }?.filedAbroad == 1)
        #expect(report.years.first { $0.year == 2004 }?.families == 1)
    }

    @Test("a bad JSONL line is reported with file, line and field")
    func badLine() {
        let path = Fixtures.temporaryFile("bad.jsonl", "{\"id\": \"A\", \"year\": 2001}\n{\"id\": \"B\", \"year\": \"soon\"}\n")
        #expect {
            try LandscapeRecord.readJSONL(path: path, displayName: "bad.jsonl")
        } throws: { error in
            let location = (error as? IPAIError)?.location
            return location?.file == "bad.jsonl" && location?.line == 2 && location?.field == "year" && location?.value == "soon"
        }
    }

    @Test("the shipped AI definition runs the WITT strategy over the USPTO abstracts", .enabled(if: Fixtures.path("patents/uspto-abstracts-cpc.train.jsonl") != nil))
    func usptoAI() throws {
        let records = try LandscapeRecord.readJSONL(path: Fixtures.path("patents/uspto-abstracts-cpc.train.jsonl")!)
        #expect(records.count == 7_989)
        let (categorised, _) = try LandscapeDefinition.artificialIntelligence().categorise(records: records)
        let inScope = categorised.scope.count
        #expect(inScope > 50 && inScope < 2_000)
        let report = try LandscapeReport(categorised)
        #expect(report.summary.documents == inScope)
        #expect(report.dimensions[0].categories.first { $0.id == "machine_learning" }?.documents ?? 0 > 0)
        #expect(report.summary.yearBasis == "publication")
    }

    @Test("PATENTSCOPE applicants are normalised and typed", .enabled(if: Fixtures.path("patents/patentscope-titles-ipc.train.jsonl") != nil))
    func patentscope() throws {
        let all = try LandscapeRecord.readJSONL(path: Fixtures.path("patents/patentscope-titles-ipc.train.jsonl")!)
        let (records, duplicates) = LandscapeRecord.uniqued(all)
        #expect(duplicates.count < 100)
        let corpus = try LandscapeCorpus(records: records)
        #expect(corpus.familyCount < corpus.documentCount)
        #expect(corpus.hasApplicants)
        let report = try LandscapeReport(try LandscapeDefinition(name: "Pizza", dimensions: [
            .init(id: "d", label: "D", categories: [.init(id: "all", label: "All", otherwise: true)]),
        ]).categorise(corpus))
        #expect(report.topApplicants.filter { $0.scope == "all" }.count == 20)
        #expect(report.organisationTypes.first { $0.type == .company }?.applicants ?? 0 > 100)
        #expect(report.organisationTypes.first { $0.type == .university }?.applicants ?? 0 > 0)
    }
}
