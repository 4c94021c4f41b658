import Core
import Foundation

/// A positional inverted index over patent documents, persisted as one versioned, checksummed binary
/// blob, that evaluates ``PatentQuery`` queries without rescanning text.
///
/// Words are indexed per field (title, abstract, claims, description, applicants) with their positions;
/// the term dictionary is sorted, so a truncated word is a range scan plus a byte-level match. Postings are
/// delta + varint compressed (document gaps and position gaps), with a skip entry every 128 documents in frequent
/// terms so that a word ANDed with a rarer one decodes only the blocks that matter. Classification symbols are exact-value
/// postings keyed by WIPO's 14-character form (a subtree is a key range); years, dates and countries are
/// per-document columns.
///
/// ```swift
/// let index = try SearchIndex(documents: documents)          // parallel build
/// try index.write(to: "ai.ipai-index")
/// let loaded = try SearchIndex(contentsOf: "ai.ipai-index")
/// let hits = try loaded.search("neural 1W network+ AND PY=2015-2019")
/// print(hits.count, hits.map(loaded.documentID))
/// ```
public struct SearchIndex: Sendable {
    // Documents, by number.
    let documentIDs: [String]
    /// Document numbers sorted by id, for ``documentNumber(of:)``.
    let idOrder: [UInt32]
    let publicationYears: [UInt16]
    let priorityYears: [UInt16]
    let publicationDates: [UInt32]
    /// 0 = unknown, else 1 + an index into ``countries``.
    let countryNumbers: [UInt16]
    let countries: [String]

    // Text terms: keys are the field byte followed by the word, sorted bytewise.
    let termBlob: [UInt8]
    let termEnds: [UInt32]
    /// Per term, the start of its document stream in ``documentStream`` (one extra entry: the end).
    let termDocumentStarts: [UInt64]
    /// Per term, the start of its positions in ``positionStream`` (one extra entry: the end).
    let termPositionStarts: [UInt64]
    let termDocumentCounts: [UInt32]
    /// Per document of a term: varint document gap, varint byte length of its positions.
    let documentStream: [UInt8]
    /// Per document of a term: varint first position, then varint gaps.
    let positionStream: [UInt8]

    // Classification symbols: keys in WIPO 14-character form, sorted.
    let symbolBlob: [UInt8]
    let symbolEnds: [UInt32]
    let symbolStarts: [UInt64]
    /// Per symbol: varint document gaps.
    let symbolStream: [UInt8]

    /// Block starts in the postings of frequent terms.
    let skips: SkipTable

    /// The number of documents in the index.
    public var documentCount: Int { documentIDs.count }

    /// The number of distinct (field, word) terms.
    public var termCount: Int { termEnds.count }

    /// The id of document number `number` (0..<documentCount).
    public func documentID(_ number: Int) -> String { documentIDs[number] }

    /// The number of the document with this id, or nil.
    ///
    /// - Complexity: O(log n) string comparisons.
    public func documentNumber(of id: String) -> Int? {
        var low = 0
        var high = idOrder.count
        while low < high {
            let middle = (low + high) / 2
            if documentIDs[Int(idOrder[middle])] < id { low = middle + 1 } else { high = middle }
        }
        guard low < idOrder.count, documentIDs[Int(idOrder[low])] == id else { return nil }
        return Int(idOrder[low])
    }

    /// Every document of the index.
    public var all: DocumentSet { DocumentSet.full(capacity: documentCount) }

    /// The documents matching a query.
    ///
    /// - Complexity: proportional to the postings of the query's words (compressed, decoded once), plus
    ///   position checks on the documents that have every word of a proximity group.
    public func search(_ query: PatentQuery) -> DocumentSet {
        QueryEvaluator(index: self).documents(query.root)
    }

    /// Parses and runs a query.
    ///
    /// - Throws: `IPAIError` with code `query_syntax` (see ``PatentQuery/init(parsing:)``).
    public func search(_ text: String) throws(IPAIError) -> DocumentSet {
        search(try PatentQuery(parsing: text))
    }

    /// The ids of the matching documents, in document-number order.
    public func documentIDs(_ set: DocumentSet) -> [String] { set.map { documentIDs[$0] } }

    /// The key of term `index` as bytes (field byte first).
    @inline(__always)
    func termRange(_ index: Int) -> Range<Int> { (index == 0 ? 0 : Int(termEnds[index - 1]))..<Int(termEnds[index]) }

    @inline(__always)
    func symbolRange(_ index: Int) -> Range<Int> { (index == 0 ? 0 : Int(symbolEnds[index - 1]))..<Int(symbolEnds[index]) }
}
