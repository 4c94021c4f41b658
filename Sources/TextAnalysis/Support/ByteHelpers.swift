/// Appends the UTF-8 encoding of a scalar value.
@inline(__always)
func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
    if value < 0x80 {
        bytes.append(UInt8(truncatingIfNeeded: value))
    } else {
        UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}") { bytes.append($0) }
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    func ends(with suffix: [UInt8]) -> Bool {
        guard suffix.count <= count else { return false }
        let start = count - suffix.count
        for offset in 0..<suffix.count where self[start + offset] != suffix[offset] { return false }
        return true
    }

    @inline(__always)
    func contains(_ part: [UInt8]) -> Bool {
        guard part.count <= count, let first = part.first else { return false }
        var start = 0
        while start + part.count <= count {
            if self[start] == first {
                var offset = 1
                while offset < part.count && self[start + offset] == part[offset] { offset += 1 }
                if offset == part.count { return true }
            }
            start += 1
        }
        return false
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}
