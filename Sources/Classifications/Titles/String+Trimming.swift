extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingSpaces: String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, first != 0xC2, last != 0xA0 {
            return self
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{00A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
