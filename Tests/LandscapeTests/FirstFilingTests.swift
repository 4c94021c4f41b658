import Testing
@testable import Landscape

@Suite("Office of first filing without dates")
struct FirstFilingTests {
    static func firstOffice(_ offices: [String], years: [Int?]? = nil) throws -> String? {
        let records = offices.enumerated().map { index, office in
            LandscapeRecord(id: "\(office)\(index)", familyID: "F", office: office,
                            publicationYear: years?[index], priorityYear: 2016, flags: ["x"])
        }
        let corpus = try LandscapeCorpus(records: records)
        let report = try LandscapeReport(try LandscapeDefinition(name: "t", dimensions: [
            .init(id: "d", label: "D", categories: [.init(id: "x", label: "X", flag: "x")]),
        ]).categorise(corpus))
        #expect(report.offices.count == 1)
        #expect(report.offices.first?.filedAbroad == (Set(offices).count > 1 ? 1 : 0))
        return report.offices.first?.office
    }

    @Test("without dates a national office comes before WO and EP, then the office with most documents")
    func nationalFirst() throws {
        #expect(try Self.firstOffice(["WO", "EP", "KR"]) == "KR")
        #expect(try Self.firstOffice(["US", "CN", "CN", "WO"]) == "CN")
        #expect(try Self.firstOffice(["WO", "EP"]) == "EP")
        #expect(try Self.firstOffice(["JP"]) == "JP")
    }

    @Test("with publication years the earliest-published office is the first filing")
    func earliestPublished() throws {
        #expect(try Self.firstOffice(["US", "DE", "WO"], years: [2018, 2017, 2016]) == "WO")
        #expect(try Self.firstOffice(["US", "DE"], years: [2016, 2017]) == "US")
    }

    @Test("the years option limits the per-year tables")
    func yearWindow() throws {
        let corpus = try LandscapeCorpus(records: (2010...2020).map {
            LandscapeRecord(id: "D\(String($0))", office: "US", publicationYear: $0, flags: ["x"])
        })
        let report = try LandscapeReport(
            try LandscapeDefinition(name: "t", dimensions: [
                .init(id: "d", label: "D", categories: [.init(id: "x", label: "X", flag: "x")]),
            ]).categorise(corpus),
            options: ReportOptions(firstYear: 2012, lastYear: 2015))
        #expect(report.years.map(\.year) == [2012, 2013, 2014, 2015])
        #expect(report.categoryYears.count == 4)
        #expect(report.summary.growthStart == 2015 && report.summary.growthEnd == 2018)
    }
}
