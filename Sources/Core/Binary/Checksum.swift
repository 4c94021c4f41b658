/// A fast 64-bit checksum of a byte buffer (multiply–xorshift over 8-byte words), used to tell a
/// corrupted model file from a valid one. Not cryptographic.
///
/// Complexity: O(n); several GB/s in release builds.
public enum Checksum {
    public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x243F_6A88_85A3_08D3) -> UInt64 {
        var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        let words = bytes.count / 8
        var index = 0
        while index < words {
            let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            hash = (hash ^ (word &* 0xBF58_476D_1CE4_E5B9)) &* 0x94D0_49BB_1331_11EB
            hash ^= hash >> 29
            index += 1
        }
        var tail: UInt64 = 0
        for offset in (words * 8)..<bytes.count {
            tail = (tail << 8) | UInt64(bytes[offset])
        }
        hash = (hash ^ (tail &* 0xBF58_476D_1CE4_E5B9)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }
}

/// FNV-1a 64-bit hash of a string's UTF-8 bytes: stable across runs and platforms, used for
/// deterministic train/dev splits and cross-validation folds keyed on document ids.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
