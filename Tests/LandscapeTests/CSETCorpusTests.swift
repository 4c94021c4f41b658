import Core
import Foundation
import Testing
@testable import Landscape

@Suite("CSV corpora and CSET counts")
struct CSETCorpusTests {
    static let header = "Publication_country,Publication_number,Simple_family_ID,Publication_type,Patent_Type,Priority_Year,num_ai_techniques,Machine_Learning,Fuzzy_Logic\n"

    @Test("a CSET-style CSV gives documents, families and flag columns")
    func smallCSV() throws {
        let csv = Self.header + """
        US,2018001,10,A1,Patent Application,2016,1,true,false
        EP,3000001,10,A1,Patent Application,2016,1,true,false
        JP,2017002,11,A,Patent Application,2017,2,true,true
        CN,"10800,3",12,A,Patent Application,,0,false,false

        """
        let corpus = try LandscapeCorpus.parseCSV(Array(csv.utf8), file: "small.csv")
        #expect(corpus.documentCount == 4)
        #expect(corpus.familyCount == 3)
        #expect(corpus.flagNames == ["Machine_Learning", "Fuzzy_Logic"])
        #expect(corpus.documents(flagged: "Machine_Learning")?.count == 3)
        #expect(corpus.documentID(0) == "US2018001A1")
        #expect(corpus.documentID(3) == "CN10800,3A")
        #expect(corpus.family(of: 0) == corpus.family(of: 1))
    }

    @Test("a bad year names the file, line, column and value")
    func badYear() {
        let csv = Self.header + "US,1,10,A1,Patent Application,2016,1,true,false\nUS,2,11,A1,Patent Application,20x6,1,true,false\n"
        #expect {
            try LandscapeCorpus.parseCSV(Array(csv.utf8), file: "bad.csv")
        } throws: { error in
            guard let error = error as? IPAIError else { return false }
            return error.location == InputLocation(file: "bad.csv", line: 3, field: "Priority_Year", value: "20x6")
        }
    }

    @Test("a row with a missing cell and a flag that is not true/false are refused with their line")
    func badRows() {
        let short = Self.header + "US,1,10,A1,Patent Application,2016,1,true\n"
        #expect {
            try LandscapeCorpus.parseCSV(Array(short.utf8), file: "short.csv")
        } throws: { error in
            (error as? IPAIError)?.location?.line == 2 && (error as? IPAIError)?.message.contains("expected 9 columns") == true
        }
        let flag = Self.header + "US,1,10,A1,Patent Application,2016,1,true,false\n\"US\",2,11,A1,x,2016,1,yes,false\n"
        #expect {
            try LandscapeCorpus.parseCSV(Array(flag.utf8), file: "flag.csv")
        } throws: { error in
            let location = (error as? IPAIError)?.location
            return location?.line == 3 && location?.field == "Machine_Learning" && location?.value == "yes"
        }
    }

    @Test("a CSV without an id column is refused and the header is listed")
    func noIDColumn() {
        #expect(throws: IPAIError.self) { try LandscapeCorpus.parseCSV(Array("a,b\n1,2\n".utf8), file: "x.csv") }
    }

    @Test("the CSET file reproduces its published counts: 287,532 documents, 155,770 families", .enabled(if: Fixtures.csetCSV != nil))
    func csetCounts() throws {
        let corpus = try LandscapeCorpus.loadCSV(path: Fixtures.csetCSV!)
        #expect(corpus.documentCount == 287_532)
        #expect(corpus.familyCount == 155_770)
        #expect(corpus.flagNames.contains("Machine_Learning"))
        #expect(corpus.flagNames.count == 36)  // 34 category flags and has_functional_application, has_ai_technique
        let definition = try LandscapeDefinition.artificialIntelligence()
        let categorised = try definition.categorise(corpus)
        let report = try LandscapeReport(categorised)
        #expect(report.summary.families == 155_770)
        #expect(report.summary.documents == 287_532)
        #expect(report.summary.yearBasis == "priority")
        #expect(report.years.reduce(0) { $0 + $1.documents } == 287_532)
        // Every document has an AI technique in CSET (Generic/unspecified catches the rest).
        let techniques = report.dimensions[0].categories.compactMap(\.documents).reduce(0, +)
        #expect(techniques >= 287_532)
        // Life sciences and networks are not columns of the released file: reported, not guessed.
        let fields = report.dimensions[2].categories
        #expect(fields.first { $0.id == "life_sciences" }?.families == nil)
        #expect(report.notes.contains { $0.contains("Life sciences") })
    }
}
