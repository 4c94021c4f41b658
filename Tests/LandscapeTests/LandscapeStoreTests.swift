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

    /// Applicants in several spellings and types, priorities with and without an office, families
    /// over several offices (first filing from a priority, inferred from the earliest publication,
    /// a national office before EP on a tie), a family counted by priority year, documents without office.
    static let applicantRecords: [LandscapeRecord] = [
        LandscapeRecord(id: "A1", familyID: "10", office: "US", publicationYear: 2015, priorityYear: 2014, priorityOffice: "US",
                        applicants: ["Acme Inc.", "Universität Stuttgart"], flags: ["ml"]),
        LandscapeRecord(id: "A2", familyID: "10", office: "EP", publicationYear: 2016, applicants: ["ACME Corp"], flags: ["ml", "vision"]),
        LandscapeRecord(id: "A3", familyID: "10", office: "WO", publicationYear: 2016, applicants: ["Acme, Inc"]),
        LandscapeRecord(id: "B1", familyID: "11", office: "JP", publicationYear: 2016, priorityYear: 2015,
                        applicants: ["株式会社東芝", "Sony Corporation"], flags: ["vision"]),
        LandscapeRecord(id: "B2", familyID: "11", office: "US", publicationYear: 2017, applicants: ["Sony Corp"]),
        LandscapeRecord(id: "C1", priorityKey: "CN 2017", office: "CN", publicationYear: 2018, priorityYear: 2017,
                        applicants: ["华为技术有限公司"], flags: ["speech", "ml"]),
        LandscapeRecord(id: "C2", priorityKey: "CN 2017", office: "EP", publicationYear: 2019,
                        applicants: ["Huawei Technologies Co., Ltd."], flags: ["speech"]),
        LandscapeRecord(id: "D1", office: "KR", publicationYear: 2017,
                        applicants: ["Samsung Electronics Co., Ltd.", "Korea Advanced Institute of Science and Technology"], flags: ["ml"]),
        LandscapeRecord(id: "D2", office: "kr", publicationYear: 2018, applicants: ["Samsung Electronics Co Ltd"], flags: ["vision"]),
        LandscapeRecord(id: "E1", office: "US", publicationYear: 2018, applicants: ["Smith, John"], flags: ["speech"]),
        LandscapeRecord(id: "E2", publicationYear: 2019, applicants: ["Fraunhofer-Gesellschaft zur Förderung der angewandten Forschung e.V."],
                        flags: ["ml"]),
        LandscapeRecord(id: "F1", familyID: "12", office: "DE", priorityYear: 2016, priorityOffice: "de", applicants: ["Siemens AG"], flags: ["ml"]),
        LandscapeRecord(id: "F2", familyID: "12", office: "US", priorityYear: 2016, applicants: ["Siemens Aktiengesellschaft"]),
        LandscapeRecord(id: "G1", familyID: "13", office: "EP", publicationYear: 2017, applicants: ["Acme Inc."], flags: ["vision"]),
        LandscapeRecord(id: "G2", familyID: "13", office: "JP", publicationYear: 2017, applicants: ["Sony Corp."], flags: ["speech"]),
        LandscapeRecord(id: "H1", familyID: "14", publicationYear: 2016, flags: ["ml"]),
    ]

    /// Text records: category queries and a scope run on the index.
    static let texts: [LandscapeRecord] = [
        LandscapeRecord(id: "T1", familyID: "A", office: "US", publicationYear: 2016, applicants: ["Acme Inc."],
                        title: "Neural network for speech recognition"),
        LandscapeRecord(id: "T2", familyID: "A", office: "EP", publicationYear: 2017, applicants: ["ACME Corp", "MIT"],
                        title: "Neural network speech recognizer"),
        LandscapeRecord(id: "T3", office: "CN", publicationYear: 2017, priorityOffice: "CN", applicants: ["清华大学"],
                        abstract: "A machine learning model classifies images"),
        LandscapeRecord(id: "T4", office: "US", publicationYear: 2018, applicants: ["Bell Works Ltd"], abstract: "A bicycle bell"),
        LandscapeRecord(id: "T5", office: "JP", publicationYear: 2018, applicants: ["Acme KK"],
                        abstract: "Deep learning for image recognition in cars"),
    ]

    static let textDefinition = LandscapeDefinition(
        name: "Text", scope: "neural OR learning", dimensions: [
            .init(id: "applications", label: "Applications", categories: [
                .init(id: "speech", label: "Speech", query: "speech"),
                .init(id: "vision", label: "Vision", query: "image?"),
                .init(id: "other", label: "Other", otherwise: true),
            ]),
        ])

    /// Stores records and their family rows, runs the in-memory report, stores memberships and
    /// compares every table the SQL path counts.
    func compare(
        _ store: Store, records: [LandscapeRecord], definition: LandscapeDefinition, withIndex: Bool, topApplicants: Int = 20
    ) async throws {
        let landscapes = LandscapeStore(store)
        let dataset = try await landscapes.createDataset(name: "tiny", source: .jsonl, createdBy: nil)
        let corpus = try LandscapeCorpus(records: records)
        try await landscapes.saveRecords(records, flagNames: corpus.flagNames, families: corpus.familyCount, datasetID: dataset.id)
        #expect(try await !landscapes.hasFamilies(datasetID: dataset.id))
        try await landscapes.saveFamilies(corpus, records: records, datasetID: dataset.id)
        #expect(try await landscapes.hasFamilies(datasetID: dataset.id))
        let loaded = try await landscapes.records(datasetID: dataset.id)
        #expect(loaded.map(\.id) == records.map(\.id))
        let reloaded = try LandscapeCorpus(records: loaded)
        var index: SearchIndex? = nil
        if withIndex {
            let built = try SearchIndex(documents: loaded.map(\.searchDocument))
            try await landscapes.saveIndex(built, datasetID: dataset.id)
            let stored: SearchIndex = try #require(try await landscapes.index(datasetID: dataset.id))
            #expect(stored.documentCount == records.count)
            index = stored
        }
        let categorised = try definition.categorise(reloaded, index: index)
        let options = ReportOptions(growthStart: 2015, growthEnd: 2017, topApplicants: topApplicants)
        let memory = try LandscapeReport(categorised, options: options)
        let run = try await landscapes.createReport(datasetID: dataset.id, name: "tiny", definition: "{}", options: options, createdBy: nil)
        try await landscapes.saveMembers(categorised, reportID: run.id)
        var database = memory
        database.years = []
        database.countries = []
        database.categoryYears = []
        database.topApplicants = []
        database.organisationTypes = []
        database.offices = []
        database.cooccurrence = []
        database.summary.applicants = -1
        database.apply(try await landscapes.aggregate(reportID: run.id, datasetID: dataset.id, topApplicants: topApplicants))
        #expect(database.years == memory.years)
        #expect(database.categoryYears == memory.categoryYears)
        #expect(database.dimensions == memory.dimensions)
        #expect(database.countries == memory.countries)
        #expect(database.growth == memory.growth)
        #expect(database.summary == memory.summary)
        #expect(database.topApplicants == memory.topApplicants)
        #expect(database.organisationTypes == memory.organisationTypes)
        #expect(database.offices == memory.offices)
        #expect(database.cooccurrence == memory.cooccurrence)
        #expect(database.tables == memory.tables)

        try await landscapes.finishReport(id: run.id, report: database, aggregatedIn: "database")
        let stored = try #require(try await landscapes.report(id: run.id))
        #expect(stored.status == .done)
        #expect(try landscapes.decodedReport(stored)?.years == memory.years)
        #expect(try await landscapes.deleteDataset(id: dataset.id))
        #expect(try await landscapes.dataset(id: dataset.id) == nil)
        #expect(try await landscapes.report(id: run.id) == nil)
    }

    @Test("SQL counts of every table equal the in-memory report (flag corpus)", arguments: Backend.allCases)
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

    @Test("SQL top applicants, organisation types, offices of first filing and co-occurrence equal the in-memory report", arguments: Backend.allCases)
    func applicantCorpus(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            // A short top list: ties at the cut break on the normalised key in both engines.
            for top in [20, 2] {
                try await compare(store, records: Self.applicantRecords, definition: LandscapeReportTests.definition, withIndex: false, topApplicants: top)
            }
        }
    }

    @Test("family rows are replaced by a new import and removed with the dataset", arguments: Backend.allCases)
    func familyRows(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let landscapes = LandscapeStore(store)
            let dataset = try await landscapes.createDataset(name: "rows", source: .jsonl, createdBy: nil)
            let corpus = try LandscapeCorpus(records: Self.applicantRecords)
            try await landscapes.saveRecords(Self.applicantRecords, flagNames: [], families: corpus.familyCount, datasetID: dataset.id)
            try await landscapes.saveFamilies(corpus, records: Self.applicantRecords, datasetID: dataset.id)
            try await landscapes.saveFamilies(corpus, records: Self.applicantRecords, datasetID: dataset.id)
            let families = try await store.rows("SELECT COUNT(*) AS n FROM landscape_families WHERE dataset_id = ?", [.integer(dataset.id)])
            #expect(try families.first?.int("n") == corpus.familyCount)
            let first = try await store.rows(
                "SELECT first_office, filed_abroad FROM landscape_families WHERE dataset_id = ? AND family_key = ?",
                [.integer(dataset.id), .text("F13")])
            #expect(first.first?.optionalString("first_office") == "JP")
            #expect(try first.first?.bool("filed_abroad") == true)
            await #expect(throws: IPAIError.self) {
                try await landscapes.saveFamilies(corpus, records: Array(Self.applicantRecords.dropLast()), datasetID: dataset.id)
            }
            #expect(try await landscapes.deleteDataset(id: dataset.id))
            #expect(try await store.rows("SELECT 1 AS found FROM landscape_applicants WHERE dataset_id = ?", [.integer(dataset.id)]).isEmpty)
            #expect(try await !landscapes.hasFamilies(datasetID: dataset.id))
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
