/// Reads what ``BinaryWriter`` wrote, checking every length against the bytes that are left, so a
/// truncated or corrupted file gives an ``IPAIError`` with code `corrupt_model`, never a crash.
///
/// ```swift
/// var reader = BinaryReader(bytes)
/// let version: UInt32 = try reader.read()
/// let names = try reader.readStrings()
/// ```
public struct BinaryReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var position: Int
    /// Names the source in error messages (usually the file path).
    public var sourceName: String

    public init(_ bytes: [UInt8], sourceName: String = "input") {
        self.bytes = bytes
        self.position = 0
        self.sourceName = sourceName
    }

    public var remaining: Int { bytes.count - position }
    public var isAtEnd: Bool { position == bytes.count }

    public func corrupt(_ what: String) -> IPAIError {
        IPAIError(.corruptModel, "\(sourceName) is corrupted or truncated: \(what) at byte \(position)")
    }

    private mutating func take(_ count: Int, _ what: String) throws(IPAIError) -> Int {
        guard count >= 0, count <= remaining else {
            throw corrupt("expected \(count) bytes for \(what), only \(remaining) left")
        }
        let start = position
        position += count
        return start
    }

    public mutating func read<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(IPAIError) -> T {
        let start = try take(MemoryLayout<T>.size, "\(T.self)")
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { raw in
            bytes.withUnsafeBytes { source in
                raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<start + MemoryLayout<T>.size]))
            }
        }
        return T(littleEndian: value)
    }

    public mutating func readFloat() throws(IPAIError) -> Float { Float(bitPattern: try read(UInt32.self)) }
    public mutating func readDouble() throws(IPAIError) -> Double { Double(bitPattern: try read(UInt64.self)) }
    public mutating func readBool() throws(IPAIError) -> Bool { try read(UInt8.self) != 0 }

    public mutating func readString() throws(IPAIError) -> String {
        let count = Int(try read(UInt32.self))
        let start = try take(count, "a string")
        return String(decoding: bytes[start..<start + count], as: UTF8.self)
    }

    /// Reads `count` raw bytes (for magic numbers).
    public mutating func readRaw(_ count: Int) throws(IPAIError) -> [UInt8] {
        let start = try take(count, "raw bytes")
        return Array(bytes[start..<start + count])
    }

    public mutating func readArray<T: FixedWidthInteger>(of type: T.Type = T.self) throws(IPAIError) -> [T] {
        try readBlock(T.self)
    }

    public mutating func readFloats() throws(IPAIError) -> [Float] {
        try readBlock(Float.self)
    }

    public mutating func readStrings() throws(IPAIError) -> [String] {
        let ends: [UInt32] = try readArray()
        let blob: [UInt8] = try readArray()
        var strings: [String] = []
        strings.reserveCapacity(ends.count)
        var start = 0
        for end in ends {
            let stop = Int(end)
            guard stop >= start, stop <= blob.count else { throw corrupt("string offsets out of order") }
            strings.append(String(decoding: blob[start..<stop], as: UTF8.self))
            start = stop
        }
        return strings
    }

    private mutating func readBlock<T>(_ type: T.Type) throws(IPAIError) -> [T] {
        let count64 = try read(UInt64.self)
        let stride = MemoryLayout<T>.stride
        guard count64 <= UInt64(remaining / max(stride, 1)) else {
            throw corrupt("array of \(count64) \(T.self) values longer than the \(remaining) bytes left")
        }
        let count = Int(count64)
        let start = try take(count * stride, "\(count) \(T.self) values")
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[start..<start + count * stride]))
            }
            initialized = count
        }
    }
}
