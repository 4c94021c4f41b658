import Core
import Foundation
import PatentSearch
import Storage
import TestSupport
import Testing
@testable import Landscape

@Suite("Landscape datasets and reports in the store")
struct LandscapeStoreTests {
    /// Families by id, by priority and alone; one family counted by priority year only; one document without office.
    static let records: [LandscapeRecord] = LandscapeReportTests.records + [
        LandscapeRecord(id: "KR1", familyID: "F9", office: "KR", priorityYear: 2014, applicants: ["Samsung Electronics Co., Ltd."], flags: ["ml"]),
        LandscapeRecord(id: "KR2", familyID: "F9", office: "kr ", priorityYear: 2015, flags: ["vision"]),
        LandscapeRecord(id: "XX1", publicationYear: 2017, flags: ["speech"]),
    ]

    /// Text records: category queries and a scope run on the index.
    static let texts: [LandscapeRecord] = [
        LandscapeRecord(id: "T1", familyID: "A", office: "US", publicationYear: 2016, title: "Neural network for speech recognition"),
        LandscapeRecord(id: "T2", familyID: "A", office: "EP", publicationYear: 2017, title: "Neural network speech recognizer"),
        LandscapeRecord(id: "T3", office: "CN", publicationYear: 2017, abstract: "A machine learning model classifies images"),
        LandscapeRecord(id: "T4", office: "US", publicationYear: 2018, abstract: "A bicycle bell"),
        LandscapeRecord(id: "T5", office: "JP", publicationYear: 2018, abstract: "Deep learning for image recognition in cars"),
    ]

    static let textDefinition = LandscapeDefinition(
        name: "Text", scope: "neural OR learning", dimensions: [
            .init(id: "applications", label: "Applications", categories: [
                .init(id: "speech", label: "Speech", query: "speech"),
                .init(id: "vision", label: "Vision", query: "image?"),
                .init(id: "other", label: "Other", otherwise: true),
            ]),
        ])

    /// Stores records, runs the in-memory report, stores memberships and compares the SQL counts.
    func compare(_ store: Store, records: [LandscapeRecord], definition: LandscapeDefinition, withIndex: Bool) async throws {
        let landscapes = LandscapeStore(store)
        let dataset = try await landscapes.createDataset(name: "tiny", source: .jsonl, createdBy: nil)
        let corpus = try LandscapeCorpus(records: records)
        try await landscapes.saveRecords(records, flagNames: corpus.flagNames, families: corpus.familyCount, datasetID: dataset.id)
        let loaded = try await landscapes.records(datasetID: dataset.id)
        #expect(loaded.map(\.id) == records.map(\.id))
        let reloaded = try LandscapeCorpus(records: loaded)
        var index: SearchIndex? = nil
        if withIndex {
            let built = try SearchIndex(documents: loaded.map(\.searchDocument))
            try await landscapes.saveIndex(built, datasetID: dataset.id)
            index = try #require(try await landscapes.index(datasetID: dataset.id))
            #expect(index?.documentCount == records.count)
        }
        let categorised = try definition.categorise(reloaded, index: index)
        let options = ReportOptions(growthStart: 2015, growthEnd: 2017)
        let memory = try LandscapeReport(categorised, options: options)
        let run = try await landscapes.createReport(datasetID: dataset.id, name: "tiny", definition: "{}", options: options, createdBy: nil)
        try await landscapes.saveMembers(categorised, reportID: run.id)
        var database = memory
        database.years = []
        database.countries = []
        database.categoryYears = []
        database.apply(try await landscapes.aggregate(reportID: run.id, datasetID: dataset.id))
        #expect(database.years == memory.years)
        #expect(database.categoryYears == memory.categoryYears)
        #expect(database.dimensions == memory.dimensions)
        #expect(database.countries == memory.countries)
        #expect(database.growth == memory.growth)
        #expect(database.summary == memory.summary)

        try await landscapes.finishReport(id: run.id, report: database, aggregatedIn: "database")
        let stored = try #require(try await landscapes.report(id: run.id))
        #expect(stored.status == .done)
        #expect(try landscapes.decodedReport(stored)?.years == memory.years)
        #expect(try await landscapes.deleteDataset(id: dataset.id))
        #expect(try await landscapes.dataset(id: dataset.id) == nil)
        #expect(try await landscapes.report(id: run.id) == nil)
    }

    @Test("SQL counts per year, category and country equal the in-memory report (flag corpus)", arguments: Backend.allCases)
    func flagCorpus(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            try await compare(store, records: Self.records, definition: LandscapeReportTests.definition, withIndex: false)
        }
    }

    @Test("SQL counts equal the in-memory report when a scope query and category queries run on the stored index", arguments: Backend.allCases)
    func textCorpus(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            try await compare(store, records: Self.texts, definition: Self.textDefinition, withIndex: true)
        }
    }

    @Test("a CSV corpus stored as records gives the same report as the CSV itself")
    func csvRoundTrip() async throws {
        let csv = """
            Publication_number,Publication_country,Simple_family_ID,Priority_Year,Applicants,ml,vision
            1,US,10,2015,Acme Inc.;Universität Stuttgart,true,false
            2,EP,10,2016,ACME Corp,true,true
            3,JP,11,2016,株式会社東芝,false,true

            """
        let corpus = try LandscapeCorpus.parseCSV(Array(csv.utf8), file: "tiny.csv")
        let again = try LandscapeCorpus(records: corpus.records, flagNames: corpus.flagNames)
        let definition = LandscapeReportTests.definition
        let a = try LandscapeReport(try definition.categorise(corpus))
        let b = try LandscapeReport(try definition.categorise(again))
        #expect(a.tables == b.tables)
        #expect(again.familyCount == 2)
    }
}
