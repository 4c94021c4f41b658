import Core

/// A multi-label classifier that fuses one-vs-rest linear SVMs, a parent-level linear model,
/// nearest-neighbour label shares and optionally a label tree, with the fused score mapped to a
/// probability by Platt scaling.
///
/// Fused score of label `l` for document `x`:
/// `linear(l) + parentWeight · parent(parentOf(l)) + neighbourWeight · neighbours(l) + treeWeight · tree(l)`.
///
/// The calibration is fitted during training on genuine held-out scores, without a second
/// model: a tenth of the documents (at most `calibrationSample`) join the linear models' training
/// only after those models have converged without them (see ``DualCoordinateDescent``); their
/// scores from that moment, with neighbours that exclude the document itself, are fused and a
/// sigmoid is fitted to whether each of the top five labels is right.
///
/// ```swift
/// let ensemble = Ensemble.train(features: rows, targets: labels, documentRows: realDocuments,
///                               parents: (of: classOfLabel, count: classCount))
/// for (label, score) in ensemble.rank(x, count: 5) { print(label, ensemble.probability(score)) }
/// ```
public struct Ensemble: Sendable {
    public let parameters: EnsembleParameters
    let linear: LinearOneVsRest
    let parent: LinearOneVsRest?
    /// The parent model index of each label (empty without a parent model).
    let parentOf: [Int32]
    let neighbours: NearestNeighbours?
    let tree: LabelTree?
    public let calibration: PlattScaling

    public var labelCount: Int { linear.labelCount }

    /// Trains every member and fits the calibration.
    /// - Parameters:
    ///   - features: training rows; the first `documentRows` are documents, any rows after them are
    ///     auxiliary examples (e.g. scheme titles) used by the linear models and the tree only.
    ///   - targets: labels of every row.
    ///   - parents: the parent of each label and the number of parents, for the parent-level model.
    ///   - labelPaths: taxonomy keys per label for the tree (see ``LabelTree``).
    public static func train(
        features: SparseMatrix, targets: LabelSets, documentRows: Int,
        parents: (of: [Int32], count: Int)? = nil, labelPaths: [[String]]? = nil,
        parameters: EnsembleParameters = .init(), threads: Int = Parallel.defaultThreadCount,
        progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> Ensemble {
        precondition(documentRows <= features.rowCount && features.rowCount == targets.documentCount)
        // Documents held out of the first phase of linear training: their scores calibrate.
        // A tenth of the documents; small corpora hold out up to a third, so the sigmoid has enough points.
        let heldOutCount = min(
            parameters.calibrationSample, max(documentRows / 10, min(documentRows / 3, 100)),
            20_000_000 / max(1, targets.labelCount))
        let spacing = heldOutCount > 0 ? documentRows / heldOutCount : 1
        let heldOut = heldOutCount > 0 ? (0..<heldOutCount).map { $0 * spacing } : []

        let (linear, linearHeldOut) = LinearOneVsRest.trainHoldingOut(
            features: features, targets: targets, parameters: parameters.linear, heldOut: heldOut,
            threads: threads, progress: progress)
        try progress.checkCancellation()

        var parent: LinearOneVsRest?
        var parentHeldOut: [[Float]] = []
        var parentOf: [Int32] = []
        if let parents, parameters.parentWeight != 0 {
            precondition(parents.of.count == targets.labelCount)
            parentOf = parents.of
            let parentTargets = LabelSets(
                documents: (0..<targets.documentCount).map { row in targets.labels(ofDocument: row).map { parents.of[Int($0)] } },
                labelCount: parents.count)
            let trained = LinearOneVsRest.trainHoldingOut(
                features: features, targets: parentTargets, parameters: parameters.parentLinear, heldOut: heldOut,
                threads: threads, progress: progress.map { PhaseRenamer(base: $0, phase: "parent") })
            parent = trained.model
            parentHeldOut = trained.heldOutScores
            try progress.checkCancellation()
        }

        var neighbours: NearestNeighbours?
        progress?.report(phase: "neighbours", completed: 0, total: nil)
        if parameters.neighbours > 0 && parameters.neighbourWeight != 0 {
            let documentsOnly = features.rows(Array(0..<documentRows))
            neighbours = NearestNeighbours(
                documents: documentsOnly, targets: targets.subset(Array(0..<documentRows)),
                maxDocumentFrequency: parameters.neighbourMaxDocumentFrequency)
        }

        var tree: LabelTree?
        if let treeParameters = parameters.tree, parameters.treeWeight != 0 {
            tree = LabelTree.train(
                features: features, targets: targets, labelPaths: labelPaths, parameters: treeParameters,
                threads: threads, progress: progress)
            try progress.checkCancellation()
        }

        let uncalibrated = Ensemble(
            parameters: parameters, linear: linear, parent: parent, parentOf: parentOf, neighbours: neighbours,
            tree: tree, calibration: PlattScaling(a: -1, b: 0))
        // Calibration: the fused held-out scores of the top five labels against the truth.
        let parentScores = parentHeldOut
        let calibrated = ProgressCounter(phase: "calibrating", total: heldOut.count, reporter: progress)
        let samples: [(score: Double, correct: Bool)] = Parallel.map(count: heldOut.count, threads: threads) { range in
            var output: [(score: Double, correct: Bool)] = []
            let scratch = uncalibrated.makeScratch()
            for position in range {
                let row = heldOut[position]
                uncalibrated.fuse(
                    features.row(row), excludingNeighbour: row, linearScores: linearHeldOut[position],
                    parentScores: parentScores.isEmpty ? nil : parentScores[position], scratch: scratch)
                let gold = Set(targets.labels(ofDocument: row))
                for (label, score) in Ensemble.top(&scratch.scores, count: 5, allowed: nil) {
                    output.append((Double(score), gold.contains(label)))
                }
            }
            calibrated.add(range.count)
            return output
        }
        guard !samples.isEmpty else { return uncalibrated }
        return Ensemble(
            parameters: parameters, linear: linear, parent: parent, parentOf: parentOf, neighbours: neighbours,
            tree: tree,
            calibration: PlattScaling.fit(
                scores: samples.map(\.score), outcomes: samples.map(\.correct),
                prior: (Self.typicalCalibration, strength: 20)))
    }

    /// The calibration typical of the default recipe: the mean of the sigmoids fitted on the
    /// USPTO, CN and PATENTSCOPE development corpora (a from −3.6 to −2.5, b from −1.0 to 0.3).
    /// It anchors the fit on small corpora, whose few held-out documents cannot pin it down.
    static let typicalCalibration = PlattScaling(a: -3, b: -0.25)

    init(
        parameters: EnsembleParameters, linear: LinearOneVsRest, parent: LinearOneVsRest?, parentOf: [Int32],
        neighbours: NearestNeighbours?, tree: LabelTree?, calibration: PlattScaling
    ) {
        self.parameters = parameters
        self.linear = linear
        self.parent = parent
        self.parentOf = parentOf
        self.neighbours = neighbours
        self.tree = tree
        self.calibration = calibration
    }

    /// Reusable buffers for one thread's predictions (label scores, neighbour sums), so that
    /// classifying many short texts does not allocate per text.
    public final class Scratch {
        var scores: [Float]
        var parentScores: [Float]
        let neighbours: NearestNeighbours.Scratch?

        init(labels: Int, parents: Int, neighbours: NearestNeighbours?) {
            scores = [Float](repeating: 0, count: labels)
            parentScores = [Float](repeating: 0, count: parents)
            self.neighbours = neighbours?.makeScratch()
        }
    }

    public func makeScratch() -> Scratch {
        Scratch(labels: labelCount, parents: parent?.labelCount ?? 0, neighbours: neighbours)
    }

    /// The fused score of every label for `x`.
    public func scores(for x: SparseVector) -> [Float] {
        let scratch = makeScratch()
        fuse(x, excludingNeighbour: nil, linearScores: nil, parentScores: nil, scratch: scratch)
        return scratch.scores
    }

    /// The `count` best labels with their fused scores, best first, optionally only among `allowed` labels.
    /// - Parameter scratch: buffers from ``makeScratch()`` to reuse on this thread; nil allocates.
    public func rank(
        _ x: SparseVector, count: Int, allowed: ((Int32) -> Bool)? = nil, scratch: Scratch? = nil
    ) -> [(label: Int32, score: Float)] {
        let scratch = scratch ?? makeScratch()
        fuse(x, excludingNeighbour: nil, linearScores: nil, parentScores: nil, scratch: scratch)
        return Self.top(&scratch.scores, count: count, allowed: allowed)
    }

    /// The calibrated probability that a label with this fused score is right.
    public func probability(_ score: Float) -> Double {
        calibration.probability(Double(score))
    }

    /// Per-feature contributions of `x` to `label`'s linear score, largest first: what made the
    /// model suggest the label.
    public func contributions(for x: SparseVector, label: Int) -> [(feature: Int32, contribution: Float)] {
        linear.contributions(for: x, label: label)
    }

    /// Writes the fused scores into `scratch.scores`; `linearScores` and `parentScores` replace
    /// the members' own scores (held-out scores during calibration).
    func fuse(
        _ x: SparseVector, excludingNeighbour: Int?, linearScores: [Float]?, parentScores given: [Float]?,
        scratch: Scratch
    ) {
        if let linearScores {
            scratch.scores.replaceSubrange(0..<linearScores.count, with: linearScores)
        } else {
            linear.scores(for: x, into: &scratch.scores)
        }
        if let parent {
            if let given {
                scratch.parentScores.replaceSubrange(0..<given.count, with: given)
            } else {
                parent.scores(for: x, into: &scratch.parentScores)
            }
            let weight = parameters.parentWeight
            scratch.scores.withUnsafeMutableBufferPointer { scores in
                scratch.parentScores.withUnsafeBufferPointer { parentScores in
                    parentOf.withUnsafeBufferPointer { parentOf in
                        for label in scores.indices { scores[label] += weight * parentScores[Int(parentOf[label])] }
                    }
                }
            }
        }
        if let neighbours {
            let weight = parameters.neighbourWeight
            for (label, share) in neighbours.labelScores(
                for: x, k: parameters.neighbours, excluding: excludingNeighbour, scratch: scratch.neighbours)
            {
                scratch.scores[Int(label)] += weight * share
            }
        }
        if let tree {
            let weight = parameters.treeWeight
            for (label, probability) in tree.labelScores(for: x, count: 30) {
                scratch.scores[Int(label)] += weight * probability
            }
        }
    }

    /// The `count` highest scores (ties: lower label first), restricted to `allowed` labels.
    static func top(_ scores: inout [Float], count: Int, allowed: ((Int32) -> Bool)?) -> [(label: Int32, score: Float)] {
        var best: [(label: Int32, score: Float)] = []
        best.reserveCapacity(count + 1)
        for label in scores.indices {
            let score = scores[label]
            if best.count == count, let last = best.last, score <= last.score { continue }
            if let allowed, !allowed(Int32(label)) { continue }
            var position = best.count
            while position > 0 && best[position - 1].score < score { position -= 1 }
            best.insert((Int32(label), score), at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}

/// Forwards progress under another phase name.
struct PhaseRenamer: ProgressReporter {
    let base: any ProgressReporter
    let phase: String
    func report(phase: String, completed: Int, total: Int?) {
        base.report(phase: self.phase, completed: completed, total: total)
    }
}
