import Foundation

/// Folds scalars for matching: NFKC compatibility mapping (full-width forms, ligatures,
/// super- and subscript digits, half-width katakana) plus lowercasing.
///
/// The common cases (ASCII, Latin-1, full-width ASCII, CJK) are range checks; other scalars consult
/// the Unicode property tables and only the rare scalars whose NFKC form differs go through
/// Foundation, one scalar at a time.
enum CharacterFolding {
    /// The folded form of `scalar` when it is a single scalar; `nil` when it expands to several
    /// (then use ``expansion(of:lowercase:)``).
    @inline(__always)
    static func fold(_ scalar: UInt32, lowercase: Bool) -> UInt32? {
        switch scalar {
        case 0..<0x80:
            return lowercase && scalar &- 0x41 < 26 ? scalar | 0x20 : scalar
        case 0xC0...0xDE where scalar != 0xD7:
            return lowercase ? scalar + 0x20 : scalar
        case 0x80..<0x100 where scalar >= 0xDF || (scalar >= 0xA0 && !isCompatibilityLatin1(scalar)):
            return scalar
        case 0xFF01...0xFF5E:
            let ascii = scalar - 0xFEE0
            return lowercase && ascii &- 0x41 < 26 ? ascii | 0x20 : ascii
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return scalar
        case 0x0300...0x036F:
            return scalar
        default:
            return foldSlow(scalar, lowercase: lowercase)
        }
    }

    /// Latin-1 scalars whose NFKC form differs (ª, ², ³, µ, ¹, º, ¼–¾, and spacing accents).
    @inline(__always)
    private static func isCompatibilityLatin1(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA0, 0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB5, 0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE: true
        default: false
        }
    }

    private static func foldSlow(_ value: UInt32, lowercase: Bool) -> UInt32? {
        guard let scalar = Unicode.Scalar(value) else { return value }
        let properties = scalar.properties
        if !properties.changesWhenNFKCCaseFolded { return value }
        if lowercase && properties.changesWhenLowercased {
            // Uppercase letters of Latin Extended, Greek, Cyrillic, …: one stable lowercase scalar.
            let mapped = properties.lowercaseMapping.unicodeScalars
            if mapped.count == 1, let only = mapped.first, !only.properties.changesWhenNFKCCaseFolded {
                return only.value
            }
        }
        let expanded = expansion(of: value, lowercase: lowercase)
        return expanded.count == 1 ? expanded[0] : nil
    }

    /// The full folded form of `scalar` (NFKC, then lowercase), e.g. `ﬁ` → `fi`, `½` → `1⁄2`.
    static func expansion(of value: UInt32, lowercase: Bool) -> [UInt32] {
        guard let scalar = Unicode.Scalar(value) else { return [value] }
        var text = String(scalar).precomposedStringWithCompatibilityMapping
        if lowercase { text = text.lowercased() }
        return text.unicodeScalars.map(\.value)
    }

    /// Composes a lowercase Latin letter with a following combining accent (text in decomposed
    /// form, NFD), so `e` + U+0301 matches `é`. Returns `nil` when there is no such letter.
    static func compose(_ base: UInt32, _ mark: UInt32) -> UInt32? {
        let vowels: [UInt32]
        switch mark {
        case 0x300: vowels = [0xE0, 0, 0, 0, 0xE8, 0, 0, 0, 0xEC, 0, 0, 0, 0, 0, 0xF2, 0, 0, 0, 0, 0, 0xF9]
        case 0x301: vowels = [0xE1, 0, 0x107, 0, 0xE9, 0, 0, 0, 0xED, 0, 0, 0, 0, 0x144, 0xF3, 0, 0, 0, 0x15B, 0, 0xFA, 0, 0, 0, 0xFD, 0x17A]
        case 0x302: vowels = [0xE2, 0, 0, 0, 0xEA, 0, 0, 0, 0xEE, 0, 0, 0, 0, 0, 0xF4, 0, 0, 0, 0, 0, 0xFB]
        case 0x303: vowels = [0xE3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF1, 0xF5]
        case 0x308: vowels = [0xE4, 0, 0, 0, 0xEB, 0, 0, 0, 0xEF, 0, 0, 0, 0, 0, 0xF6, 0, 0, 0, 0, 0, 0xFC, 0, 0, 0, 0xFF]
        case 0x30A: vowels = [0xE5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16F]
        case 0x30C: vowels = [0, 0, 0x10D, 0, 0x11B, 0, 0, 0, 0, 0, 0, 0, 0, 0x148, 0, 0, 0, 0x159, 0x161, 0, 0, 0, 0, 0, 0, 0x17E]
        case 0x327: vowels = [0, 0, 0xE7]
        default: return nil
        }
        let index = Int(base) - 0x61
        guard index >= 0, index < vowels.count, vowels[index] != 0 else { return nil }
        return vowels[index]
    }

    /// The ASCII letters of a Latin letter without its diacritics (`é` → `e`, `æ` → `ae`,
    /// `ß` → `ss`), or `nil` if `scalar` is not a Latin letter IPAI knows a base for.
    /// Used for English, where accents are spelling variants (`naïve`, `café`).
    static func latinBase(_ scalar: UInt32) -> (UInt8, UInt8)? {
        guard scalar >= 0xC0, scalar < 0x180 else { return nil }
        let entry = latinBaseTable[Int(scalar) - 0xC0]
        guard entry.0 != 0 else { return nil }
        return entry
    }

    private static let latinBaseTable: [(UInt8, UInt8)] = {
        var table = [(UInt8, UInt8)](repeating: (0, 0), count: 0x180 - 0xC0)
        let special: [UInt32: String] = [
            0xC6: "ae", 0xE6: "ae", 0xD0: "d", 0xF0: "d", 0xD8: "o", 0xF8: "o", 0xDE: "th", 0xFE: "th",
            0xDF: "ss", 0x110: "d", 0x111: "d", 0x126: "h", 0x127: "h", 0x131: "i", 0x132: "ij", 0x133: "ij",
            0x138: "k", 0x13F: "l", 0x140: "l", 0x141: "l", 0x142: "l", 0x149: "n", 0x14A: "n", 0x14B: "n",
            0x152: "oe", 0x153: "oe", 0x166: "t", 0x167: "t", 0x17F: "s",
        ]
        for value in UInt32(0xC0)..<0x180 {
            let text: String
            if let fixed = special[value] {
                text = fixed
            } else {
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
                // Canonical decomposition puts the base letter first.
                let decomposed = String(scalar).decomposedStringWithCanonicalMapping.lowercased()
                guard let first = decomposed.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { continue }
                text = String(first)
            }
            let bytes = Array(text.utf8)
            table[Int(value) - 0xC0] = (bytes[0], bytes.count > 1 ? bytes[1] : 0)
        }
        return table
    }()
}
