import Core

/// A collection that grows: several ``SearchIndex`` segments searched as one, with deleted or replaced documents
/// kept as tombstones, so adding documents indexes only the new ones.
///
/// Document numbers are global: segment `k`'s documents start at a multiple of 64 (its *base*), so a query's
/// per-segment bitsets are placed side by side without shifting bits. Numbers between two segments are never used.
/// Each segment persists on its own (``SearchIndex/bytes``); persist ``tombstones`` beside them.
///
/// ```swift
/// var collection = SearchCollection()
/// try collection.add(firstBatch)
/// try collection.add(secondBatch)            // a new segment; an id seen before replaces the old document
/// collection.delete(["US123"])
/// let hits = try collection.search("neural 1W network+")
/// print(hits.count, hits.map { collection.documentID($0)! })
/// // later: SearchCollection(segments: storedSegments, tombstones: storedTombstones)
/// ```
public struct SearchCollection: Sendable {
    /// The segments, oldest first.
    public private(set) var segments: [SearchIndex]
    /// The global number of each segment's first document.
    public private(set) var bases: [Int]
    var deleted: DocumentSet

    /// A collection of existing segments (oldest first) and the global numbers of deleted documents.
    public init(segments: [SearchIndex] = [], tombstones: [Int] = []) {
        self.segments = segments
        var bases: [Int] = []
        var next = 0
        for segment in segments {
            bases.append(next)
            next = Self.aligned(next + segment.documentCount)
        }
        self.bases = bases
        deleted = DocumentSet(capacity: next)
        for number in tombstones { deleted.insert(number) }
    }

    static func aligned(_ number: Int) -> Int { (number + 63) & ~63 }

    /// The size of the global number space (every segment, padding included).
    public var capacity: Int {
        guard let last = segments.last else { return 0 }
        return Self.aligned(bases[bases.count - 1] + last.documentCount)
    }

    /// The number of live (not deleted) documents.
    public var count: Int { segments.reduce(0) { $0 + $1.documentCount } - deleted.count }

    /// The global numbers of deleted and replaced documents, ascending: persist them with the segments.
    public var tombstones: [Int] { deleted.numbers }

    /// Indexes documents as a new segment. A document whose id is already live in the collection replaces it.
    ///
    /// - Throws: as ``SearchIndex/init(documents:threads:progress:)`` (duplicate ids within the batch, cancelled).
    public mutating func add(
        _ documents: [SearchDocument], threads: Int = Parallel.defaultThreadCount, progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) {
        guard !documents.isEmpty else { return }
        let segment = try SearchIndex(documents: documents, threads: threads, progress: progress)
        var replaced: [Int] = []
        for document in documents {
            if let old = documentNumber(of: document.id) { replaced.append(old) }
        }
        let base = capacity
        segments.append(segment)
        bases.append(base)
        var grown = DocumentSet(capacity: capacity)
        grown.words.replaceSubrange(0..<deleted.words.count, with: deleted.words)
        for number in replaced { grown.insert(number) }
        deleted = grown
    }

    /// Marks documents as deleted; returns how many live documents it removed.
    @discardableResult
    public mutating func delete(_ ids: some Sequence<String>) -> Int {
        var removed = 0
        for id in ids {
            while let number = documentNumber(of: id) {
                deleted.insert(number)
                removed += 1
            }
        }
        return removed
    }

    /// The id of a global document number, or nil for padding or an out-of-range number (deleted ones keep their id).
    public func documentID(_ number: Int) -> String? {
        guard let (segment, local) = locate(number) else { return nil }
        return segments[segment].documentID(local)
    }

    /// The global number of the live document with this id, or nil.
    public func documentNumber(of id: String) -> Int? {
        for segment in segments.indices.reversed() {
            if let local = segments[segment].documentNumber(of: id) {
                let number = bases[segment] + local
                if !deleted.contains(number) { return number }
            }
        }
        return nil
    }

    /// Whether a global number is a live document.
    public func isLive(_ number: Int) -> Bool { locate(number) != nil && !deleted.contains(number) }

    /// The live documents matching a query, as global numbers.
    public func search(_ query: PatentQuery) -> DocumentSet {
        var result = DocumentSet(capacity: capacity)
        for (segment, index) in segments.enumerated() {
            let part = index.search(query)
            let offset = bases[segment] >> 6
            result.words.replaceSubrange(offset..<(offset + part.words.count), with: part.words)
        }
        return result.subtracting(deleted)
    }

    /// Parses and runs a query. - Throws: `query_syntax`.
    public func search(_ text: String) throws(IPAIError) -> DocumentSet {
        search(try PatentQuery(parsing: text))
    }

    /// Every live document.
    public var all: DocumentSet {
        var result = DocumentSet(capacity: capacity)
        for (segment, index) in segments.enumerated() {
            let part = index.all
            let offset = bases[segment] >> 6
            result.words.replaceSubrange(offset..<(offset + part.words.count), with: part.words)
        }
        return result.subtracting(deleted)
    }

    func locate(_ number: Int) -> (Int, Int)? {
        guard number >= 0 else { return nil }
        var low = 0
        var high = bases.count
        while low < high {
            let middle = (low + high) / 2
            if bases[middle] <= number { low = middle + 1 } else { high = middle }
        }
        let segment = low - 1
        guard segment >= 0 else { return nil }
        let local = number - bases[segment]
        return local < segments[segment].documentCount ? (segment, local) : nil
    }
}
