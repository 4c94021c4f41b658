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
    ///   - maxDocumentFrequency: features in a larger share of the documents are left out of the
    ///     index. Their posting lists are the longest and, with idf weighting, their weights the
    ///     smallest, so dropping them makes look-ups several times faster while barely moving
    ///     the nearest neighbours (1 keeps every feature).
    public init(documents: SparseMatrix, targets: LabelSets, maxDocumentFrequency: Double = 1) {
        precondition(documents.rowCount == targets.documentCount)
        let limit = Int(maxDocumentFrequency * Double(documents.rowCount))
        var counts = [Int](repeating: 0, count: documents.columnCount)
        for column in documents.columns { counts[Int(column)] += 1 }
        if counts.contains(where: { $0 > limit }) {
            let kept = (0..<documents.rowCount).map { row -> SparseVector in
                var vector = documents.row(row)
                let keep = vector.indices.indices.filter { counts[Int(vector.indices[$0])] <= limit }
                vector = SparseVector(indices: keep.map { vector.indices[$0] }, values: keep.map { vector.values[$0] })
                return vector
            }
            postings = SparseMatrix(rows: kept, columnCount: documents.columnCount).transposed()
        } else {
            postings = documents.transposed()
        }
        self.targets = targets
    }

    public var documentCount: Int { targets.documentCount }

    /// Reusable buffers for look-ups on one thread (one similarity per training document), so a
    /// query does not allocate and clear a buffer the size of the collection.
    public final class Scratch {
        var sums: [Float]
        var touched: [Int32] = []

        public init(documentCount: Int) {
            sums = [Float](repeating: 0, count: documentCount)
        }
    }

    public func makeScratch() -> Scratch { Scratch(documentCount: documentCount) }

    /// The `k` most similar training documents, most similar first.
    /// - Parameters:
    ///   - excluding: a training document to leave out (for leave-one-out scores).
    ///   - scratch: buffers from ``makeScratch()`` to reuse (one per thread); nil allocates.
    public func neighbours(
        of query: SparseVector, k: Int, excluding: Int? = nil, scratch: Scratch? = nil
    ) -> [(document: Int32, similarity: Float)] {
        let scratch = scratch ?? makeScratch()
        var best: [(document: Int32, similarity: Float)] = []
        best.reserveCapacity(k + 1)
        postings.rowOffsets.withUnsafeBufferPointer { offsets in
            postings.columns.withUnsafeBufferPointer { documents in
                postings.values.withUnsafeBufferPointer { values in
                    scratch.sums.withUnsafeMutableBufferPointer { sums in
                        for (feature, weight) in zip(query.indices, query.values) where Int(feature) < postings.rowCount {
                            let f = Int(feature)
                            for p in offsets[f]..<offsets[f + 1] {
                                let document = Int(documents[p])
                                if sums[document] == 0 { scratch.touched.append(Int32(document)) }
                                sums[document] += weight * values[p]
                            }
                        }
                        if let excluding { sums[excluding] = 0 }
                        // Keep the k best in a small sorted array, clearing the sums as we go.
                        for document in scratch.touched {
                            let similarity = sums[Int(document)]
                            sums[Int(document)] = 0
                            guard similarity > 0 else { continue }
                            if best.count == k, let last = best.last,
                               similarity < last.similarity || (similarity == last.similarity && document > last.document) {
                                continue
                            }
                            var position = best.count
                            while position > 0,
                                  best[position - 1].similarity < similarity
                                    || (best[position - 1].similarity == similarity && best[position - 1].document > document) {
                                position -= 1
                            }
                            best.insert((document, similarity), at: position)
                            if best.count > k { best.removeLast() }
                        }
                    }
                }
            }
        }
        scratch.touched.removeAll(keepingCapacity: true)
        return best
    }

    /// Label scores from the `k` nearest neighbours, best first.
    public func labelScores(
        for query: SparseVector, k: Int, power: Float = 1, excluding: Int? = nil, scratch: Scratch? = nil
    ) -> [(label: Int32, score: Float)] {
        let nearest = neighbours(of: query, k: k, excluding: excluding, scratch: scratch)
        var mass: [(label: Int32, score: Float)] = []
        var total: Float = 0
        for (document, similarity) in nearest {
            let weight = power == 1 ? similarity : Float(Foundation.pow(Double(similarity), Double(power)))
            total += weight
            for label in targets.labels(ofDocument: Int(document)) {
                if let index = mass.firstIndex(where: { $0.label == label }) {
                    mass[index].score += weight
                } else {
                    mass.append((label, weight))
                }
            }
        }
        guard total > 0 else { return [] }
        for index in mass.indices { mass[index].score /= total }
        mass.sort { $0.score > $1.score || ($0.score == $1.score && $0.label < $1.label) }
        return mass
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
