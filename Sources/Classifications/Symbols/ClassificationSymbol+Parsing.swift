import Core

extension ClassificationSymbol: LosslessStringConvertible {
    /// Parses a symbol in any notation described on ``ClassificationSymbol``.
    ///
    /// - Parameter text: the symbol, e.g. `G06F 17/30`, `g06f17/30`, `G06F0017300000`, `G06 (2006.01)`.
    /// - Throws: `IPAIError` with code `invalid_symbol` whose message quotes `text` and says what
    ///   is wrong, e.g. `'G06F 17/': subgroup digits missing after '/'`.
    /// - Complexity: O(n) over the UTF-8 bytes; no allocation unless it throws.
    public init(parsing text: some StringProtocol) throws(IPAIError) {
        var string = String(text)
        let parsed: Result<ClassificationSymbol, IPAIError> = string.withUTF8 { bytes in
            do throws(IPAIError) {
                return .success(try ClassificationSymbol(utf8: bytes))
            } catch {
                return .failure(error)
            }
        }
        self = try parsed.get()
    }

    /// Parses a symbol, or returns nil if `description` is not one (see ``init(parsing:)``).
    public init?(_ description: String) {
        guard let symbol = try? ClassificationSymbol(parsing: description) else { return nil }
        self = symbol
    }

    /// Parses a symbol from UTF-8 bytes, the fast path for file loaders.
    package init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(IPAIError) {
        var scanner = SymbolScanner(bytes: bytes)
        self = try scanner.parse()
    }
}

/// The byte-level parser behind ``ClassificationSymbol/init(parsing:)``.
private struct SymbolScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var end: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.end = bytes.count
    }

    mutating func parse() throws(IPAIError) -> ClassificationSymbol {
        skipSpace()
        trimTrailingSpace()
        guard index < end else { throw failure("classification symbol is empty") }
        try stripEditionInBrackets()

        let section = upper(bytes[index])
        guard (UInt8(ascii: "A")...UInt8(ascii: "H")).contains(section) || section == UInt8(ascii: "Y") else {
            if isLetter(section) {
                throw failure("section must be one of A–H (or Y for CPC), found \(found(at: index))")
            }
            throw failure("a symbol starts with a section letter A–H (or Y for CPC), found \(found(at: index))")
        }
        index += 1
        if index == end { return ClassificationSymbol(section: section, classNumber: 0, letter: 0, mainGroup: 0, subgroup: 0, level: .section) }

        guard index + 1 < end, isDigit(bytes[index]), isDigit(bytes[index + 1]) else {
            throw failure("class must be two digits after section \(quoted(index - 1, index)), found \(found(at: index, count: 2))")
        }
        let classNumber = Int(bytes[index] &- 48) * 10 + Int(bytes[index + 1] &- 48)
        guard classNumber > 0 else { throw failure("class 00 does not exist (classes are numbered 01–99)") }
        index += 2
        if index == end {
            return ClassificationSymbol(section: section, classNumber: classNumber, letter: 0, mainGroup: 0, subgroup: 0, level: .class)
        }

        let letter = upper(bytes[index])
        guard isLetter(letter) else {
            throw failure("subclass letter must follow the two-digit class \(quoted(index - 3, index)), found \(found(at: index))")
        }
        index += 1
        if index == end {
            return ClassificationSymbol(section: section, classNumber: classNumber, letter: letter, mainGroup: 0, subgroup: 0, level: .subclass)
        }
        let subclassEnd = index

        skipSpace()
        let mainStart = index
        let mainDigits = countDigits()
        if mainDigits == 0 {
            if index < end, bytes[index] == UInt8(ascii: "/") {
                throw failure("main group digits missing before '/'")
            }
            throw failure("expected a main group number after subclass \(quoted(subclassEnd - 4, subclassEnd)), found \(found(at: index))")
        }
        if mainDigits == 10 {
            // WIPO's 14-character form: 4-digit main group, 6-digit subgroup, no '/'.
            let mainGroup = number(mainStart, mainStart + 4)
            let subgroup = number(mainStart + 4, mainStart + 10)
            index = mainStart + 10
            try finish()
            guard mainGroup > 0 else { throw failure("main group 0000 does not exist (main groups start at 1)") }
            return ClassificationSymbol(
                section: section, classNumber: classNumber, letter: letter, mainGroup: mainGroup, subgroup: subgroup,
                level: subgroup == 0 ? .mainGroup : .subgroup)
        }
        guard mainDigits <= 4 else {
            throw failure(
                "main group must have 1–4 digits, found \(mainDigits) (\(quoted(mainStart, mainStart + mainDigits))); "
                    + "WIPO's 14-character form has exactly 10 digits after the subclass")
        }
        let mainGroup = number(mainStart, mainStart + mainDigits)
        guard mainGroup > 0 else { throw failure("main group 0 does not exist (main groups start at 1)") }
        index += mainDigits
        skipSpace()
        guard index < end, bytes[index] == UInt8(ascii: "/") else {
            try finish()
            return ClassificationSymbol(section: section, classNumber: classNumber, letter: letter, mainGroup: mainGroup, subgroup: 0, level: .mainGroup)
        }
        index += 1
        skipSpace()
        if index < end, bytes[index] == UInt8(ascii: "/") { throw failure("found a second '/'") }
        let subStart = index
        let subDigits = countDigits()
        guard subDigits > 0 else {
            if index == end { throw failure("subgroup digits missing after '/'") }
            throw failure("subgroup digits missing after '/', found \(found(at: index))")
        }
        guard subDigits <= 6 else {
            throw failure("subgroup must have at most 6 digits, found \(subDigits) (\(quoted(subStart, subStart + subDigits)))")
        }
        var subgroup = number(subStart, subStart + subDigits)
        for _ in subDigits..<6 { subgroup *= 10 }
        index += subDigits
        try finish()
        return ClassificationSymbol(
            section: section, classNumber: classNumber, letter: letter, mainGroup: mainGroup, subgroup: subgroup,
            level: subgroup == 0 ? .mainGroup : .subgroup)
    }

    /// Accepts the end of the input, or an ST.8 attribute block such as ` 20060101AFI20061115BHGB`.
    mutating func finish() throws(IPAIError) {
        let symbolEnd = index
        skipSpace()
        guard index < end else { return }
        if index > symbolEnd, index + 8 <= end, (index..<index + 8).allSatisfy({ isDigit(bytes[$0]) }),
            (index + 8..<end).allSatisfy({ isDigit(bytes[$0]) || isLetter(upper(bytes[$0])) || bytes[$0] == 0x20 })
        {
            return
        }
        throw failure("unexpected \(quoted(index, end)) after the symbol")
    }

    /// Removes a trailing `(2006.01)` or `[2006.01]`.
    mutating func stripEditionInBrackets() throws(IPAIError) {
        let close = bytes[end - 1]
        guard close == UInt8(ascii: ")") || close == UInt8(ascii: "]") else { return }
        let open = close == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
        var start = end - 2
        while start >= index, bytes[start] != open { start -= 1 }
        guard start >= index else { throw failure("unmatched \(quoted(end - 1, end))") }
        let inside = start + 1..<end - 1
        guard !inside.isEmpty, inside.allSatisfy({ isDigit(bytes[$0]) || bytes[$0] == UInt8(ascii: ".") || bytes[$0] == 0x20 }) else {
            throw failure("unexpected \(quoted(start, end)) after the symbol; an edition looks like (2006.01)")
        }
        end = start
        trimTrailingSpace()
        guard index < end else { throw failure("only an edition, no symbol") }
    }

    // MARK: Bytes

    func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
    func isLetter(_ byte: UInt8) -> Bool { byte &- 65 < 26 }
    func upper(_ byte: UInt8) -> UInt8 { byte &- 97 < 26 ? byte &- 32 : byte }

    /// Skips spaces, tabs and no-break spaces (U+00A0, common in office exports).
    mutating func skipSpace() {
        while index < end {
            if bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
            } else if bytes[index] == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 {
                index += 2
            } else {
                return
            }
        }
    }

    mutating func trimTrailingSpace() {
        while end > index {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            } else if bytes[end - 1] == 0xA0, end - 2 >= index, bytes[end - 2] == 0xC2 {
                end -= 2
            } else {
                return
            }
        }
    }

    func countDigits() -> Int {
        var position = index
        while position < end, isDigit(bytes[position]) { position += 1 }
        return position - index
    }

    func number(_ from: Int, _ to: Int) -> Int {
        var value = 0
        for position in from..<to { value = value * 10 + Int(bytes[position] &- 48) }
        return value
    }

    // MARK: Messages (only built when parsing fails)

    func quoted(_ from: Int, _ to: Int) -> String {
        "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[max(0, from)..<min(to, bytes.count)]), as: UTF8.self) + "'"
    }

    /// The next `count` characters from `position`, quoted, or "the end of the symbol".
    func found(at position: Int, count: Int = 1) -> String {
        guard position < end else { return "the end of the symbol" }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
        return "'" + String(rest.prefix(count)) + "'"
    }

    func failure(_ problem: String) -> IPAIError {
        IPAIError(.invalidSymbol, "'\(String(decoding: bytes, as: UTF8.self))': \(problem)")
    }
}
