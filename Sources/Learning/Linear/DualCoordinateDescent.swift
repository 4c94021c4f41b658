/// Solves one binary L2-regularised linear SVM by dual coordinate descent with shrinking
/// (Hsieh et al., ICML 2008; the algorithm of LIBLINEAR's solvers 1 and 3).
///
/// One instance owns reusable scratch buffers sized to the feature space, so a thread can train
/// thousands of binary problems (one-vs-rest labels, label-tree nodes) without reallocating;
/// only the weights it touched are reset between problems.
///
/// Complexity per outer iteration: O(nonzeros of the active rows).
final class DualCoordinateDescent {
    let featureCount: Int
    /// Dense weights; index `featureCount` is the bias weight.
    private var weights: [Float]
    private var touched: [Bool]
    private var touchedList: [Int32] = []
    /// Dual variables of the last problem, by position in its `rows`.
    private(set) var alpha: [Float] = []
    private var order: [Int32] = []
    private var diagonal: [Float] = []

    init(featureCount: Int) {
        self.featureCount = featureCount
        weights = [Float](repeating: 0, count: featureCount + 1)
        touched = [Bool](repeating: false, count: featureCount + 1)
    }

    /// Trains on `rows` of `matrix`; `positive[k]` says whether `rows[k]` is a positive example.
    /// Returns the weights above the prune threshold (sorted by feature) and the bias weight.
    func train(
        matrix: SparseMatrix, squaredNorms: [Float], rows: [Int32], positive: [Bool],
        parameters: LinearParameters, seed: UInt64
    ) -> (weights: SparseWeightVector, iterations: Int) {
        let count = rows.count
        precondition(positive.count == count)
        alpha = [Float](repeating: 0, count: count)
        order = (0..<Int32(count)).map { $0 }
        diagonal = [Float](repeating: 0, count: count)
        let bias = parameters.bias
        var upper = [Float](repeating: 0, count: 2)
        var diagonalByClass = [Float](repeating: 0, count: 2)
        for (cls, weight) in [(0, Float(1)), (1, parameters.positiveWeight)] {
            let cost = parameters.cost * weight
            switch parameters.loss {
            case .squaredHinge:
                diagonalByClass[cls] = 0.5 / cost
                upper[cls] = .infinity
            case .hinge:
                diagonalByClass[cls] = 0
                upper[cls] = cost
            }
        }
        var rng = SplitMix64(seed: seed)
        var iterations = 0
        matrix.rowOffsets.withUnsafeBufferPointer { offsets in
        matrix.columns.withUnsafeBufferPointer { columns in
        matrix.values.withUnsafeBufferPointer { values in
        weights.withUnsafeMutableBufferPointer { w in
        alpha.withUnsafeMutableBufferPointer { alpha in
        order.withUnsafeMutableBufferPointer { order in
        diagonal.withUnsafeMutableBufferPointer { qd in
        rows.withUnsafeBufferPointer { rows in
        positive.withUnsafeBufferPointer { positive in
            let diagonalByClass = (diagonalByClass[0], diagonalByClass[1])
            let upper = (upper[0], upper[1])
            for k in 0..<count {
                let row = Int(rows[k])
                qd[k] = (positive[k] ? diagonalByClass.1 : diagonalByClass.0) + squaredNorms[row] + bias * bias
            }
            var activeSize = count
            var maxOld = Float.infinity
            var minOld = -Float.infinity
            while iterations < parameters.maxIterations {
                iterations += 1
                var maxNew = -Float.infinity
                var minNew = Float.infinity
                // Random order of the active set, as LIBLINEAR does.
                if activeSize > 1 {
                    for s in 0..<(activeSize - 1) {
                        let j = s + Int(rng.next() % UInt64(activeSize - s))
                        order.swapAt(s, j)
                    }
                }
                var s = 0
                while s < activeSize {
                    let k = Int(order[s])
                    let row = Int(rows[k])
                    let isPositive = positive[k]
                    let y: Float = isPositive ? 1 : -1
                    let diagonalTerm = isPositive ? diagonalByClass.1 : diagonalByClass.0
                    let start = offsets[row]
                    let end = offsets[row + 1]
                    var dot: Float = w[featureCount] * bias
                    for p in start..<end { dot += w[Int(columns[p])] * values[p] }
                    let gradient = y * dot - 1 + alpha[k] * diagonalTerm
                    var projected: Float = 0
                    let bound = isPositive ? upper.1 : upper.0
                    if alpha[k] == 0 {
                        if gradient > maxOld {
                            activeSize -= 1
                            order.swapAt(s, activeSize)
                            continue
                        } else if gradient < 0 {
                            projected = gradient
                        }
                    } else if alpha[k] == bound {
                        if gradient < minOld {
                            activeSize -= 1
                            order.swapAt(s, activeSize)
                            continue
                        } else if gradient > 0 {
                            projected = gradient
                        }
                    } else {
                        projected = gradient
                    }
                    maxNew = max(maxNew, projected)
                    minNew = min(minNew, projected)
                    if abs(projected) > 1e-12 {
                        let old = alpha[k]
                        alpha[k] = min(max(old - gradient / qd[k], 0), bound)
                        let step = (alpha[k] - old) * y
                        if step != 0 {
                            for p in start..<end { w[Int(columns[p])] += step * values[p] }
                            w[featureCount] += step * bias
                        }
                    }
                    s += 1
                }
                if maxNew - minNew <= parameters.tolerance {
                    if activeSize == count { break }
                    // Converged on the shrunk set: check once more on everything.
                    activeSize = count
                    maxOld = .infinity
                    minOld = -.infinity
                    continue
                }
                maxOld = maxNew <= 0 ? .infinity : maxNew
                minOld = minNew >= 0 ? -.infinity : minNew
            }
            // w = Σ αᵢyᵢxᵢ: only features of support vectors can be non-zero.
            for k in 0..<count where alpha[k] != 0 {
                let row = Int(rows[k])
                for p in offsets[row]..<offsets[row + 1] {
                    let column = Int(columns[p])
                    if !touched[column] {
                        touched[column] = true
                        touchedList.append(Int32(column))
                    }
                }
            }
        }}}}}}}}}
        touchedList.sort()
        var indices: [Int32] = []
        var kept: [Float] = []
        for column in touchedList {
            let value = weights[Int(column)]
            if abs(value) >= parameters.pruneThreshold && value != 0 {
                indices.append(column)
                kept.append(value)
            }
            weights[Int(column)] = 0
            touched[Int(column)] = false
        }
        touchedList.removeAll(keepingCapacity: true)
        let biasWeight = weights[featureCount] * bias
        weights[featureCount] = 0
        return (SparseWeightVector(indices: indices, values: kept, bias: biasWeight), iterations)
    }
}

extension DualCoordinateDescent {
    /// How much row `k` of the last problem raised its own margin: αₖ·yₖ·(‖xₖ‖² + bias²).
    /// Subtracting it from the trained model's score approximates the score the model would give
    /// had the row been left out of training (the leave-one-out estimate of Jaakkola & Haussler),
    /// which lets IPAI calibrate confidences without training a second model.
    func selfInfluence(position k: Int, isPositive: Bool, squaredNorm: Float, bias: Float) -> Float {
        let a = alpha[k]
        guard a != 0 else { return 0 }
        return (isPositive ? a : -a) * (squaredNorm + bias * bias)
    }
}

/// A trained binary linear model: sparse weights and the bias term (already multiplied by the bias feature value).
struct SparseWeightVector: Sendable {
    var indices: [Int32]
    var values: [Float]
    var bias: Float
}
