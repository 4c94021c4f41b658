/// Splits text into words and CJK characters in one pass over its UTF-8 bytes, folding
/// characters (NFKC, lowercase) as it goes and recording each token's byte range in the original.
///
/// Rules: letters and digits form words; hyphens split; `'s` after an English word is dropped;
/// French elisions (`l'`, `d'`, `qu'`, …) are dropped; other apostrophes split; a `.` or `,`
/// between digits stays inside a number.
struct Tokenizer: Sendable {
    /// Whose apostrophe rules apply.
    var language: Language
    var lowercases: Bool

    func tokenize<Sink: TokenSink>(_ text: String, into sink: inout Sink) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, language: language, lowercases: lowercases)
            scanner.run(into: &sink)
        }
    }
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let language: Language
    let lowercases: Bool
    var word = WordToken()
    var inCJKRun = false
    var stopped = false

    init(bytes: UnsafeBufferPointer<UInt8>, language: Language, lowercases: Bool) {
        self.bytes = bytes
        self.language = language
        self.lowercases = lowercases
    }

    mutating func run<Sink: TokenSink>(into sink: inout Sink) {
        let count = bytes.count
        var index = 0
        while index < count && !stopped {
            let byte = bytes[index]
            if byte < 0x80 {
                let value = UInt32(byte)
                let characterClass = CharacterClass.ascii[Int(byte)]
                if characterClass == .letter || characterClass == .digit {
                    // The hot path: plain ASCII letters and digits.
                    if inCJKRun { endCJKRun(&sink) }
                    let folded = lowercases && value &- 0x41 < 26 ? value | 0x20 : value
                    word.append(folded, from: index, to: index + 1, isDigit: characterClass == .digit)
                    index += 1
                } else {
                    index = handle(value, characterClass, start: index, end: index + 1, into: &sink)
                }
                continue
            }
            let (scalar, length) = decode(at: index)
            let end = index + length
            var next = end
            if let folded = CharacterFolding.fold(scalar, lowercase: lowercases) {
                next = handle(folded, CharacterClass.of(folded), start: index, end: end, into: &sink)
            } else {
                for folded in CharacterFolding.expansion(of: scalar, lowercase: lowercases) {
                    next = max(next, handle(folded, CharacterClass.of(folded), start: index, end: end, into: &sink))
                }
            }
            index = next
        }
        flush(&sink)
        if inCJKRun { endCJKRun(&sink) }
    }

    /// Handles one folded scalar taken from source bytes `start..<end`; returns where to continue.
    private mutating func handle<Sink: TokenSink>(
        _ value: UInt32, _ characterClass: CharacterClass, start: Int, end: Int, into sink: inout Sink
    ) -> Int {
        switch characterClass {
        case .letter, .digit:
            if inCJKRun { endCJKRun(&sink) }
            word.append(value, from: start, to: end, isDigit: characterClass == .digit)
        case .mark:
            guard !word.isEmpty else { break }
            if value <= 0x36F {
                // Decomposed Latin accents: compose where a precomposed letter exists, else drop.
                if let composed = CharacterFolding.compose(word.lastScalar, value) {
                    word.replaceLast(with: composed, end: end)
                } else {
                    word.end = end
                }
            } else {
                word.append(value, from: start, to: end, isDigit: false)
            }
        case .cjk:
            flush(&sink)
            inCJKRun = true
            if !sink.cjk(value, start: start, end: end) { stopped = true }
        case .period, .comma:
            if !word.isEmpty && word.lastIsDigit && end < bytes.count && bytes[end] &- 0x30 < 10 {
                word.append(value, from: start, to: end, isDigit: true)
                break
            }
            flush(&sink)
            if inCJKRun { endCJKRun(&sink) }
            if characterClass == .period && !(end < bytes.count && isASCIIAlphanumeric(bytes[end])) {
                sink.boundary()
            }
        case .apostrophe:
            return apostrophe(start: start, end: end, into: &sink)
        case .boundary:
            flush(&sink)
            if inCJKRun { endCJKRun(&sink) }
            sink.boundary()
        case .separator:
            flush(&sink)
            if inCJKRun { endCJKRun(&sink) }
        }
        return end
    }

    /// Apostrophe rules by language; returns where to continue.
    private mutating func apostrophe<Sink: TokenSink>(start: Int, end: Int, into sink: inout Sink) -> Int {
        let followedByLetter = end < bytes.count && (bytes[end] >= 0x80 || CharacterClass.ascii[Int(bytes[end])] == .letter)
        guard !word.isEmpty, word.hasLetter, followedByLetter else {
            flush(&sink)
            return end
        }
        switch language {
        case .french where FrenchElision.isElided(word.bytes):
            word.reset()
        case .english, .chinese, .japanese, .korean, .other:
            let next = bytes[end] | 0x20
            let after = end + 1
            if next == UInt8(ascii: "s") && (after >= bytes.count || !(bytes[after] >= 0x80 || isASCIIAlphanumeric(bytes[after]))) {
                flush(&sink)
                return after
            }
            flush(&sink)
        default:
            flush(&sink)
        }
        return end
    }

    @inline(__always)
    private mutating func flush<Sink: TokenSink>(_ sink: inout Sink) {
        guard !word.isEmpty else { return }
        if !sink.word(word) { stopped = true }
        word.reset()
    }

    private mutating func endCJKRun<Sink: TokenSink>(_ sink: inout Sink) {
        inCJKRun = false
        sink.endCJKRun()
    }

    @inline(__always)
    private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        byte < 0x80 && (CharacterClass.ascii[Int(byte)] == .letter || CharacterClass.ascii[Int(byte)] == .digit)
    }

    /// Decodes the scalar starting at `index` (the string is valid UTF-8: Swift guarantees it).
    @inline(__always)
    private func decode(at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0xE0 {
            return (((lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return (((lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        let value = ((lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
            | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
        return (value, 4)
    }
}
