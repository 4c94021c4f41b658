/// An open-addressing hash table from byte strings to dense ids, with every key in one arena:
/// the index builder interns millions of words a second without allocating a `String` per word.
struct TermTable: Sendable {
    /// Keys back to back; key `i` is `blob[start(i)..<ends[i]]`.
    private(set) var blob: [UInt8] = []
    private(set) var ends: [UInt32] = []
    private var hashes: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        blob.reserveCapacity(capacity * 8)
    }

    var count: Int { ends.count }

    func start(_ id: Int) -> Int { id == 0 ? 0 : Int(ends[id - 1]) }

    func key(_ id: Int) -> ArraySlice<UInt8> { blob[start(id)..<Int(ends[id])] }

    @inline(__always)
    static func hash(_ prefix: UInt8, _ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5 ^ UInt32(prefix)
        hash = hash &* 0x0100_0193
        for byte in word {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash ^ (hash >> 15)
    }

    /// The id of `prefix` + `word`, adding it if new. `prefix` is the field byte (or 0xFF for none).
    @inline(__always)
    mutating func intern(_ prefix: UInt8, _ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Self.hash(prefix, word)
        var slot = Int(hash) & mask
        let length = word.count + (prefix == 0xFF ? 0 : 1)
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash {
                let begin = start(id)
                if Int(ends[id]) - begin == length && matches(begin, prefix, word) { return UInt32(id) }
            }
            slot = (slot + 1) & mask
        }
        let id = ends.count
        if prefix != 0xFF { blob.append(prefix) }
        blob.append(contentsOf: word)
        ends.append(UInt32(blob.count))
        hashes.append(hash)
        slots[slot] = Int32(id)
        if ends.count * 2 > slots.count { grow() }
        return UInt32(id)
    }

    @inline(__always)
    private func matches(_ begin: Int, _ prefix: UInt8, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        blob.withUnsafeBufferPointer { keys in
            var offset = begin
            if prefix != 0xFF {
                if keys[offset] != prefix { return false }
                offset += 1
            }
            for byte in word {
                if keys[offset] != byte { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for id in 0..<hashes.count {
            var slot = Int(hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// Interns a key that already includes its prefix byte (used when merging tables).
    mutating func intern(key: ArraySlice<UInt8>, hasPrefix: Bool) -> UInt32 {
        key.withUnsafeBufferPointer { buffer in
            if hasPrefix {
                return intern(buffer[0], UnsafeBufferPointer(rebasing: buffer[1...]))
            }
            return intern(0xFF, buffer)
        }
    }
}
