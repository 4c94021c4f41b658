/// What a (folded) scalar means to the tokeniser.
enum CharacterClass: UInt8, Sendable {
    /// Whitespace, symbols, quotes, hyphens: ends a word.
    case separator
    case letter
    case digit
    /// `'`, `’`: elision or possessive inside a word, otherwise a separator.
    case apostrophe
    /// `.`: decimal point between digits, otherwise ends a sentence.
    case period
    /// `,`: decimal comma between digits, otherwise a separator.
    case comma
    /// Ends a sentence or clause: word n-grams do not cross it.
    case boundary
    /// Han, kana, Hangul: indexed by character n-grams.
    case cjk
    /// A combining mark: belongs to the preceding letter.
    case mark

    /// Classes of the 128 ASCII scalars.
    static let ascii: [CharacterClass] = (0..<128).map { (value: Int) -> CharacterClass in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
        case UInt8(ascii: "'"): .apostrophe
        case UInt8(ascii: "."): .period
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            .boundary
        default: .separator
        }
    }

    /// The class of a folded scalar.
    @inline(__always)
    static func of(_ value: UInt32) -> CharacterClass {
        if value < 0x80 { return ascii[Int(value)] }
        switch value {
        case 0xC0...0x24F: return value == 0xD7 || value == 0xF7 ? .separator : .letter
        case 0x300...0x36F: return .mark
        case 0x370...0x3FF where value != 0x37E && value != 0x387, 0x400...0x52F: return .letter
        case 0x2019, 0x2BC: return .apostrophe
        case 0x3002, 0xFF61: return .boundary
        case 0x3005, 0x3007: return .cjk
        case 0x3000...0x303F, 0x30FB: return .separator
        default:
            return Script.isCJK(value) ? .cjk : slowClass(value)
        }
    }

    private static func slowClass(_ value: UInt32) -> CharacterClass {
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return properties.isIdeographic ? .cjk : .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        default:
            return properties.isSentenceTerminal ? .boundary : .separator
        }
    }
}
