import Core

/// One-vs-rest L2-regularised linear SVMs, one per label, trained in parallel by dual coordinate
/// descent (the LIBLINEAR approach) and stored feature-major for fast sparse scoring.
///
/// ```swift
/// let model = LinearOneVsRest.train(features: matrix, targets: labels, parameters: .init(cost: 1))
/// let scores = model.scores(for: vector)    // one margin per label
/// ```
/// Training cost: one binary problem per label over all documents, O(labels × nonzeros × iterations),
/// with shrinking dropping most negatives after a few passes.
public struct LinearOneVsRest: Sendable {
    public let parameters: LinearParameters
    let weights: FeatureMajorWeights

    public var labelCount: Int { weights.modelCount }
    public var featureCount: Int { weights.featureCount }
    /// Stored (unpruned) weights, a measure of model size.
    public var nonZeroWeightCount: Int { weights.nonZeroCount }

    /// Trains one binary model per label.
    /// - Parameters:
    ///   - features: documents × features (tf-idf rows, usually L2-normalised).
    ///   - targets: the labels of each document (row).
    ///   - parameters: solver settings shared by all labels.
    ///   - threads: worker threads.
    ///   - progress: receives the number of labels trained so far.
    public static func train(
        features: SparseMatrix, targets: LabelSets, parameters: LinearParameters = .init(),
        threads: Int = Parallel.defaultThreadCount, progress: (any ProgressReporter)? = nil
    ) -> LinearOneVsRest {
        trainWithInfluence(
            features: features, targets: targets, parameters: parameters, influenceRows: [], threads: threads,
            progress: progress
        ).model
    }

    /// Trains like ``train(features:targets:parameters:threads:progress:)`` and also returns, for
    /// each row in `influenceRows`, the labels whose score that row raised by training on itself
    /// (see ``DualCoordinateDescent/selfInfluence(position:isPositive:squaredNorm:bias:)``), so a
    /// caller can estimate held-out scores for calibration.
    static func trainWithInfluence(
        features: SparseMatrix, targets: LabelSets, parameters: LinearParameters, influenceRows: [Int],
        threads: Int, progress: (any ProgressReporter)?
    ) -> (model: LinearOneVsRest, influence: [[(label: Int32, amount: Float)]]) {
        precondition(features.rowCount == targets.documentCount, "one label set per document")
        let norms = features.rowSquaredNorms()
        let rows = (0..<Int32(features.rowCount)).map { $0 }
        let labelCount = targets.labelCount
        let (ordered, originalColumn) = features.frequencyOrdered()
        let done = ProgressCounter(phase: "linear", total: labelCount, reporter: progress)
        typealias Result = (vector: SparseWeightVector, influence: [(row: Int32, amount: Float)])
        let width = DualCoordinateDescent.width
        let blockCount = (labelCount + width - 1) / width
        let results: [Result] = Parallel.map(count: blockCount, threads: threads, chunkSize: 1) { blocks in
            let solver = DualCoordinateDescent(featureCount: features.columnCount)
            var output: [Result] = []
            for block in blocks {
                let labels = (block * width)..<min(labelCount, (block + 1) * width)
                let positives = labels.map { label -> [Bool] in
                    var flags = [Bool](repeating: false, count: rows.count)
                    for document in targets.documents(withLabel: label) { flags[Int(document)] = true }
                    return flags
                }
                let vectors = solver.train(
                    matrix: ordered, squaredNorms: norms, rows: rows, positives: positives,
                    parameters: parameters, seed: UInt64(block) &+ 0x1234
                ).map { $0.renumbered(originalColumn) }
                for (model, vector) in vectors.enumerated() {
                    var influence: [(row: Int32, amount: Float)] = []
                    for row in influenceRows {
                        let amount = solver.selfInfluence(
                            position: row, model: model, squaredNorm: norms[row], bias: parameters.bias)
                        if amount != 0 { influence.append((Int32(row), amount)) }
                    }
                    output.append((vector, influence))
                }
                done.add(labels.count)
            }
            return output
        }
        var byRow = [[(label: Int32, amount: Float)]](repeating: [], count: influenceRows.count)
        var slot: [Int32: Int] = [:]
        for (position, row) in influenceRows.enumerated() { slot[Int32(row)] = position }
        for (label, result) in results.enumerated() {
            for (row, amount) in result.influence { byRow[slot[row]!].append((Int32(label), amount)) }
        }
        let model = LinearOneVsRest(
            parameters: parameters,
            weights: FeatureMajorWeights(vectors: results.map(\.vector), featureCount: features.columnCount))
        return (model, byRow)
    }

    init(parameters: LinearParameters, weights: FeatureMajorWeights) {
        self.parameters = parameters
        self.weights = weights
    }

    /// The decision value (margin) of every label for `x`.
    public func scores(for x: SparseVector) -> [Float] {
        var scores = [Float](repeating: 0, count: labelCount)
        weights.scores(x, into: &scores)
        return scores
    }

    /// Writes every label's margin into `scores`, which must hold at least `labelCount` values.
    public func scores(for x: SparseVector, into scores: inout [Float]) {
        weights.scores(x, into: &scores)
    }

    /// The per-feature contributions (value × weight) to `label`'s score, largest first.
    public func contributions(for x: SparseVector, label: Int) -> [(feature: Int32, contribution: Float)] {
        weights.contributions(x, model: Int32(label)).sorted { $0.contribution > $1.contribution }
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(parameters.cost)
        writer.write(parameters.positiveWeight)
        writer.write(parameters.loss == .hinge)
        writer.write(parameters.tolerance)
        writer.write(UInt64(parameters.maxIterations))
        writer.write(parameters.bias)
        writer.write(parameters.pruneThreshold)
        weights.encode(to: &writer)
    }

    public init(from reader: inout BinaryReader) throws(IPAIError) {
        var parameters = LinearParameters()
        parameters.cost = try reader.readFloat()
        parameters.positiveWeight = try reader.readFloat()
        parameters.loss = try reader.readBool() ? .hinge : .squaredHinge
        parameters.tolerance = try reader.readFloat()
        parameters.maxIterations = Int(try reader.read(UInt64.self))
        parameters.bias = try reader.readFloat()
        parameters.pruneThreshold = try reader.readFloat()
        self.parameters = parameters
        self.weights = try FeatureMajorWeights(from: &reader)
    }
}
