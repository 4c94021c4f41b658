/// Appends little-endian scalars, arrays and strings to a byte buffer: the building block of
/// IPAI's model files. Pair with ``BinaryReader``.
///
/// ```swift
/// var writer = BinaryWriter()
/// writer.write(UInt32(7))
/// writer.write(["a", "b"])
/// let bytes = writer.bytes
/// ```
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Float) { write(value.bitPattern) }
    public mutating func write(_ value: Double) { write(value.bitPattern) }
    public mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    /// A length-prefixed UTF-8 string.
    public mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A count-prefixed array of fixed-width integers, copied in one block (little-endian hosts).
    public mutating func write<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt64(values.count))
        appendRaw(values)
    }

    /// A count-prefixed array of floats, copied in one block.
    public mutating func write(_ values: [Float]) {
        write(UInt64(values.count))
        appendRaw(values)
    }

    /// A count-prefixed list of strings stored as one UTF-8 blob plus end offsets, so that
    /// reading a vocabulary of a million terms is two block copies.
    public mutating func write(_ values: [String]) {
        var blob: [UInt8] = []
        var ends: [UInt32] = []
        ends.reserveCapacity(values.count)
        for value in values {
            blob.append(contentsOf: value.utf8)
            ends.append(UInt32(blob.count))
        }
        write(ends)
        write(blob)
    }

    /// Bytes as they are (no length prefix): used for magic numbers.
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    private mutating func appendRaw<T>(_ values: [T]) {
        precondition(1.littleEndian == 1, "IPAI model files assume a little-endian host")
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
