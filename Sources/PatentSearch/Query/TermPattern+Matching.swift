extension TermPattern {
    /// Whether an indexed word (lower-cased UTF-8) matches this pattern: `+` any run of characters,
    /// `?` zero or one character, `#` exactly one character, anything else itself. Characters are UTF-8
    /// scalars, so `#` matches `é` as one character.
    func matches(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { pattern in Self.match(pattern, 0, word, 0) }
    }

    @inline(__always)
    static func scalarLength(_ byte: UInt8) -> Int {
        byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    static func match(
        _ pattern: UnsafeBufferPointer<UInt8>, _ patternIndex: Int, _ word: UnsafeBufferPointer<UInt8>, _ wordIndex: Int
    ) -> Bool {
        var p = patternIndex
        var w = wordIndex
        while p < pattern.count {
            switch pattern[p] {
            case 0x2B:  // + : any run; try every split point
                if p + 1 == pattern.count { return true }
                var at = w
                while true {
                    if match(pattern, p + 1, word, at) { return true }
                    guard at < word.count else { return false }
                    at += scalarLength(word[at])
                }
            case 0x3F:  // ? : zero or one character
                if match(pattern, p + 1, word, w) { return true }
                guard w < word.count else { return false }
                return match(pattern, p + 1, word, w + scalarLength(word[w]))
            case 0x23:  // # : exactly one character
                guard w < word.count else { return false }
                w += scalarLength(word[w])
                p += 1
            case let byte:
                guard w < word.count, word[w] == byte else { return false }
                w += 1
                p += 1
            }
        }
        return w == word.count
    }
}
