import Core
import Foundation
import Testing

@testable import Classifications

@Suite("Vienna scheme")
struct ViennaSchemeTests {
    static let sample = """
        idcategory,categdesc
        01,CELESTIAL BODIES; NATURAL PHENOMENA; GEOGRAPHICAL MAPS
        0101,STARS; COMETS
        010101,Stars
        010102,One star; nothing else
        010199,Stars with five points
        "0103","SUN, rising"
        A 26.1.3,One circle or ellipse
        *26.1.1,Circles
        050704,Category deleted in new version
        010103,

        """

    @Test("Titles, levels, children, deleted codes and markers load from a CSV")
    func loads() throws {
        let path = try TestData.temporaryFile(named: "vienna-office.csv", Self.sample)
        let scheme = try ViennaScheme(contentsOf: path)
        #expect(scheme.count == 10)
        #expect(scheme.title(of: try ViennaCode(parsing: "1.1.3")) == nil)
        #expect(scheme.title(of: try ViennaCode(parsing: "1.1.2")) == "One star; nothing else")
        #expect(scheme.title(of: try ViennaCode(parsing: "01.03")) == "SUN, rising")
        #expect(scheme.children(of: try ViennaCode(parsing: "1")).map(\.description) == ["1.1", "1.3"])
        #expect(scheme.children(of: try ViennaCode(parsing: "1.1")).map(\.description) == ["1.1.1", "1.1.2", "1.1.3", "01.01.99"])
        #expect(scheme.entry(for: try ViennaCode(parsing: "5.7.4"))?.isDeleted == true)
        #expect(scheme.entry(for: try ViennaCode(parsing: "1.1.1"))?.isDeleted == false)
        #expect(scheme.entry(for: try ViennaCode(parsing: "26.1.3"))?.isAuxiliary == true)
        #expect(scheme.entry(for: try ViennaCode(parsing: "26.1.1"))?.kind == .principal)
        #expect(scheme.entry(for: try ViennaCode(parsing: "1.1.2"))?.kind == nil)
        #expect(scheme.entry(for: try ViennaCode(parsing: "1.1.2"))?.source == "vienna-office.csv")
        #expect(scheme.officeExtensionCodes.map(\.description) == ["01.01.99"])
        #expect(!scheme.wipoCodes.contains(try ViennaCode(parsing: "010199")))
        #expect(scheme.path(to: try ViennaCode(parsing: "1.1.2")).map(\.title) == [
            "CELESTIAL BODIES; NATURAL PHENOMENA; GEOGRAPHICAL MAPS", "STARS; COMETS", "One star; nothing else",
        ])
    }

    @Test("An office list loaded over another adds and replaces titles")
    func officeList() throws {
        var scheme = try ViennaScheme(contentsOf: TestData.temporaryFile(named: "a.csv", Self.sample))
        let office = try TestData.temporaryFile(named: "office.csv", "010102,A single star\n010198,Office stars\n")
        #expect(try scheme.load(contentsOf: office) == 2)
        #expect(scheme.title(of: try ViennaCode(parsing: "1.1.2")) == "A single star")
        #expect(scheme.entry(for: try ViennaCode(parsing: "1.1.2"))?.source == "office.csv")
        #expect(scheme.count == 11)
    }

    @Test(
        "Bad rows are refused naming file, line and value",
        arguments: [
            ("idcategory,categdesc\n01,Ok\n01x1,Bad\n", 3, "01x1", "bad Vienna code"),
            ("010102,One star\n0101.02,Bad\n", 2, "0101.02", "category must be 1 or 2 digits, found '0101'"),
            ("010102,One star\n01.01.02,Again\n", 2, "01.01.02", "listed twice (first on line 1)"),
            ("010102,\"One star\n", 1, nil, "quoted field is not closed"),
            ("idcategory,categdesc\n30,Out of range\n", 2, "30", "category must be 1–29"),
        ] as [(String, Int, String?, String)])
    func badRows(text: String, line: Int, value: String?, reason: String) throws {
        let path = try TestData.temporaryFile(named: "bad.csv", text)
        #expect {
            try ViennaScheme(contentsOf: path)
        } throws: { error in
            guard let error = error as? IPAIError else { return false }
            return error.code == .invalidInput && error.location?.file == path && error.location?.line == line
                && (value == nil || error.location?.value == value) && error.message.contains(reason)
        }
    }

    @Test("A missing file and an empty file are refused")
    func missingAndEmpty() throws {
        #expect { try ViennaScheme(contentsOf: "/nonexistent/vienna.csv") } throws: {
            ($0 as? IPAIError)?.code == .fileUnreadable
        }
        let empty = try TestData.temporaryFile(named: "empty.csv", "idcategory,categdesc\n")
        #expect { try ViennaScheme(contentsOf: empty) } throws: { ($0 as? IPAIError)?.code == .emptyInput }
    }

    @Test("EUIPO's list loads whole: 29 WIPO categories, office extensions apart, deleted codes flagged")
    func euipoList() throws {
        let path = TestData.path("schemes/vienna-euipo.csv")
        try #require(FileManager.default.fileExists(atPath: path))
        let scheme = try ViennaScheme(contentsOf: path)
        #expect(scheme.count == 2028)
        #expect(scheme.codes(at: .category).filter { !$0.isOfficeExtension }.count == 29)
        #expect(scheme.codes(at: .category).filter(\.isOfficeExtension).map(\.description) == ["98", "99"])
        #expect(scheme.title(of: try ViennaCode(parsing: "1.1.2")) == "One star; nothing else")
        #expect(scheme.title(of: try ViennaCode(parsing: "29")) == "COLOURS")
        #expect(scheme.entry(for: try ViennaCode(parsing: "010199"))?.code.isOfficeExtension == true)
        #expect(scheme.codes.filter { scheme.entry(for: $0)!.isDeleted }.count == 5)
        #expect(scheme.wipoCodes.count + scheme.officeExtensionCodes.count == scheme.count)
        #expect(scheme.codes == scheme.codes.sorted())
        // EUIPO's list gives 26.1.9 no title: the code is kept, shown by its number.
        let untitled = try ViennaCode(parsing: "26.1.9")
        #expect(scheme.contains(untitled) && scheme.title(of: untitled) == nil)
    }
}
