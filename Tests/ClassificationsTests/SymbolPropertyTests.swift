import Core
import Testing

@testable import Classifications

@Suite("Symbol round trips")
struct SymbolPropertyTests {
    /// A random well-formed symbol text at `level`, in the standard notation, plus its expected parts.
    static func randomSymbol(level: SymbolLevel, using rng: inout SplitMix64) -> String {
        let sections = Array("ABCDEFGHY")
        var text = String(sections[Int(rng.next() % UInt64(sections.count))])
        guard level >= .class else { return text }
        let classNumber = Int.random(in: 1...99, using: &rng)
        text += classNumber < 10 ? "0\(classNumber)" : "\(classNumber)"
        guard level >= .subclass else { return text }
        text.append(Character(Unicode.Scalar(UInt8.random(in: 65...90, using: &rng))))
        guard level >= .mainGroup else { return text }
        let digits = Int.random(in: 1...4, using: &rng)
        let main = Int.random(in: (digits == 1 ? 1 : Int(pow10(digits - 1)))..<Int(pow10(digits)), using: &rng)
        text += " \(main)/"
        if level == .mainGroup { return text + "00" }
        var subgroup = ""
        repeat {
            subgroup = String((0..<Int.random(in: 2...6, using: &rng)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 48...57, using: &rng)))
            })
        } while subgroup.allSatisfy { $0 == "0" }
        return text + subgroup
    }

    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { result, _ in result * 10 } }

    @Test("Every output notation parses back to an equal symbol", arguments: [1, 2, 3, 42, 2026] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<2_000 {
            let level = SymbolLevel.allCases[Int(rng.next() % 5)]
            let text = Self.randomSymbol(level: level, using: &rng)
            let symbol = try ClassificationSymbol(parsing: text)
            #expect(symbol.level == level, "\(text)")
            for notation in [symbol.description, symbol.compact, symbol.wipo14, text.lowercased()] {
                #expect(try ClassificationSymbol(parsing: notation) == symbol, "\(text) via \(notation)")
            }
            if level >= .mainGroup { #expect(symbol.wipo14.utf8.count == 14) }
            // Standard notation keeps the significant subgroup digits as written.
            if level == .subgroup {
                var digits = String(text.split(separator: "/")[1])
                while digits.count > 2, digits.hasSuffix("0") { digits.removeLast() }
                #expect(symbol.description.hasSuffix("/" + digits), "\(text)")
            }
        }
    }

    @Test("Sorting agrees with sorting by the 14-character form within a subclass")
    func orderMatchesWipoForm() throws {
        var rng = SplitMix64(seed: 7)
        var symbols: [ClassificationSymbol] = []
        for _ in 0..<500 {
            let text = "G06F" + Self.randomSymbol(level: .subgroup, using: &rng).dropFirst(4)
            symbols.append(try ClassificationSymbol(parsing: text))
        }
        #expect(symbols.sorted().map(\.wipo14) == symbols.map(\.wipo14).sorted())
    }
}
