/// An insert-only hash table from byte strings (UTF-8 terms) to dense `Int32` ids.
///
/// Keys live back to back in one byte arena, so a table of a million terms is a few large arrays
/// rather than a million `String`s, lookups take the analyser's reusable byte buffer without
/// creating a `String`, and the arena is exactly the blob `BinaryWriter.write(_: [String])`
/// stores, so it can be written and read without touching each term.
struct TermTable: Sendable {
    /// The keys' bytes, in id order.
    private(set) var arena: [UInt8] = []
    /// `ends[id]` is the end of key `id` in `arena`; its start is `ends[id - 1]` (or 0).
    private(set) var ends: [UInt32] = []
    /// Open addressing with linear probing. A slot packs the key's 32-bit hash (high half) with
    /// its id + 1 (low half; 0 = empty), so most probes touch one cache line, not three.
    private var slots: [UInt64]
    private var mask: Int

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func pack(hash: UInt32, id: Int32) -> UInt64 {
        UInt64(hash) << 32 | UInt64(UInt32(id) + 1)
    }

    var count: Int { ends.count }

    @inline(__always)
    func range(of id: Int) -> Range<Int> {
        (id == 0 ? 0 : Int(ends[id - 1]))..<Int(ends[id])
    }

    /// The key of `id` as a `String`.
    func string(at id: Int) -> String {
        String(decoding: arena[range(of: id)], as: UTF8.self)
    }

    /// The id of `key`, or -1.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer) -> Int32 {
        let hash = TermTable.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry == 0 { return -1 }
                if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                    let id = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if keyEquals(Int(id), key) { return id }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    func find(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `key`, adding it if new. `inserted` tells which happened.
    @inline(__always)
    mutating func insert(_ key: UnsafeRawBufferPointer) -> (id: Int32, inserted: Bool) {
        let hash = TermTable.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if keyEquals(Int(id), key) { return (id, false) }
            }
            slot = (slot + 1) & mask
        }
        precondition(ends.count < Int(Int32.max) - 1, "term table exceeds 2^31 terms")
        let id = Int32(ends.count)
        arena.append(contentsOf: key)
        precondition(arena.count <= Int(UInt32.max), "term table arena exceeds 4 GiB")
        ends.append(UInt32(arena.count))
        slots[slot] = Self.pack(hash: hash, id: id)
        if ends.count * 2 > slots.count { grow() }
        return (id, true)
    }

    @discardableResult
    mutating func insert(_ key: String) -> (id: Int32, inserted: Bool) {
        var key = key
        return key.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    /// Rebuilds a table from an arena and end offsets as stored on disk.
    /// Returns `nil` if the offsets are not non-decreasing within the arena or a key repeats.
    init?(arena: [UInt8], ends: [UInt32]) {
        self.init(minimumCapacity: ends.count)
        var start = 0
        for end in ends {
            let stop = Int(end)
            guard stop >= start, stop <= arena.count else { return nil }
            let inserted = arena.withUnsafeBytes { insert(UnsafeRawBufferPointer(rebasing: $0[start..<stop])).inserted }
            guard inserted else { return nil }
            start = stop
        }
        guard start == arena.count else { return nil }
    }

    @inline(__always)
    private func keyEquals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let range = range(of: id)
        guard range.count == key.count else { return false }
        return arena.withUnsafeBytes { arena in
            // Terms are short: compare eight bytes at a time inline rather than call memcmp.
            let stored = UnsafeRawBufferPointer(rebasing: arena[range])
            var offset = 0
            while offset + 8 <= key.count {
                if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != key.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset += 8
            }
            while offset < key.count {
                if stored[offset] != key[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for entry in slots where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
            while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = entry
        }
        slots = newSlots
        mask = newMask
    }

    /// A fast 64-bit mix of the key, eight bytes at a time, folded to 32 bits.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var offset = 0
        let count = key.count
        while offset + 8 <= count {
            let word = key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(key[offset]) << shift
                shift += 8
                offset += 1
            }
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }
}
