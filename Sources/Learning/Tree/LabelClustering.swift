import Core

/// Recursive balanced spherical 2-means over label representations (Parabel's tree-building step).
///
/// A label is represented by the normalised sum of its documents' feature vectors; labels with
/// similar vocabularies end up in the same subtree, so node classifiers separate coherent groups.
enum LabelClustering {
    /// Label representations: for each label, the L2-normalised sum of its training rows.
    static func labelVectors(features: SparseMatrix, targets: LabelSets, threads: Int) -> [SparseVector] {
        Parallel.map(count: targets.labelCount, threads: threads) { range in
            var accumulator = [Float](repeating: 0, count: features.columnCount)
            var touched: [Int32] = []
            var output: [SparseVector] = []
            for label in range {
                for document in targets.documents(withLabel: label) {
                    let row = Int(document)
                    for p in features.rowOffsets[row]..<features.rowOffsets[row + 1] {
                        let column = Int(features.columns[p])
                        if accumulator[column] == 0 { touched.append(Int32(column)) }
                        accumulator[column] += features.values[p]
                    }
                }
                touched.sort()
                var vector = SparseVector(indices: touched, values: touched.map { accumulator[Int($0)] })
                for column in touched { accumulator[Int(column)] = 0 }
                touched.removeAll(keepingCapacity: true)
                vector.normalize()
                output.append(vector)
            }
            return output
        }
    }

    /// Splits `labels` into two halves of equal size (±1) that maximise similarity to their centroids.
    ///
    /// Centroids are dense over the features the member labels use (not the whole feature space),
    /// so deep, small nodes are cheap to split.
    /// - Parameter localIndex: scratch of `featureCount` entries, all -1 on entry and on return.
    static func split(
        _ labels: [Int32], vectors: [SparseVector], localIndex: inout [Int32], tolerance: Float,
        generator: inout SplitMix64
    ) -> ([Int32], [Int32]) {
        precondition(labels.count >= 2)
        // Re-index the member vectors over the union of their features.
        var used: [Int32] = []
        let members: [(indices: [Int32], values: [Float])] = labels.map { label in
            let vector = vectors[Int(label)]
            let local = vector.indices.map { feature -> Int32 in
                if localIndex[Int(feature)] < 0 {
                    localIndex[Int(feature)] = Int32(used.count)
                    used.append(feature)
                }
                return localIndex[Int(feature)]
            }
            return (local, vector.values)
        }
        for feature in used { localIndex[Int(feature)] = -1 }
        let width = used.count

        func similarity(_ member: Int, _ centroid: [Float]) -> Float {
            var sum: Float = 0
            let (indices, values) = members[member]
            for position in indices.indices { sum += values[position] * centroid[Int(indices[position])] }
            return sum
        }
        func centroid(of positions: [Int]) -> [Float] {
            var result = [Float](repeating: 0, count: width)
            for position in positions {
                let (indices, values) = members[position]
                for index in indices.indices { result[Int(indices[index])] += values[index] }
            }
            var norm: Float = 0
            for value in result { norm += value * value }
            norm = norm.squareRoot()
            if norm > 0 { for index in result.indices { result[index] /= norm } }
            return result
        }

        let first = Int(generator.next() % UInt64(labels.count))
        var second = Int(generator.next() % UInt64(labels.count - 1))
        if second >= first { second += 1 }
        var centroids = [centroid(of: [first]), centroid(of: [second])]
        var inSecond = [Bool](repeating: false, count: labels.count)
        var previous = -Float.infinity
        for _ in 0..<50 {
            let scored = labels.indices.map { position in
                (position: position, a: similarity(position, centroids[0]), b: similarity(position, centroids[1]))
            }
            // Balanced assignment: the half most drawn to centroid 0 goes there.
            let ranked = scored.sorted {
                ($0.a - $0.b) > ($1.a - $1.b) || (($0.a - $0.b) == ($1.a - $1.b) && $0.position < $1.position)
            }
            let half = (labels.count + 1) / 2
            var objective: Float = 0
            for (rank, item) in ranked.enumerated() {
                inSecond[item.position] = rank >= half
                objective += rank >= half ? item.b : item.a
            }
            objective /= Float(labels.count)
            centroids = [
                centroid(of: labels.indices.filter { !inSecond[$0] }),
                centroid(of: labels.indices.filter { inSecond[$0] }),
            ]
            if objective - previous < tolerance { break }
            previous = objective
        }
        var left: [Int32] = []
        var right: [Int32] = []
        for position in labels.indices {
            if inSecond[position] { right.append(labels[position]) } else { left.append(labels[position]) }
        }
        return (left, right)
    }
}
