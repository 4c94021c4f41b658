import Foundation

/// The terms a model knows, each with a dense `Int32` index, and how many training documents
/// contained it.
///
/// Indices follow the terms' UTF-8 byte order, so the same corpus and options always give the
/// same indices, however many cores did the counting.
///
/// ```swift
/// let vocabulary = Vocabulary(fitting: [["brake", "disc"], ["brake", "pad"]])
/// vocabulary.index(of: "brake")                   // 0
/// vocabulary.documentFrequency(at: 0)             // 2
/// vocabulary.term(at: 2)                          // "pad"
/// ```
public struct Vocabulary: Sendable {
    var table: TermTable
    /// Number of training documents containing each term, by index.
    public let documentFrequencies: [Int32]
    /// Number of documents the vocabulary was fitted on.
    public let documentCount: Int
    /// Mean number of terms per training document (all terms the analyser produced, before
    /// filtering), used by BM25's length normalisation.
    public let averageDocumentLength: Double

    /// Number of terms.
    public var count: Int { table.count }

    /// Fits a vocabulary on documents given as term lists (for example from ``Analyzer/terms(in:language:)``).
    ///
    /// - Parameters:
    ///   - documents: one term list per document; repeats within a document count once.
    ///   - options: which terms to keep.
    /// - Complexity: O(total number of terms + *v* log *v*) for *v* distinct terms.
    public init(fitting documents: some Sequence<[String]>, options: VocabularyOptions = VocabularyOptions()) {
        var counter = DocumentFrequencyCounter()
        for document in documents {
            counter.beginDocument()
            for var term in document {
                term.withUTF8 { counter.add(UnsafeRawBufferPointer($0)) }
            }
        }
        self.init(counter: counter, options: options)
    }

    /// Selects the terms `options` keep from merged counts.
    init(counter: DocumentFrequencyCounter, options: VocabularyOptions) {
        let documents = counter.documentCount
        let maximum = options.maxDocumentFrequencyRatio >= 1
            ? Int.max : Int((options.maxDocumentFrequencyRatio * Double(documents)).rounded(.down))
        let minimum = max(options.minDocumentFrequency, 1)
        let source = counter.table
        var kept = (0..<source.count).filter {
            let frequency = Int(counter.frequencies[$0])
            return frequency >= minimum && frequency <= maximum
        }
        source.arena.withUnsafeBytes { arena in
            func less(_ a: Int, _ b: Int) -> Bool {
                let left = source.range(of: a)
                let right = source.range(of: b)
                let common = min(left.count, right.count)
                if common > 0 {
                    let order = memcmp(arena.baseAddress! + left.lowerBound, arena.baseAddress! + right.lowerBound, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
            if let limit = options.maxFeatures, limit >= 0, kept.count > limit {
                kept.sort { a, b in
                    let fa = counter.frequencies[a]
                    let fb = counter.frequencies[b]
                    return fa != fb ? fa > fb : less(a, b)
                }
                kept.removeSubrange(limit...)
            }
            kept.sort(by: less)
        }
        var table = TermTable(minimumCapacity: kept.count)
        source.arena.withUnsafeBytes { arena in
            for id in kept { _ = table.insert(UnsafeRawBufferPointer(rebasing: arena[source.range(of: id)])) }
        }
        self.table = table
        documentFrequencies = kept.map { counter.frequencies[$0] }
        documentCount = documents
        averageDocumentLength = documents > 0 ? Double(counter.termCount) / Double(documents) : 0
    }

    /// Restores a vocabulary read from a model file (already validated).
    init(table: TermTable, documentFrequencies: [Int32], documentCount: Int, averageDocumentLength: Double) {
        self.table = table
        self.documentFrequencies = documentFrequencies
        self.documentCount = documentCount
        self.averageDocumentLength = averageDocumentLength
    }

    /// The index of `term`, or `nil` if the vocabulary does not contain it. O(1) expected.
    public func index(of term: String) -> Int32? {
        let id = table.find(term)
        return id >= 0 ? id : nil
    }

    /// The term at `index` (for explaining a model's features). Precondition: `0 <= index < count`.
    public func term(at index: Int32) -> String {
        table.string(at: Int(index))
    }

    /// Number of training documents containing the term at `index`.
    public func documentFrequency(at index: Int32) -> Int {
        Int(documentFrequencies[Int(index)])
    }

    /// All terms in index order. O(*v*): creates a `String` per term.
    public var terms: [String] {
        (0..<count).map { table.string(at: $0) }
    }
}
