/// LEB128 variable-length unsigned integers: 7 bits a byte, high bit set while more bytes follow.
/// Postings store document-number and position gaps this way, so most take one byte.
enum Varint {
    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The number of bytes `value` takes.
    @inline(__always)
    static func length(_ value: UInt32) -> Int {
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5
    }

    /// Reads a value at `offset` and advances it. Callers bound `offset` by the stream's end; a malformed
    /// stream stops at `end` rather than reading past it.
    @inline(__always)
    static func read(_ bytes: UnsafePointer<UInt8>, _ offset: inout Int, end: Int) -> UInt32 {
        var byte = bytes[offset]
        offset += 1
        if byte < 0x80 { return UInt32(byte) }
        var value = UInt32(byte & 0x7F)
        var shift: UInt32 = 7
        while offset < end, shift < 35 {
            byte = bytes[offset]
            offset += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }
}
