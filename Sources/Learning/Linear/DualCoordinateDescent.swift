/// Solves up to eight binary L2-regularised linear SVMs on the same rows at once, by dual
/// coordinate descent with shrinking (Hsieh et al., ICML 2008; LIBLINEAR's solvers 1 and 3),
/// one SIMD lane per problem, over a growing working set of rows.
///
/// Two things make one-vs-rest training over hundreds of labels fast:
/// - **Eight problems per pass.** The cost of coordinate descent is gathering the weights of
///   each row's features; storing eight problems' weights side by side (one `SIMD8<Float>` per
///   feature) makes one memory access serve all eight.
/// - **A working set.** A label's solution depends only on its support vectors, usually a few
///   hundred of thousands of rows. Training starts on the positives and the negatives most
///   similar to them (one screening pass), then one pass over all rows checks the optimality
///   conditions and adds every violating row; this repeats until none violates. The result is
///   the optimum over all rows (to the solver's tolerance), at a few passes over the data
///   instead of a dozen.
///
/// Each lane follows LIBLINEAR's updates, stopping rule and shrinking within the working set.
/// One instance owns scratch buffers sized to the feature space, so a thread can train
/// thousands of problems without reallocating; only touched weights are reset between calls.
final class DualCoordinateDescent {
    static let width = 8
    typealias Lanes = SIMD8<Float>

    let featureCount: Int
    /// Weights by feature, one lane per problem; index `featureCount` holds the bias weights.
    private var weights: [Lanes]
    private var touched: [Bool]
    private var touchedList: [Int32] = []

    /// Below this many rows, all rows form the working set from the start.
    static let workingSetThreshold = 2_000

    init(featureCount: Int) {
        self.featureCount = featureCount
        weights = [Lanes](repeating: .zero, count: featureCount + 1)
        touched = [Bool](repeating: false, count: featureCount + 1)
    }

    /// Trains `positives.count` (1...8) problems on `rows` of `matrix`: in problem `m`, row
    /// `rows[k]` is positive when `positives[m][k]`.
    ///
    /// - Parameter heldOut: positions (in `rows`) to hold out first: the problems are solved
    ///   without them, their margins recorded (genuine held-out scores, for calibration), and the
    ///   solution then extended to all rows from that warm start, which costs far less than a
    ///   second training.
    /// - Returns: each problem's weights above the prune threshold (sorted by feature) and bias,
    ///   and the held-out rows' margins (one lane per problem), in the order of `heldOut`.
    func train(
        matrix: SparseMatrix, squaredNorms: [Float], rows: [Int32], positives: [[Bool]],
        parameters: LinearParameters, seed: UInt64, heldOut: [Int] = []
    ) -> (vectors: [SparseWeightVector], heldOutMargins: [Lanes]) {
        let models = positives.count
        precondition((1...Self.width).contains(models))
        let count = rows.count
        var masks = [UInt8](repeating: 0, count: count)
        for (model, flags) in positives.enumerated() {
            precondition(flags.count == count)
            for k in 0..<count where flags[k] { masks[k] |= 1 << model }
        }
        var alpha = [Lanes](repeating: .zero, count: count)
        let problem = Problem(
            matrix: matrix, rows: rows, squaredNorms: squaredNorms, masks: masks, models: models,
            parameters: parameters)
        var generator = SplitMix64(seed: seed)
        var heldOutMargins: [Lanes] = []
        weights.withUnsafeMutableBufferPointer { w in
            alpha.withUnsafeMutableBufferPointer { alpha in
                // Rows that may enter the working set; held-out rows only in the second phase.
                var eligible = [Bool](repeating: true, count: count)
                for k in heldOut { eligible[k] = false }
                var inSet: [Bool]
                if count <= Self.workingSetThreshold {
                    inSet = eligible
                } else {
                    inSet = problem.screen(w: w)
                    for k in heldOut { inSet[k] = false }
                }
                var working = inSet.indices.filter { inSet[$0] }.map { Int32($0) }
                func solve() {
                    while true {
                        problem.descend(positions: working, w: w, alpha: alpha, generator: &generator)
                        let added = problem.violators(outside: inSet, eligible: eligible, w: w)
                        if added.isEmpty { return }
                        for k in added { inSet[Int(k)] = true }
                        working += added
                    }
                }
                solve()
                if !heldOut.isEmpty {
                    heldOutMargins = heldOut.map { problem.margins(of: $0, w: w) }
                    eligible = [Bool](repeating: true, count: count)
                    solve()
                }
                // w = Σ αᵢyᵢxᵢ: only features of rows with some non-zero α can be non-zero.
                for k in 0..<count where alpha[k] != .zero {
                    problem.forEachEntry(of: k) { column, _ in
                        if !touched[column] {
                            touched[column] = true
                            touchedList.append(Int32(column))
                        }
                    }
                }
            }
        }
        touchedList.sort()
        var indices = [[Int32]](repeating: [], count: models)
        var kept = [[Float]](repeating: [], count: models)
        let threshold = parameters.pruneThreshold
        for column in touchedList {
            let lanes = weights[Int(column)]
            for model in 0..<models {
                let value = lanes[model]
                if value != 0 && abs(value) >= threshold {
                    indices[model].append(column)
                    kept[model].append(value)
                }
            }
            weights[Int(column)] = .zero
            touched[Int(column)] = false
        }
        touchedList.removeAll(keepingCapacity: true)
        let biasWeights = weights[featureCount] * parameters.bias
        weights[featureCount] = .zero
        let vectors = (0..<models).map { SparseWeightVector(indices: indices[$0], values: kept[$0], bias: biasWeights[$0]) }
        return (vectors, heldOutMargins)
    }
}

/// The per-call constants of a block of binary problems and the passes over its rows.
private struct Problem {
    typealias Lanes = DualCoordinateDescent.Lanes

    let matrix: SparseMatrix
    let rows: [Int32]
    let models: Int
    let parameters: LinearParameters
    let bias: Float
    let featureCount: Int
    /// Per row: ±1 per lane, the loss's diagonal term and upper bound per lane, and ‖x‖² + bias².
    let signs: [Lanes]
    let diagonals: [Lanes]
    let uppers: [Lanes]
    let kernel: [Float]
    let masks: [UInt8]
    let allLanes: UInt8

    init(
        matrix: SparseMatrix, rows: [Int32], squaredNorms: [Float], masks: [UInt8], models: Int,
        parameters: LinearParameters
    ) {
        self.matrix = matrix
        self.rows = rows
        self.models = models
        self.parameters = parameters
        self.masks = masks
        bias = parameters.bias
        featureCount = matrix.columnCount
        allLanes = models == 8 ? 0xFF : UInt8((1 << models) - 1)
        func lossTerms(weight: Float) -> (diagonal: Float, upper: Float) {
            let cost = parameters.cost * weight
            switch parameters.loss {
            case .squaredHinge: return (0.5 / cost, .infinity)
            case .hinge: return (0, cost)
            }
        }
        let negative = lossTerms(weight: 1)
        let positive = lossTerms(weight: parameters.positiveWeight)
        var signs = [Lanes](repeating: Lanes(repeating: -1), count: rows.count)
        var diagonals = [Lanes](repeating: Lanes(repeating: negative.diagonal), count: rows.count)
        var uppers = [Lanes](repeating: Lanes(repeating: negative.upper), count: rows.count)
        var kernel = [Float](repeating: 0, count: rows.count)
        for k in rows.indices {
            let mask = masks[k]
            if mask != 0 {
                for lane in 0..<models where mask & (1 << lane) != 0 {
                    signs[k][lane] = 1
                    diagonals[k][lane] = positive.diagonal
                    uppers[k][lane] = positive.upper
                }
            }
            kernel[k] = squaredNorms[Int(rows[k])] + parameters.bias * parameters.bias
        }
        self.signs = signs
        self.diagonals = diagonals
        self.uppers = uppers
        self.kernel = kernel
    }

    @inline(__always)
    func forEachEntry(of k: Int, _ body: (Int, Float) -> Void) {
        let row = Int(rows[k])
        for p in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
            body(Int(matrix.columns[p]), matrix.values[p])
        }
    }

    /// wᵀx for every lane (bias included).
    @inline(__always)
    func margins(of k: Int, w: UnsafeMutableBufferPointer<Lanes>) -> Lanes {
        var dot = w[featureCount] * bias
        let row = Int(rows[k])
        matrix.columns.withUnsafeBufferPointer { columns in
            matrix.values.withUnsafeBufferPointer { values in
                for p in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
                    dot += w[Int(columns[p])] * values[p]
                }
            }
        }
        return dot
    }

    /// The first working set: every positive row, and per lane the negatives most similar to the
    /// lane's positives (by the dot product with their centroid), four per positive, at least 400.
    /// Leaves `w` zero.
    func screen(w: UnsafeMutableBufferPointer<Lanes>) -> [Bool] {
        var inSet = masks.map { $0 != 0 }
        var positiveCounts = [Int](repeating: 0, count: models)
        var columnsUsed: [Int] = []
        for k in rows.indices where masks[k] != 0 {
            var lanes = Lanes.zero
            for lane in 0..<models where masks[k] & (1 << lane) != 0 {
                lanes[lane] = 1
                positiveCounts[lane] += 1
            }
            forEachEntry(of: k) { column, value in
                if w[column] == .zero { columnsUsed.append(column) }
                w[column] += lanes * value
            }
        }
        var similarities = [[(similarity: Float, position: Int32)]](repeating: [], count: models)
        for k in rows.indices where masks[k] != allLanes {
            let dot = margins(of: k, w: w)
            for lane in 0..<models where masks[k] & (1 << lane) == 0 && dot[lane] > 0 {
                similarities[lane].append((dot[lane], Int32(k)))
            }
        }
        for column in columnsUsed { w[column] = .zero }
        for lane in 0..<models {
            let quota = max(400, 4 * positiveCounts[lane])
            var candidates = similarities[lane]
            if candidates.count > quota {
                candidates.sort { $0.similarity > $1.similarity }
                candidates.removeLast(candidates.count - quota)
            }
            for candidate in candidates { inSet[Int(candidate.position)] = true }
        }
        // A spread of ordinary negatives too, so the first solution's bias is not far off and
        // the check over all rows finds fewer violators.
        let spacing = max(1, rows.count / 1000)
        for k in Swift.stride(from: 0, to: rows.count, by: spacing) { inSet[k] = true }
        return inSet
    }

    /// Eligible rows outside the working set that violate a lane's optimality conditions (with
    /// α = 0, a row must have yᵢwᵀxᵢ ≥ 1, up to the tolerance).
    func violators(outside inSet: [Bool], eligible: [Bool], w: UnsafeMutableBufferPointer<Lanes>) -> [Int32] {
        var added: [Int32] = []
        let limit = -parameters.tolerance / 2
        for k in rows.indices where !inSet[k] && eligible[k] {
            let gradient = signs[k] * margins(of: k, w: w) - 1
            if any(gradient .< Lanes(repeating: limit)) {
                // Only lanes in use count.
                for lane in 0..<models where gradient[lane] < limit {
                    added.append(Int32(k))
                    break
                }
            }
        }
        return added
    }

    /// Dual coordinate descent with shrinking over the rows at `positions`, from the current α and w.
    ///
    /// All eight lanes are updated with vector operations; per-lane state (active rows, the
    /// projected-gradient bounds of LIBLINEAR's shrinking) is kept as lane masks and vectors.
    func descend(
        positions: [Int32], w: UnsafeMutableBufferPointer<Lanes>, alpha: UnsafeMutableBufferPointer<Lanes>,
        generator: inout SplitMix64
    ) {
        typealias Mask = SIMDMask<SIMD8<Int32>>
        let count = positions.count
        let laneBits = SIMD8<UInt8>(1, 2, 4, 8, 16, 32, 64, 128)
        @inline(__always) func mask(_ bits: UInt8) -> Mask {
            SIMD8<Int32>(truncatingIfNeeded: SIMD8<UInt8>(repeating: bits) & laneBits) .!= 0
        }
        @inline(__always) func bits(_ mask: Mask) -> UInt8 {
            var result: UInt8 = 0
            for lane in 0..<8 where mask[lane] { result |= 1 << lane }
            return result
        }
        var activeLanes = [UInt8](repeating: allLanes, count: count)
        var activeCounts = SIMD8<Int32>(repeating: Int32(count))
        var order = (0..<Int32(count)).map { $0 }
        var orderCount = count
        let infinity = Lanes(repeating: .infinity)
        var maxOld = infinity
        var minOld = -infinity
        var running = allLanes
        // Lanes that converged on their shrunk rows and wait for one check over all rows; the
        // check is done for all waiting lanes together so that the rows are read once.
        var waiting: UInt8 = 0
        var iterations = 0
        let tiny = Lanes(repeating: 1e-12)
        matrix.rowOffsets.withUnsafeBufferPointer { offsets in
        matrix.columns.withUnsafeBufferPointer { columns in
        matrix.values.withUnsafeBufferPointer { values in
        signs.withUnsafeBufferPointer { signs in
        diagonals.withUnsafeBufferPointer { diagonals in
        uppers.withUnsafeBufferPointer { uppers in
        kernel.withUnsafeBufferPointer { kernel in
        activeLanes.withUnsafeMutableBufferPointer { activeLanes in
        order.withUnsafeMutableBufferPointer { order in
            while running != 0 && iterations < parameters.maxIterations {
                iterations += 1
                let moving = running & ~waiting
                let visiting = moving == 0 ? waiting : moving
                var maxNew = -infinity
                var minNew = infinity
                if orderCount > 1 {
                    for s in 0..<(orderCount - 1) {
                        order.swapAt(s, s + Int(generator.next() % UInt64(orderCount - s)))
                    }
                }
                var shrunkCounts = SIMD8<Int32>.zero
                var s = 0
                while s < orderCount {
                    let position = Int(order[s])
                    let lanes = activeLanes[position] & visiting
                    if lanes == 0 {
                        if activeLanes[position] & running == 0 {
                            orderCount -= 1
                            order.swapAt(s, orderCount)
                        } else {
                            s += 1
                        }
                        continue
                    }
                    let k = Int(positions[position])
                    let row = Int(rows[k])
                    let start = offsets[row]
                    let end = offsets[row + 1]
                    var dot = w[featureCount] * bias
                    for p in start..<end { dot += w[Int(columns[p])] * values[p] }
                    let y = signs[k]
                    let a = alpha[k]
                    let upper = uppers[k]
                    let diagonal = diagonals[k]
                    let g = y * dot - 1 + a * diagonal
                    let active = mask(lanes)
                    let atZero = a .== 0
                    let atUpper = a .== upper
                    // LIBLINEAR's shrinking: a bound variable whose gradient points outward beyond
                    // last pass's extremes leaves the active set.
                    let shrink = active .& ((atZero .& (g .> maxOld)) .| (atUpper .& (g .< minOld)))
                    let update = active .& .!shrink
                    var projected = g
                    projected.replace(with: pointwiseMin(g, Lanes.zero), where: atZero)
                    projected.replace(with: pointwiseMax(g, Lanes.zero), where: atUpper .& .!atZero)
                    maxNew.replace(with: pointwiseMax(maxNew, projected), where: update)
                    minNew.replace(with: pointwiseMin(minNew, projected), where: update)
                    let moves = update .& ((projected .> tiny) .| (projected .< -tiny))
                    if any(shrink) {
                        shrunkCounts &+= SIMD8<Int32>(truncatingIfNeeded: SIMD8<UInt8>(repeating: 1))
                            .replacing(with: 0, where: .!shrink)
                        activeLanes[position] = activeLanes[position] & ~bits(shrink)
                    }
                    if any(moves) {
                        let target = a - g / (kernel[k] + diagonal)
                        let updated = pointwiseMin(pointwiseMax(target, Lanes.zero), upper)
                        let newAlpha = a.replacing(with: updated, where: moves)
                        alpha[k] = newAlpha
                        let step = (newAlpha - a) * y
                        for p in start..<end { w[Int(columns[p])] += step * values[p] }
                        w[featureCount] += step * bias
                    }
                    s += 1
                }
                activeCounts &-= shrunkCounts
                var lanes = visiting
                var reactivate: UInt8 = 0
                while lanes != 0 {
                    let lane = lanes.trailingZeroBitCount
                    lanes &= lanes - 1
                    if maxNew[lane] - minNew[lane] <= parameters.tolerance {
                        if activeCounts[lane] == Int32(count) {
                            running &= ~(1 << lane)
                            waiting &= ~(1 << lane)
                        } else {
                            waiting |= 1 << lane
                        }
                        continue
                    }
                    waiting &= ~(1 << lane)
                    maxOld[lane] = maxNew[lane] <= 0 ? .infinity : maxNew[lane]
                    minOld[lane] = minNew[lane] >= 0 ? -.infinity : minNew[lane]
                }
                // Once every running lane waits, check them all on every row together.
                if running != 0 && waiting == running {
                    reactivate = waiting
                }
                if reactivate != 0 {
                    let reset = mask(reactivate)
                    maxOld.replace(with: .infinity, where: reset)
                    minOld.replace(with: -.infinity, where: reset)
                    activeCounts.replace(with: Int32(count), where: reset)
                    for position in 0..<count { activeLanes[position] |= reactivate }
                    orderCount = count
                    waiting = 0
                }
            }
        }}}}}}}}}
    }
}

/// A trained binary linear model: sparse weights and the bias term (already multiplied by the bias feature value).
struct SparseWeightVector: Sendable {
    var indices: [Int32]
    var values: [Float]
    var bias: Float

    /// The vector with each index `i` replaced by `original[i]`, sorted again.
    func renumbered(_ original: [Int32]) -> SparseWeightVector {
        let pairs = zip(indices, values).map { (original[Int($0.0)], $0.1) }.sorted { $0.0 < $1.0 }
        return SparseWeightVector(indices: pairs.map(\.0), values: pairs.map(\.1), bias: bias)
    }
}
