import Classifications
import Core
import Foundation

extension SearchIndex {
    /// The gap of positions between two applicants, so that proximity never joins words of two names.
    static let applicantGap = 1024
    /// Positions at or above this are not indexed (a field of over 134 million words).
    static let positionLimit = 1 << 27

    /// Builds an index over documents, on several threads.
    ///
    /// Document numbers are `0..<documents.count` in input order. Work is split into chunks of documents;
    /// each worker tokenises its chunk into a private term table, the vocabularies are merged and sorted
    /// once, then each worker encodes its chunk's postings and the pieces are concatenated per term.
    ///
    /// - Parameters:
    ///   - documents: the documents; ids must be unique.
    ///   - threads: worker threads (default: the machine's cores).
    ///   - progress: receives `indexing` progress in documents, then `writing postings` in chunks, and may cancel.
    /// - Throws: `IPAIError` `invalid_input` for a duplicate id or more than 4 billion documents, `cancelled`.
    /// - Complexity: O(total text bytes); 30–60 MB of abstracts (45,000–90,000 documents) a second on 2 cores in
    ///   release builds.
    public init(
        documents: [SearchDocument], threads: Int = Parallel.defaultThreadCount,
        progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) {
        let count = documents.count
        guard count < Int(UInt32.max) else {
            throw IPAIError(.invalidInput, "an index holds at most 4,294,967,294 documents; got \(count)")
        }
        let workers = max(1, threads)
        let chunkSize = max(256, min(32_768, (count + workers * 4 - 1) / max(1, workers * 4)))
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let counter = ProgressCounter(phase: "indexing", total: count, reporter: progress)

        // 1. Tokenise each chunk into its own term table.
        let tokenised: [ChunkTokens] = Parallel.map(count: chunkCount, threads: workers, chunkSize: 1) { range in
            range.map { chunk in
                let documentRange = chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)
                // A cancelled job stops tokenising at the next chunk; the check after the pass throws.
                if progress?.shouldStop() == true { return ChunkTokens(documents, documentRange.lowerBound..<documentRange.lowerBound) }
                let tokens = ChunkTokens(documents, documentRange)
                counter.add(documentRange.count)
                return tokens
            }
        }
        try progress.checkCancellation()

        // 2. Merge the vocabularies and sort them.
        let terms = Self.mergeVocabularies(tokenised.map(\.terms), hasPrefix: true)
        let symbols = Self.mergeVocabularies(tokenised.map(\.symbols), hasPrefix: false)
        try progress.checkCancellation()

        // 3. Encode each chunk's postings in global term order.
        let encoding = ProgressCounter(phase: "writing postings", total: chunkCount * 2, reporter: progress)
        let encoded: [ChunkPostings] = Parallel.map(count: chunkCount * 2, threads: workers, chunkSize: 1) { range in
            range.map { job in
                let chunk = tokenised[job / 2]
                defer { encoding.add(1) }
                return job % 2 == 0
                    ? ChunkPostings(
                        termIDs: chunk.occurrenceTerms, occurrences: chunk.occurrences,
                        ranks: terms.localRanks[job / 2], positional: true)
                    : ChunkPostings(
                        termIDs: chunk.symbolTerms, occurrences: chunk.symbolDocuments.map { UInt64($0) << 32 },
                        ranks: symbols.localRanks[job / 2], positional: false)
            }
        }
        try progress.checkCancellation()

        // 4. Concatenate the pieces per term.
        let termPostings = Self.concatenate(stride(from: 0, to: encoded.count, by: 2).map { encoded[$0] }, termCount: terms.endOffsets.count)
        let symbolPostings = Self.concatenate(stride(from: 1, to: encoded.count, by: 2).map { encoded[$0] }, termCount: symbols.endOffsets.count)

        // 5. Per-document columns and the id order.
        var countryTable: [String: UInt16] = [:]
        var countries: [String] = []
        var countryNumbers = [UInt16](repeating: 0, count: count)
        var publicationYears = [UInt16](repeating: 0, count: count)
        var priorityYears = [UInt16](repeating: 0, count: count)
        var publicationDates = [UInt32](repeating: 0, count: count)
        for (number, document) in documents.enumerated() {
            if let code = document.country?.uppercased(), !code.isEmpty {
                if let known = countryTable[code] {
                    countryNumbers[number] = known
                } else if countries.count < Int(UInt16.max) - 1 {
                    countries.append(code)
                    countryTable[code] = UInt16(countries.count)
                    countryNumbers[number] = UInt16(countries.count)
                }
            }
            publicationYears[number] = Self.column(document.effectiveYear, limit: 65_535)
            priorityYears[number] = Self.column(document.priorityYear, limit: 65_535)
            publicationDates[number] = UInt32(clamping: max(0, document.publicationDate ?? 0))
        }
        let ids = documents.map(\.id)
        let order = Self.sortedOrder(ids, threads: workers)
        for position in order.indices.dropFirst() where ids[Int(order[position])] == ids[Int(order[position - 1])] {
            throw IPAIError(
                .invalidInput, "document id '\(ids[Int(order[position])])' appears twice (documents \(order[position - 1]) and \(order[position])); ids must be unique",
                at: InputLocation(field: "id", value: ids[Int(order[position])]))
        }

        let skips = SkipTable.build(
            termCount: terms.endOffsets.count, documentCounts: termPostings.documentCounts,
            documentStarts: termPostings.documentStarts, positionStarts: termPostings.positionStarts,
            documentStream: termPostings.documents, threads: workers)

        self.init(
            documentIDs: ids, idOrder: order, publicationYears: publicationYears, priorityYears: priorityYears,
            publicationDates: publicationDates, countryNumbers: countryNumbers, countries: countries,
            termBlob: terms.blob, termEnds: terms.endOffsets, termDocumentStarts: termPostings.documentStarts,
            termPositionStarts: termPostings.positionStarts, termDocumentCounts: termPostings.documentCounts,
            documentStream: termPostings.documents, positionStream: termPostings.positions,
            symbolBlob: symbols.blob, symbolEnds: symbols.endOffsets, symbolStarts: symbolPostings.documentStarts,
            symbolStream: symbolPostings.documents, skips: skips)
    }

    static func column(_ value: Int?, limit: Int) -> UInt16 {
        guard let value, value > 0, value <= limit else { return 0 }
        return UInt16(value)
    }

    /// A merged, sorted vocabulary, and for each chunk the global rank of each of its local ids.
    struct Vocabulary {
        var blob: [UInt8] = []
        var endOffsets: [UInt32] = []
        var localRanks: [[UInt32]] = []
    }

    static func mergeVocabularies(_ tables: [TermTable], hasPrefix: Bool) -> Vocabulary {
        var global = TermTable(capacity: max(1024, tables.map(\.count).max() ?? 0))
        var localGlobal: [[UInt32]] = []
        for table in tables {
            var mapping = [UInt32](repeating: 0, count: table.count)
            for id in 0..<table.count {
                mapping[id] = global.intern(key: table.key(id), hasPrefix: hasPrefix)
            }
            localGlobal.append(mapping)
        }
        let total = global.count
        let ends = global.ends
        var order = Array(0..<UInt32(total))
        global.blob.withUnsafeBufferPointer { keys in
            ends.withUnsafeBufferPointer { ends in
                order.sort { left, right in
                    let leftStart = left == 0 ? 0 : Int(ends[Int(left) - 1])
                    let rightStart = right == 0 ? 0 : Int(ends[Int(right) - 1])
                    let leftCount = Int(ends[Int(left)]) - leftStart
                    let rightCount = Int(ends[Int(right)]) - rightStart
                    let shared = min(leftCount, rightCount)
                    let order = memcmp(keys.baseAddress! + leftStart, keys.baseAddress! + rightStart, shared)
                    return order != 0 ? order < 0 : leftCount < rightCount
                }
            }
        }
        var rank = [UInt32](repeating: 0, count: total)
        var vocabulary = Vocabulary()
        vocabulary.blob.reserveCapacity(global.blob.count)
        vocabulary.endOffsets.reserveCapacity(total)
        for (position, id) in order.enumerated() {
            rank[Int(id)] = UInt32(position)
            vocabulary.blob.append(contentsOf: global.key(Int(id)))
            vocabulary.endOffsets.append(UInt32(vocabulary.blob.count))
        }
        vocabulary.localRanks = localGlobal.map { mapping in mapping.map { rank[Int($0)] } }
        return vocabulary
    }

    struct Postings {
        var documents: [UInt8] = []
        var positions: [UInt8] = []
        var documentStarts: [UInt64] = []
        var positionStarts: [UInt64] = []
        var documentCounts: [UInt32] = []
    }

    /// Joins each term's pieces from the chunks in chunk order (documents ascend across chunks), re-encoding
    /// each later piece's first document as a gap from the previous piece's last.
    static func concatenate(_ chunks: [ChunkPostings], termCount: Int) -> Postings {
        var result = Postings()
        result.documents.reserveCapacity(chunks.reduce(0) { $0 + $1.documents.count })
        result.positions.reserveCapacity(chunks.reduce(0) { $0 + $1.positions.count })
        result.documentStarts.reserveCapacity(termCount + 1)
        result.positionStarts.reserveCapacity(termCount + 1)
        result.documentCounts.reserveCapacity(termCount)
        var cursors = [Int](repeating: 0, count: chunks.count)
        for rank in 0..<UInt32(termCount) {
            result.documentStarts.append(UInt64(result.documents.count))
            result.positionStarts.append(UInt64(result.positions.count))
            var previousLast: UInt32?
            var documentCount: UInt32 = 0
            for chunkIndex in chunks.indices {
                let chunk = chunks[chunkIndex]
                let cursor = cursors[chunkIndex]
                guard cursor < chunk.pieces.count, chunk.pieces[cursor].rank == rank else { continue }
                let piece = chunk.pieces[cursor]
                if let previousLast {
                    Varint.append(piece.firstDocument - previousLast, to: &result.documents)
                    result.documents.append(contentsOf: chunk.documents[(piece.documentStart + Varint.length(piece.firstDocument))..<piece.documentEnd])
                } else {
                    result.documents.append(contentsOf: chunk.documents[piece.documentStart..<piece.documentEnd])
                }
                result.positions.append(contentsOf: chunk.positions[piece.positionStart..<piece.positionEnd])
                previousLast = piece.lastDocument
                documentCount += piece.documentCount
                cursors[chunkIndex] = cursor + 1
            }
            result.documentCounts.append(documentCount)
        }
        result.documentStarts.append(UInt64(result.documents.count))
        result.positionStarts.append(UInt64(result.positions.count))
        return result
    }

    /// Document numbers ordered by id: slices sorted in parallel, then merged.
    static func sortedOrder(_ ids: [String], threads: Int) -> [UInt32] {
        let count = ids.count
        guard count > 1 else { return count == 1 ? [0] : [] }
        let parts = max(1, min(threads, count / 1024))
        let size = (count + parts - 1) / parts
        var runs: [[UInt32]] = Parallel.map(count: parts, threads: parts, chunkSize: 1) { range in
            range.map { part in
                var run = Array(UInt32(part * size)..<UInt32(min(count, (part + 1) * size)))
                run.sort { ids[Int($0)] < ids[Int($1)] }
                return run
            }
        }
        while runs.count > 1 {
            var merged: [[UInt32]] = []
            var index = 0
            while index < runs.count {
                guard index + 1 < runs.count else {
                    merged.append(runs[index])
                    break
                }
                let left = runs[index], right = runs[index + 1]
                var out: [UInt32] = []
                out.reserveCapacity(left.count + right.count)
                var i = 0, j = 0
                while i < left.count && j < right.count {
                    if ids[Int(right[j])] < ids[Int(left[i])] {
                        out.append(right[j])
                        j += 1
                    } else {
                        out.append(left[i])
                        i += 1
                    }
                }
                out.append(contentsOf: left[i...])
                out.append(contentsOf: right[j...])
                merged.append(out)
                index += 2
            }
            runs = merged
        }
        return runs[0]
    }
}

/// One chunk of documents cut into (term, document, position) occurrences, in document and position order.
struct ChunkTokens: Sendable {
    var terms = TermTable(capacity: 1 << 15)
    var occurrenceTerms: [UInt32] = []
    /// Document number << 32 | position.
    var occurrences: [UInt64] = []
    var symbols = TermTable(capacity: 1 << 10)
    var symbolTerms: [UInt32] = []
    var symbolDocuments: [UInt32] = []

    init(_ documents: [SearchDocument], _ range: Range<Int>) {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        occurrenceTerms.reserveCapacity(range.count * 120)
        occurrences.reserveCapacity(range.count * 120)
        for number in range {
            let document = documents[number]
            let high = UInt64(number) << 32
            for (field, text) in [(UInt8(0), document.title), (1, document.abstract), (2, document.claims), (3, document.description)]
            where !text.isEmpty {
                add(text, field: field, base: 0, high: high, scratch: &scratch)
            }
            var base = 0
            for applicant in document.applicants {
                base = add(applicant, field: 4, base: base, high: high, scratch: &scratch) + SearchIndex.applicantGap
            }
            for text in document.classifications {
                guard let symbol = try? ClassificationSymbol(parsing: text) else { continue }
                let key = ClassificationPattern.key(symbol)
                let id = key.withUnsafeBufferPointer { symbols.intern(0xFF, $0) }
                symbolTerms.append(id)
                symbolDocuments.append(UInt32(number))
            }
        }
    }

    /// Adds a text's words from position `base`; returns the position after the last word.
    @discardableResult
    mutating func add(_ text: String, field: UInt8, base: Int, high: UInt64, scratch: inout [UInt8]) -> Int {
        var text = text
        var next = base
        text.withUTF8 { bytes in
            Tokenizer.forEachWord(in: bytes, scratch: &scratch) { word, position in
                let at = base + position
                guard at < SearchIndex.positionLimit else { return }
                occurrenceTerms.append(terms.intern(field, word))
                occurrences.append(high | UInt64(at))
                next = at + 1
            }
        }
        return next
    }
}

/// One chunk's postings, encoded term by term in global term order.
struct ChunkPostings: Sendable {
    struct Piece: Sendable {
        var rank: UInt32
        var documentStart: Int
        var documentEnd: Int
        var positionStart: Int
        var positionEnd: Int
        var firstDocument: UInt32
        var lastDocument: UInt32
        var documentCount: UInt32
    }

    var documents: [UInt8] = []
    var positions: [UInt8] = []
    var pieces: [Piece] = []

    /// Groups occurrences by term (a stable counting sort, so documents and positions stay in order) and
    /// writes each term's documents (gap, positions' byte length) and positions (gaps).
    init(termIDs: [UInt32], occurrences: [UInt64], ranks: [UInt32], positional: Bool) {
        let termCount = ranks.count
        var starts = [Int](repeating: 0, count: termCount + 1)
        for id in termIDs { starts[Int(id) + 1] += 1 }
        for index in 0..<termCount { starts[index + 1] += starts[index] }
        var sorted = [UInt64](repeating: 0, count: occurrences.count)
        var fill = starts
        for (index, id) in termIDs.enumerated() {
            sorted[fill[Int(id)]] = occurrences[index]
            fill[Int(id)] += 1
        }
        let byRank = (0..<termCount).map { UInt64(ranks[$0]) << 32 | UInt64($0) }.sorted()
        documents.reserveCapacity(occurrences.count / 2)
        positions.reserveCapacity(positional ? occurrences.count + occurrences.count / 4 : 0)
        pieces.reserveCapacity(termCount)
        var scratch: [UInt8] = []
        for entry in byRank {
            let id = Int(entry & 0xFFFF_FFFF)
            var index = starts[id]
            let end = starts[id + 1]
            guard index < end else { continue }
            var piece = Piece(
                rank: UInt32(entry >> 32), documentStart: documents.count, documentEnd: 0,
                positionStart: positions.count, positionEnd: 0, firstDocument: UInt32(sorted[index] >> 32),
                lastDocument: 0, documentCount: 0)
            var previousDocument: UInt32 = 0
            while index < end {
                let document = UInt32(sorted[index] >> 32)
                scratch.removeAll(keepingCapacity: true)
                var previousPosition: UInt32 = 0
                var first = true
                while index < end, UInt32(sorted[index] >> 32) == document {
                    let position = UInt32(truncatingIfNeeded: sorted[index])
                    if positional {
                        if first || position != previousPosition {
                            Varint.append(first ? position : position - previousPosition, to: &scratch)
                        }
                    }
                    previousPosition = position
                    first = false
                    index += 1
                }
                Varint.append(piece.documentCount == 0 ? document : document - previousDocument, to: &documents)
                if positional {
                    Varint.append(UInt32(scratch.count), to: &documents)
                    positions.append(contentsOf: scratch)
                }
                previousDocument = document
                piece.documentCount += 1
            }
            piece.lastDocument = previousDocument
            piece.documentEnd = documents.count
            piece.positionEnd = positions.count
            pieces.append(piece)
        }
    }
}
