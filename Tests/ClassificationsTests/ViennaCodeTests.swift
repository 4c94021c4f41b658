import Foundation
import Core
import Testing

@testable import Classifications

@Suite("Vienna codes")
struct ViennaCodeTests {
    @Test(
        "Every notation of the same code parses to it",
        arguments: [
            ("1.1.2", "1.1.2"), ("01.01.02", "1.1.2"), ("010102", "1.1.2"), (" 1.1.2 ", "1.1.2"), ("26.1.", "26.1"),
            ("1", "1"), ("01", "1"), ("1.1", "1.1"), ("0101", "1.1"), ("01.01", "1.1"), ("26 . 4 . 22", "26.4.22"),
            ("29.1.4", "29.1.4"), ("290104", "29.1.4"),
        ])
    func notations(text: String, wipo: String) throws {
        let code = try ViennaCode(parsing: text)
        #expect(code.wipoNotation == wipo)
        #expect(code.description == wipo)
    }

    @Test("A code prints in WIPO notation, EUIPO notation and digits")
    func printing() throws {
        let code = try ViennaCode(parsing: "26.4.22")
        #expect(code.wipoNotation == "26.4.22")
        #expect(code.euipoNotation == "26.04.22")
        #expect(code.digits == "260422")
        #expect(try ViennaCode(parsing: "3").euipoNotation == "03")
        #expect(try ViennaCode(parsing: "3.1").digits == "0301")
        #expect(try ViennaCode(parsing: code.euipoNotation) == code)
        #expect(try ViennaCode(parsing: code.digits) == code)
    }

    @Test("Levels, parents and truncation")
    func levels() throws {
        let section = try ViennaCode(parsing: "1.1.2")
        #expect(section.level == .section)
        #expect(section.category == 1 && section.division == 1 && section.section == 2)
        #expect(section.parent == (try ViennaCode(parsing: "1.1")))
        #expect(section.parent?.level == .division)
        #expect(section.parent?.parent == (try ViennaCode(parsing: "1")))
        #expect(section.parent?.parent?.parent == nil)
        #expect(section.truncated(to: .category)?.description == "1")
        #expect(try ViennaCode(parsing: "1").truncated(to: .section) == nil)
        #expect(section.lineage.map(\.description) == ["1", "1.1", "1.1.2"])
    }

    @Test("Ancestors and filters match at any level")
    func hierarchy() throws {
        let category = try ViennaCode(parsing: "26")
        let division = try ViennaCode(parsing: "26.1")
        let section = try ViennaCode(parsing: "26.1.1")
        let other = try ViennaCode(parsing: "2.6.1")
        #expect(category.isAncestor(of: section))
        #expect(division.isAncestor(of: section))
        #expect(!section.isAncestor(of: section))
        #expect(!section.isAncestor(of: division))
        #expect(!category.isAncestor(of: other))
        #expect(category.matches(section) && section.matches(section))
        #expect(!section.matches(division))
        #expect(ViennaCode.any(of: [other, section], matching: [division]))
        #expect(!ViennaCode.any(of: [other], matching: [division]))
        #expect(ViennaCode.any(of: [other], matching: []))
    }

    @Test("Codes sort in scheme order, a parent before its descendants")
    func order() throws {
        let texts = ["2", "1.10.1", "1.1.2", "1.2", "1", "1.1", "26.99", "1.1.10"]
        let sorted = try texts.map { try ViennaCode(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["1", "1.1", "1.1.2", "1.1.10", "1.2", "1.10.1", "2", "26.99"])
    }

    @Test("Office extension codes are kept apart from WIPO's and never printed in WIPO notation")
    func officeExtensions() throws {
        for text in ["010199", "01.01.99", "2699", "98", "9804", "27.99.11"] {
            let code = try ViennaCode(parsing: text)
            #expect(code.isOfficeExtension, "\(text)")
            #expect(code.wipoNotation == nil, "\(text)")
            #expect(code.description == code.euipoNotation, "\(text)")
        }
        #expect(try ViennaCode(parsing: "01.01.99").description == "01.01.99")
        #expect(try ViennaCode(parsing: "98").description == "98")
        #expect(!(try ViennaCode(parsing: "1.1.25")).isOfficeExtension)
        // The WIPO ancestor of an office section is still a WIPO code.
        #expect(try ViennaCode(parsing: "010199").parent?.wipoNotation == "1.1")
    }

    @Test(
        "Bad codes are refused with what is wrong",
        arguments: [
            ("", "Vienna code is empty"),
            ("abc", "use WIPO notation 1.1.2, EUIPO notation 01.01.02 or digits 010102"),
            ("01010", "has 2, 4 or 6 digits"),
            ("0101020", "has 2, 4 or 6 digits"),
            ("1.1.1.1", "at most three numbers"),
            ("1..2", "division number missing"),
            ("1.123", "division must be 1 or 2 digits, found '123'"),
            ("30", "category must be 1–29 (WIPO) or 90–99 (office extension), found 30"),
            ("0", "category must be 1–29"),
            ("1.0", "division must be 1–99, found 0"),
            ("010100", "section must be 1–99, found 0"),
            ("1.x", "division must be 1 or 2 digits, found 'x'"),
        ])
    func refused(text: String, reason: String) {
        #expect {
            try ViennaCode(parsing: text)
        } throws: { error in
            guard let error = error as? IPAIError else { return false }
            return error.code == .invalidSymbol && error.message.contains(reason)
                && (text.isEmpty || error.message.contains("'\(text.trimmingSpaces)'"))
        }
    }

    @Test("The edition's principal (*) and auxiliary (A) markers are read")
    func markers() throws {
        let auxiliary = try ViennaCode.parseMarked("A 26.1.3")
        #expect(auxiliary.code.description == "26.1.3" && auxiliary.kind == .auxiliary)
        let principal = try ViennaCode.parseMarked("*26.1.1")
        #expect(principal.code.description == "26.1.1" && principal.kind == .principal)
        let plain = try ViennaCode.parseMarked("260101")
        #expect(plain.kind == nil)
    }

    @Test("Codes encode as their notation and decode from any")
    func codable() throws {
        let code = try ViennaCode(parsing: "03.01.02")
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == "[\"3.1.2\"]")
        #expect(try JSONDecoder().decode([ViennaCode].self, from: Data("[\"030102\"]".utf8)) == [code])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([ViennaCode].self, from: Data("[\"3.1.2.4\"]".utf8)) }
        #expect(try ViennaLevel(parsing: "Division") == .division)
    }
}
