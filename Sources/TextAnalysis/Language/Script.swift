/// Writing systems that matter for choosing how to analyse text.
enum Script: Sendable {
    case latin, han, kana, hangul, other

    /// Han ideographs, kana and Hangul: written without spaces between words.
    @inline(__always)
    static func isCJK(_ value: UInt32) -> Bool {
        of(value).isCJK
    }

    var isCJK: Bool {
        switch self {
        case .han, .kana, .hangul: true
        default: false
        }
    }

    /// The script of a letter; `other` for everything that is not one of the scripts above.
    @inline(__always)
    static func of(_ value: UInt32) -> Script {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: return value == 0xD7 || value == 0xF7 ? .other : .latin
        case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9D:
            return .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF, 0x3005, 0x3007:
            return .han
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3131...0x318E, 0xA960...0xA97F, 0xD7B0...0xD7FF:
            return .hangul
        default:
            return .other
        }
    }
}
