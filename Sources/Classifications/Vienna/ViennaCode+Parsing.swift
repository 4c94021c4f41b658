import Core

extension ViennaCode {
    /// Parses a Vienna code in any usual notation.
    ///
    /// Accepted: WIPO `1.1.2`, `1.1`, `1`; EUIPO `01.01.02`, `01.01`, `01`; digits only `010102`,
    /// `0101` (2, 4 or 6 digits, two per level). Spaces around the code and around dots are ignored,
    /// as is one trailing dot (`26.1.`).
    ///
    /// - Throws: `IPAIError` (`invalid_symbol`) naming the text and what is wrong with it.
    public init(parsing text: some StringProtocol) throws(IPAIError) {
        let trimmed = String(text).trimmingSpaces
        guard !trimmed.isEmpty else { throw IPAIError(.invalidSymbol, "Vienna code is empty") }
        func failure(_ why: String) -> IPAIError {
            IPAIError(.invalidSymbol, "'\(trimmed)' is not a Vienna code: \(why)")
        }
        var numbers: [Int] = []
        if trimmed.contains(".") {
            var parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if parts.count > 1, parts.last == "" { parts.removeLast() }
            guard parts.count <= 3 else { throw failure("at most three numbers (category.division.section), found \(parts.count)") }
            for (index, part) in parts.enumerated() {
                let name = ["category", "division", "section"][index]
                guard !part.isEmpty else { throw failure("\(name) number missing") }
                guard part.count <= 2, let value = Int(part), part.allSatisfy(\.isASCIIDigit) else {
                    throw failure("\(name) must be 1 or 2 digits, found '\(part)'")
                }
                numbers.append(value)
            }
        } else {
            guard trimmed.allSatisfy(\.isASCIIDigit) else {
                throw failure("use WIPO notation 1.1.2, EUIPO notation 01.01.02 or digits 010102")
            }
            let digits = Array(trimmed.utf8).map { Int($0) - 48 }
            switch digits.count {
            case 1: numbers = [digits[0]]
            case 2, 4, 6:
                numbers = stride(from: 0, to: digits.count, by: 2).map { digits[$0] * 10 + digits[$0 + 1] }
            default:
                throw failure("a code in digits has 2, 4 or 6 digits (category, division, section), found \(digits.count)")
            }
        }
        do {
            try self.init(
                category: numbers[0], division: numbers.count > 1 ? numbers[1] : nil,
                section: numbers.count > 2 ? numbers[2] : nil)
        } catch {
            // Report the text as written, not as re-joined numbers.
            let why = error.message.split(separator: ":", maxSplits: 1).last.map { String($0).trimmingSpaces } ?? error.message
            throw failure(why)
        }
    }

    /// Parses a code as printed in the Vienna edition's lists, where a leading `*` marks a
    /// principal section and a leading `A` an auxiliary one (`A 26.1.3`, `*26.1.1`).
    ///
    /// - Returns: the code and its marked kind, or nil when unmarked.
    /// - Throws: `IPAIError` (`invalid_symbol`) as ``init(parsing:)``.
    public static func parseMarked(_ text: some StringProtocol) throws(IPAIError) -> (code: ViennaCode, kind: ViennaSectionKind?) {
        var rest = Substring(String(text).trimmingSpaces)
        var kind: ViennaSectionKind?
        if rest.first == "*" {
            kind = .principal
            rest = rest.dropFirst()
        } else if rest.first == "A" || rest.first == "a", let next = rest.dropFirst().first, next == " " || next.isASCIIDigit {
            kind = .auxiliary
            rest = rest.dropFirst()
        }
        return (try ViennaCode(parsing: rest), kind)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
