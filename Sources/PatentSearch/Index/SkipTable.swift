import Core

/// Skip entries into the postings of frequent terms: every ``blockSize`` documents, where the block starts in the
/// document and position streams and which document it starts with. A query that only needs a term's postings
/// for a few candidate documents (a rare word AND a common one; `expert 1W system?`) jumps over the blocks that
/// hold no candidate instead of decoding them.
struct SkipTable: Sendable {
    static let blockSize = 128

    /// Per term, the index of its first entry (one extra entry: the end). Terms with at most one block have none.
    var termStarts: [UInt32] = []
    /// The first document of each block.
    var firstDocuments: [UInt32] = []
    /// The last document before each block (0 for a term's first block): the base of the block's first gap.
    var previousDocuments: [UInt32] = []
    /// Where each block starts in ``SearchIndex/documentStream`` and ``SearchIndex/positionStream``.
    var documentOffsets: [UInt64] = []
    var positionOffsets: [UInt64] = []

    var count: Int { firstDocuments.count }

    struct Entry: Sendable {
        var term: UInt32
        var first: UInt32
        var previous: UInt32
        var documentOffset: UInt64
        var positionOffset: UInt64
    }

    /// Decodes the document streams of the terms with more than one block, in parallel, and records the blocks.
    static func build(
        termCount: Int, documentCounts: [UInt32], documentStarts: [UInt64], positionStarts: [UInt64],
        documentStream: [UInt8], threads: Int
    ) -> SkipTable {
        let entries: [Entry] = Parallel.map(count: termCount, threads: threads) { range in
            var found: [Entry] = []
            documentStream.withUnsafeBufferPointer { stream in
                guard let base = stream.baseAddress else { return }
                for term in range where Int(documentCounts[term]) > blockSize {
                    var offset = Int(documentStarts[term])
                    let end = Int(documentStarts[term + 1])
                    var positionOffset = positionStarts[term]
                    var document: UInt32 = 0
                    var seen = 0
                    while offset < end {
                        let entryStart = offset
                        let gap = Varint.read(base, &offset, end: end)
                        let previous = document
                        document = seen == 0 ? gap : document &+ gap
                        if seen % blockSize == 0 {
                            found.append(
                                Entry(
                                    term: UInt32(term), first: document, previous: seen == 0 ? 0 : previous,
                                    documentOffset: UInt64(entryStart), positionOffset: positionOffset))
                        }
                        seen += 1
                        guard offset < end else { break }
                        positionOffset += UInt64(Varint.read(base, &offset, end: end))
                    }
                }
            }
            return found
        }
        var table = SkipTable()
        table.termStarts = [UInt32](repeating: 0, count: termCount + 1)
        for entry in entries { table.termStarts[Int(entry.term) + 1] += 1 }
        for term in 0..<termCount { table.termStarts[term + 1] += table.termStarts[term] }
        table.firstDocuments = entries.map(\.first)
        table.previousDocuments = entries.map(\.previous)
        table.documentOffsets = entries.map(\.documentOffset)
        table.positionOffsets = entries.map(\.positionOffset)
        return table
    }
}
