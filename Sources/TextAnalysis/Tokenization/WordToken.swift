/// A word as the tokeniser found it: folded (NFKC, lowercased) UTF-8 bytes plus where it came from.
struct WordToken {
    /// Folded UTF-8 bytes.
    var bytes: [UInt8] = []
    /// Byte offsets of the word in the original text's UTF-8.
    var start = -1
    var end = 0
    var scalarCount = 0
    var hasDigit = false
    var hasLetter = false
    var hasUppercase = false
    var isASCII = true
    /// The last folded scalar, for composing a following combining accent.
    var lastScalar: UInt32 = 0

    init() {
        bytes.reserveCapacity(64)
    }

    var isEmpty: Bool { start < 0 }
    var range: Range<Int> { start..<end }
    var lastIsDigit: Bool { lastScalar &- 0x30 < 10 }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        start = -1
        scalarCount = 0
        hasDigit = false
        hasLetter = false
        hasUppercase = false
        isASCII = true
        lastScalar = 0
    }

    @inline(__always)
    mutating func append(_ value: UInt32, from start: Int, to end: Int, isDigit: Bool) {
        if self.start < 0 { self.start = start }
        self.end = end
        scalarCount += 1
        if isDigit { hasDigit = true } else { hasLetter = true }
        lastScalar = value
        if value < 0x80 {
            if value &- 0x41 < 26 { hasUppercase = true }
            bytes.append(UInt8(truncatingIfNeeded: value))
        } else {
            isASCII = false
            if let scalar = Unicode.Scalar(value), scalar.properties.isUppercase { hasUppercase = true }
            UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}") { bytes.append($0) }
        }
    }

    /// Replaces the last scalar (for accent composition).
    mutating func replaceLast(with value: UInt32, end: Int) {
        let lastLength = UTF8.width(Unicode.Scalar(lastScalar) ?? "\u{FFFD}")
        bytes.removeLast(lastLength)
        scalarCount -= 1
        append(value, from: start, to: end, isDigit: false)
    }
}
