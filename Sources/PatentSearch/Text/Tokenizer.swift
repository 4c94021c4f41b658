/// Splits UTF-8 text into lower-cased words, byte by byte: the one tokeniser behind both the index and
/// the query parser, so a query word and an indexed word are cut and folded the same way.
///
/// A word is a run of ASCII letters and digits and non-ASCII letters; everything else separates words:
/// spaces, punctuation, hyphens, Latin-1 symbols (`°`, `²`, `±`), U+2000–U+2FFF (General Punctuation,
/// arrows, mathematical operators such as `≦`), CJK and fullwidth punctuation.
/// `semi-supervised` is the two words `semi`, `supervised` at consecutive positions. ASCII, Latin-1,
/// Latin Extended-A, Greek and Cyrillic capitals are folded to lower case; other scripts are kept as they are.
/// Each kana or CJK ideograph (U+3040–U+9FFF) is a word of its own, so Chinese and Japanese text, which has no
/// spaces, is searched as strings of consecutive characters (`神经网络` is the phrase `神 经 网 络`).
///
/// With `wildcards` the query's truncation marks `+`, `?` and `#` are word characters too (`*` is read as `+`).
enum Tokenizer {
    /// Calls `body` with each word (lower-cased, valid only during the call) and its 0-based position.
    ///
    /// - Complexity: O(n) over the bytes; no allocation after `scratch` has grown to the longest word.
    static func forEachWord(
        in text: UnsafeBufferPointer<UInt8>, wildcards: Bool = false, scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void
    ) {
        let count = text.count
        var index = 0
        var position = 0
        scratch.removeAll(keepingCapacity: true)
        func flush() {
            guard !scratch.isEmpty else { return }
            scratch.withUnsafeBufferPointer { body($0, position) }
            position += 1
            scratch.removeAll(keepingCapacity: true)
        }
        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                switch byte {
                case 0x61...0x7A, 0x30...0x39: scratch.append(byte)
                case 0x41...0x5A: scratch.append(byte | 0x20)
                case 0x2B, 0x3F, 0x23:
                    if wildcards { scratch.append(byte) } else { flush() }
                case 0x2A:  // `*`, the truncation mark of many web search tools, is read as `+`
                    if wildcards { scratch.append(0x2B) } else { flush() }
                default: flush()
                }
                index += 1
                continue
            }
            // A multi-byte scalar: its length from the lead byte; a stray continuation byte is one unit.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard index + length <= count else {
                flush()
                break
            }
            let second = length > 1 ? text[index + 1] : 0
            if isSeparator(lead: byte, second: second, length: length) {
                flush()
            } else if length == 3, byte >= 0xE3, byte <= 0xE9 {
                // Kana and CJK ideographs (U+3040–U+9FFF) are words of one character each, so a query word
                // of several characters is a phrase of consecutive characters: substring search without a dictionary.
                flush()
                for offset in 0..<3 { scratch.append(text[index + offset]) }
                flush()
            } else if length == 2 {
                let (lead, trail) = lowercase(lead: byte, trail: second)
                scratch.append(lead)
                scratch.append(trail)
            } else {
                for offset in 0..<length { scratch.append(text[index + offset]) }
            }
            index += length
        }
        flush()
    }

    /// The words of a string, for tests and query parsing (not a hot path).
    static func words(_ text: String, wildcards: Bool = false) -> [String] {
        var result: [String] = []
        var scratch: [UInt8] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            forEachWord(in: buffer, wildcards: wildcards, scratch: &scratch) { word, _ in
                result.append(String(decoding: word, as: UTF8.self))
            }
        }
        return result
    }

    /// Non-ASCII punctuation and spaces that separate words.
    @inline(__always)
    static func isSeparator(lead: UInt8, second: UInt8, length: Int) -> Bool {
        switch (length, lead) {
        case (1, _): return true  // a stray continuation byte
        case (2, 0xC2):  // U+0080–U+00BF: controls, no-break space, ©, «, », ° …; but ª, µ, º are letters
            return second != 0xAA && second != 0xB5 && second != 0xBA
        case (2, 0xC3): return second == 0x97 || second == 0xB7  // × ÷
        case (3, 0xE2): return true  // U+2000–U+2FFF: punctuation ‘ ’ “ ” – —, spaces, arrows, math operators ≦ ±, boxes
        case (3, 0xE3): return second == 0x80  // CJK symbols and punctuation: 、 。 「 」, ideographic space
        case (3, 0xEF): return second == 0xBC || second == 0xBD  // fullwidth forms: ， （ ） ： ；
        default: return false
        }
    }

    /// Folds a two-byte scalar to lower case: Latin-1, Latin Extended-A, Greek, Cyrillic.
    @inline(__always)
    static func lowercase(lead: UInt8, trail: UInt8) -> (UInt8, UInt8) {
        switch lead {
        case 0xC3 where trail >= 0x80 && trail <= 0x9E && trail != 0x97: return (lead, trail + 0x20)  // À–Þ
        case 0xC4, 0xC5:
            let scalar = (Int(lead & 0x1F) << 6) | Int(trail & 0x3F)
            if (scalar <= 0x137 || (scalar >= 0x14A && scalar <= 0x177)) && scalar & 1 == 0 {
                return (lead, trail + 1)  // Ā→ā … Ķ→ķ, Ŋ→ŋ … Ŷ→ŷ
            }
            return (lead, trail)
        case 0xCE where trail >= 0x91 && trail <= 0x9F: return (lead, trail + 0x20)  // Α–Ο
        case 0xCE where trail >= 0xA0 && trail <= 0xAB: return (0xCF, trail - 0x20)  // Π–Ϋ
        case 0xD0 where trail >= 0x90 && trail <= 0x9F: return (lead, trail + 0x20)  // А–П
        case 0xD0 where trail >= 0xA0 && trail <= 0xAF: return (0xD1, trail - 0x20)  // Р–Я
        case 0xD0 where trail >= 0x80 && trail <= 0x8F: return (0xD1, trail + 0x10)  // Ѐ–Џ
        default: return (lead, trail)
        }
    }
}
