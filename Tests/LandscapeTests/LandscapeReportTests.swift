import Core
import Foundation
import Testing
@testable import Landscape

@Suite("Families and reports on a hand-made corpus")
struct LandscapeReportTests {
    /// Five families: F1 (US first filing 2015, later EP and WO), F2 (JP 2016, JP only),
    /// a family by priority (DE 2016, then US), and two lone documents.
    static let records: [LandscapeRecord] = [
        LandscapeRecord(id: "US1", familyID: "F1", office: "US", publicationYear: 2015, applicants: ["Acme Inc."], flags: ["ml", "vision"]),
        LandscapeRecord(id: "EP1", familyID: "F1", office: "EP", publicationYear: 2016, applicants: ["ACME Corporation"], flags: ["ml"]),
        LandscapeRecord(id: "WO1", familyID: "F1", office: "WO", publicationYear: 2016, applicants: ["Acme, Inc"]),
        LandscapeRecord(id: "JP1", familyID: "F2", office: "JP", publicationYear: 2016, applicants: ["株式会社東芝"], flags: ["ml"]),
        LandscapeRecord(id: "DE1", priorityKey: "DE 102016000001", office: "DE", publicationYear: 2017, priorityOffice: "DE",
                        applicants: ["Universität Stuttgart"], flags: ["vision"]),
        LandscapeRecord(id: "US2", priorityKey: "DE 102016000001", office: "US", publicationYear: 2018, priorityOffice: "DE",
                        applicants: ["Universitaet Stuttgart"]),
        LandscapeRecord(id: "CN1", office: "CN", publicationYear: 2018, applicants: ["华为技术有限公司"], flags: ["ml", "speech"]),
        LandscapeRecord(id: "CN2", office: "CN", publicationYear: 2018, flags: ["speech"]),
    ]

    static let definition = LandscapeDefinition(name: "Tiny <AI> & co", dimensions: [
        .init(id: "techniques", label: "Techniques", categories: [
            .init(id: "ml", label: "Machine learning", flag: "ml"),
            .init(id: "other", label: "Other", otherwise: true),
        ]),
        .init(id: "applications", label: "Applications", categories: [
            .init(id: "vision", label: "Vision", flag: "vision"),
            .init(id: "speech", label: "Speech", flag: "speech"),
        ]),
    ])

    static func report(_ options: ReportOptions = ReportOptions(growthStart: 2015, growthEnd: 2018)) throws -> LandscapeReport {
        let corpus = try LandscapeCorpus(records: records)
        return try LandscapeReport(try definition.categorise(corpus), options: options)
    }

    @Test("documents group into families by family id, else by priority, else alone")
    func families() throws {
        let corpus = try LandscapeCorpus(records: Self.records)
        #expect(corpus.familyCount == 5)
        #expect(corpus.family(of: 0) == corpus.family(of: 2))
        #expect(corpus.family(of: 4) == corpus.family(of: 5))
        #expect(corpus.family(of: 6) != corpus.family(of: 7))
    }

    @Test("families are counted once, in their first publication year")
    func perYear() throws {
        let report = try Self.report()
        let families = Dictionary(uniqueKeysWithValues: report.years.map { ($0.year, $0.families) })
        let documents = Dictionary(uniqueKeysWithValues: report.years.map { ($0.year, $0.documents) })
        #expect(families == [2015: 1, 2016: 1, 2017: 1, 2018: 2])
        #expect(documents == [2015: 1, 2016: 3, 2017: 1, 2018: 3])
        #expect(report.summary.yearBasis == "publication")
    }

    @Test("office of first filing and the share later filed abroad")
    func offices() throws {
        let report = try Self.report()
        let byOffice = Dictionary(uniqueKeysWithValues: report.offices.map { ($0.office, $0) })
        #expect(byOffice["US"]?.firstFilings == 1)
        #expect(byOffice["US"]?.filedAbroad == 1)
        #expect(byOffice["DE"]?.firstFilings == 1)
        #expect(byOffice["DE"]?.filedAbroad == 1)
        #expect(byOffice["JP"]?.filedAbroad == 0)
        #expect(byOffice["CN"]?.firstFilings == 2)
        #expect(byOffice["EP"] == nil)
        #expect(byOffice["DE"]?.name == "Germany")
    }

    @Test("co-occurrence counts families in both categories, across and within dimensions")
    func cooccurrence() throws {
        let report = try Self.report()
        func cell(_ a: String, _ b: String) -> Int? {
            report.cooccurrence.first { $0.row == a && $0.column == b }?.families
        }
        #expect(cell("ml", "vision") == 1)     // F1 (US1 is both; EP1 ml) — the DE family is vision only
        #expect(cell("ml", "speech") == 1)     // CN1
        #expect(cell("ml", "ml") == 3)         // F1, F2, CN1
        // "Other" holds families with a document outside machine learning: F1 (through WO1) and the DE/US family.
        #expect(cell("other", "vision") == 2)
        #expect(cell("other", "speech") == 1)  // CN2
        #expect(cell("vision", "ml") == cell("ml", "vision"))
    }

    @Test("applicants are grouped across spellings and counted in families")
    func applicants() throws {
        let report = try Self.report()
        let overall = report.topApplicants.filter { $0.scope == "all" }
        #expect(overall.first { $0.key == "acme" }?.families == 1)
        #expect(overall.filter { $0.key == "acme" }.count == 1)
        #expect(report.organisationTypes.first { $0.type == .university }?.families == 1)
        #expect(report.topApplicants.contains { $0.scope == "techniques/ml" && $0.key == "東芝" })
    }

    @Test("CAGR is (end/start)^(1/years) − 1 and undefined from zero")
    func growth() throws {
        #expect(abs(LandscapeReport.compoundAnnualGrowth(start: 9_567, end: 20_195, years: 3)! - 0.2828) < 0.0005)
        #expect(LandscapeReport.compoundAnnualGrowth(start: 0, end: 5, years: 2) == nil)
        let report = try Self.report()
        let overall = report.growth[0]
        #expect(overall.startFamilies == 1 && overall.endFamilies == 2)
        #expect(abs(overall.cagr! - (pow(2, 1.0 / 3) - 1)) < 1e-9)
        let speech = report.growth.first { $0.category == "speech" }
        #expect(speech?.cagr == nil)
        #expect(report.tables.first { $0.id == "growth" }?.rows.contains { $0.last == .text("undefined") } == true)
        #expect(throws: IPAIError.self) { try Self.report(ReportOptions(growthStart: 2018, growthEnd: 2015)) }
    }

    @Test("the HTML page is self-contained, escapes text and shows every number of every table")
    func html() throws {
        let report = try Self.report()
        let html = report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("Tiny &lt;AI&gt; &amp; co"))
        #expect(!html.contains("Tiny <AI>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("<desc"))
        for table in report.tables {
            #expect(html.contains("data-table=\"\(table.id)\""), "table \(table.id) is on the page")
            for row in table.rows {
                let cells = row.map { "<td class=\"n\">\($0.formatted)</td>" }.filter { _ in true }
                for (value, cell) in zip(row, cells) {
                    if case .int = value { #expect(html.contains(cell), "\(table.id): \(value.formatted)") }
                    if case .decimal = value { #expect(html.contains(cell), "\(table.id): \(value.formatted)") }
                }
            }
        }
    }

    @Test("every table exports as CSV with its header, and the report as JSON")
    func exports() throws {
        let report = try Self.report()
        let csv = try #require(report.csv(table: "families_per_year"))
        #expect(csv.hasPrefix("year,families,documents\r\n2015,1,1\r\n"))
        let object = try JSONSerialization.jsonObject(with: report.json()) as? [String: Any]
        let tables = object?["tables"] as? [[String: Any]]
        #expect(tables?.count == report.tables.count)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-report-\(UUID().uuidString)").path
        let written = try report.write(to: directory)
        #expect(written.contains { $0.hasSuffix("report.html") })
        #expect(written.contains { $0.hasSuffix("cooccurrence.csv") })
    }
}
