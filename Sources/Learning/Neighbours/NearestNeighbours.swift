import Foundation
import Core

/// k-nearest-neighbour label scoring over the training documents by cosine similarity.
///
/// Documents are kept as an inverted index (feature → documents), so a query costs the summed
/// posting-list lengths of its own features rather than a scan of the collection.
/// A label's score is the share of the neighbours' similarity mass (each similarity raised to
/// `power`) carried by neighbours with that label, a number in 0...1.
///
/// ```swift
/// let knn = NearestNeighbours(documents: matrix, targets: labels)
/// let ranked = knn.labelScores(for: query, k: 30)   // [(label, score)], best first
/// ```
public struct NearestNeighbours: Sendable {
    /// Feature → (document, weight) postings.
    let postings: SparseMatrix
    public let targets: LabelSets

    /// - Parameters:
    ///   - documents: training rows, L2-normalised so that dot products are cosines.
    ///   - targets: the labels of each row.
    public init(documents: SparseMatrix, targets: LabelSets) {
        precondition(documents.rowCount == targets.documentCount)
        postings = documents.transposed()
        self.targets = targets
    }

    public var documentCount: Int { targets.documentCount }

    /// The `k` most similar training documents, most similar first.
    /// - Parameter excluding: a training document to leave out (for leave-one-out scores).
    public func neighbours(of query: SparseVector, k: Int, excluding: Int? = nil) -> [(document: Int32, similarity: Float)] {
        var accumulator = [Float](repeating: 0, count: documentCount)
        var touched: [Int32] = []
        postings.rowOffsets.withUnsafeBufferPointer { offsets in
            postings.columns.withUnsafeBufferPointer { documents in
                postings.values.withUnsafeBufferPointer { values in
                    accumulator.withUnsafeMutableBufferPointer { sums in
                        for (feature, weight) in zip(query.indices, query.values) where Int(feature) < postings.rowCount {
                            let f = Int(feature)
                            for p in offsets[f]..<offsets[f + 1] {
                                let document = Int(documents[p])
                                if sums[document] == 0 { touched.append(Int32(document)) }
                                sums[document] += weight * values[p]
                            }
                        }
                    }
                }
            }
        }
        if let excluding { accumulator[excluding] = 0 }
        var candidates = touched.compactMap { document -> (document: Int32, similarity: Float)? in
            let similarity = accumulator[Int(document)]
            return similarity > 0 ? (document, similarity) : nil
        }
        if candidates.count > k {
            candidates = Self.selectTop(candidates, k: k)
        }
        candidates.sort { $0.similarity > $1.similarity || ($0.similarity == $1.similarity && $0.document < $1.document) }
        return candidates
    }

    /// Label scores from the `k` nearest neighbours, best first.
    public func labelScores(
        for query: SparseVector, k: Int, power: Float = 1, excluding: Int? = nil
    ) -> [(label: Int32, score: Float)] {
        let nearest = neighbours(of: query, k: k, excluding: excluding)
        var mass: [Int32: Float] = [:]
        var total: Float = 0
        for (document, similarity) in nearest {
            let weight = power == 1 ? similarity : Float(Foundation.pow(Double(similarity), Double(power)))
            total += weight
            for label in targets.labels(ofDocument: Int(document)) { mass[label, default: 0] += weight }
        }
        guard total > 0 else { return [] }
        return mass.map { ($0.key, $0.value / total) }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.label < $1.label) }
    }

    /// Keeps the k largest similarities (unordered) by quickselect. Complexity: O(n) expected.
    private static func selectTop(_ items: [(document: Int32, similarity: Float)], k: Int) -> [(document: Int32, similarity: Float)] {
        var items = items
        var low = 0
        var high = items.count - 1
        var generator = SplitMix64(seed: UInt64(items.count))
        while low < high {
            let pivot = items[low + Int(generator.next() % UInt64(high - low + 1))].similarity
            var i = low
            var j = high
            while i <= j {
                while items[i].similarity > pivot { i += 1 }
                while items[j].similarity < pivot { j -= 1 }
                if i <= j {
                    items.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k - 1 <= j { high = j } else if k - 1 >= i { low = i } else { break }
        }
        return Array(items.prefix(k))
    }

    public func encode(to writer: inout BinaryWriter) {
        postings.encode(to: &writer)
        targets.encode(to: &writer)
    }

    public init(from reader: inout BinaryReader) throws(IPAIError) {
        postings = try SparseMatrix(from: &reader)
        targets = try LabelSets(from: &reader)
        guard postings.columnCount == targets.documentCount else {
            throw reader.corrupt("neighbour index and labels disagree on the number of documents")
        }
    }
}
