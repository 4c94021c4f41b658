extension SchemeTitles {
    /// The title of `symbol` for showing to people: like ``title(of:language:)``, with references in
    /// WIPO's 14-character form rewritten to standard notation
    /// (`... manuring A01C0005000000;...` → `... manuring A01C 5/00;...`).
    public func displayTitle(of symbol: ClassificationSymbol, language: String = "en") -> String? {
        title(of: symbol, language: language).map(Self.displayText)
    }

    /// `text` with every embedded 14-character symbol (`A01C0005000000`) in standard notation (`A01C 5/00`).
    ///
    /// Only whole words are rewritten: a letter or digit right before or after leaves the run alone.
    public static func displayText(_ text: String) -> String {
        var bytes = Array(text.utf8)
        guard bytes.count >= 14 else { return text }
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while index + 14 <= bytes.count {
            if isWipo14(bytes, at: index),
                let symbol = bytes.withUnsafeBufferPointer({
                    try? ClassificationSymbol(utf8: UnsafeBufferPointer(rebasing: $0[index..<index + 14]))
                })
            {
                if output.isEmpty { output.reserveCapacity(bytes.count) }
                output.append(contentsOf: bytes[copied..<index])
                output.append(contentsOf: symbol.description.utf8)
                index += 14
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return text }
        output.append(contentsOf: bytes[copied...])
        bytes = output
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes[index...]` starts a standalone `A01C0005000000`-shaped word.
    private static func isWipo14(_ bytes: [UInt8], at index: Int) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
        func isUpper(_ byte: UInt8) -> Bool { byte &- 65 < 26 }
        func isWordByte(_ byte: UInt8) -> Bool { isDigit(byte) || isUpper(byte) || byte &- 97 < 26 }
        guard isUpper(bytes[index]), isDigit(bytes[index + 1]), isDigit(bytes[index + 2]), isUpper(bytes[index + 3]) else {
            return false
        }
        for offset in 4..<14 where !isDigit(bytes[index + offset]) { return false }
        if index > 0, isWordByte(bytes[index - 1]) { return false }
        if index + 14 < bytes.count, isWordByte(bytes[index + 14]) { return false }
        return true
    }
}
