/// Counts, for each term, the number of documents it occurs in, plus the total number of terms.
/// One counter per worker while fitting; counters are merged at the end.
struct DocumentFrequencyCounter: TermSink {
    var table = TermTable(minimumCapacity: 1 << 12)
    var frequencies: [Int32] = []
    /// The last document each term was counted for, so repeats within a document count once.
    private var lastDocument: [Int32] = []
    private var document: Int32 = -1
    private(set) var documentCount = 0
    private(set) var termCount = 0

    mutating func beginDocument() {
        document += 1
        documentCount += 1
    }

    mutating func term(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) {
        add(bytes)
    }

    @inline(__always)
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        termCount += 1
        let (id, inserted) = table.insert(bytes)
        if inserted {
            frequencies.append(1)
            lastDocument.append(document)
        } else if lastDocument[Int(id)] != document {
            frequencies[Int(id)] += 1
            lastDocument[Int(id)] = document
        }
    }

    /// Adds another counter's documents and frequencies to this one.
    mutating func merge(_ other: DocumentFrequencyCounter) {
        documentCount += other.documentCount
        termCount += other.termCount
        other.table.arena.withUnsafeBytes { arena in
            for id in 0..<other.table.count {
                let key = UnsafeRawBufferPointer(rebasing: arena[other.table.range(of: id)])
                let (target, inserted) = table.insert(key)
                if inserted {
                    frequencies.append(other.frequencies[id])
                    lastDocument.append(-1)
                } else {
                    frequencies[Int(target)] += other.frequencies[id]
                }
            }
        }
    }
}
