import Core
import Foundation
import Testing

@testable import Classifications

@Suite("Symbol levels")
struct SymbolLevelTests {
    @Test(
        "Level names, ours and IPCCAT's",
        arguments: [
            ("section", SymbolLevel.section), ("class", .class), ("CLASS", .class), ("subclass", .subclass),
            ("SUBCLASS", .subclass), ("main-group", .mainGroup), ("maingroup", .mainGroup), ("main_group", .mainGroup),
            ("MAINGROUP", .mainGroup), ("group", .mainGroup), ("Main Group", .mainGroup), ("subgroup", .subgroup),
            ("SUBGROUP", .subgroup), ("sub-group", .subgroup),
        ])
    func parsing(text: String, level: SymbolLevel) throws {
        #expect(try SymbolLevel(parsing: text) == level)
    }

    @Test("An unknown level name says which names work")
    func unknown() {
        #expect {
            _ = try SymbolLevel(parsing: "family")
        } throws: { error in
            let error = error as? IPAIError
            return error?.code == .invalidArgument && error?.message.contains("'family'") == true
                && error?.message.contains("main-group") == true
        }
    }

    @Test("Levels order by depth and encode as names")
    func orderAndCoding() throws {
        #expect(SymbolLevel.allCases.sorted() == [.section, .class, .subclass, .mainGroup, .subgroup])
        #expect(String(decoding: try JSONEncoder().encode([SymbolLevel.mainGroup]), as: UTF8.self) == #"["main_group"]"#)
        #expect(try JSONDecoder().decode([SymbolLevel].self, from: Data(#"["SUBCLASS", 3]"#.utf8)) == [.subclass, .mainGroup])
        #expect(SymbolLevel.mainGroup.description == "main group")
    }
}
