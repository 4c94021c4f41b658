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
        trainHoldingOut(
            features: features, targets: targets, parameters: parameters, heldOut: [], threads: threads,
            progress: progress
        ).model
    }

    /// Trains like ``train(features:targets:parameters:threads:progress:)``, and also returns
    /// every label's score for each row in `heldOut` from the model as it was before those rows
    /// joined training (see ``DualCoordinateDescent``): genuine held-out scores, used to
    /// calibrate confidences, at a fraction of the cost of a second training.
    /// - Returns: the model, and for each held-out row the scores of all labels.
    static func trainHoldingOut(
        features: SparseMatrix, targets: LabelSets, parameters: LinearParameters, heldOut: [Int],
        threads: Int, progress: (any ProgressReporter)?
    ) -> (model: LinearOneVsRest, heldOutScores: [[Float]]) {
        precondition(features.rowCount == targets.documentCount, "one label set per document")
        let norms = features.rowSquaredNorms()
        let rows = (0..<Int32(features.rowCount)).map { $0 }
        let labelCount = targets.labelCount
        let (ordered, originalColumn) = features.frequencyOrdered()
        let done = ProgressCounter(phase: "linear", total: labelCount, reporter: progress)
        typealias Result = (vector: SparseWeightVector, heldOut: [Float])
        let width = DualCoordinateDescent.width
        let blockCount = (labelCount + width - 1) / width
        let results: [Result] = Parallel.map(count: blockCount, threads: threads, chunkSize: 1) { blocks in
            let solver = DualCoordinateDescent(featureCount: features.columnCount)
            var output: [Result] = []
            for block in blocks {
                // A cancelled job stops between blocks; the caller checks and throws.
                if progress?.shouldStop() == true { return output }
                let labels = (block * width)..<min(labelCount, (block + 1) * width)
                let positives = labels.map { label -> [Bool] in
                    var flags = [Bool](repeating: false, count: rows.count)
                    for document in targets.documents(withLabel: label) { flags[Int(document)] = true }
                    return flags
                }
                let (vectors, margins) = solver.train(
                    matrix: ordered, squaredNorms: norms, rows: rows, positives: positives,
                    parameters: parameters, seed: UInt64(block) &+ 0x1234, heldOut: heldOut)
                for (model, vector) in vectors.enumerated() {
                    output.append((vector.renumbered(originalColumn), margins.map { $0[model] }))
                }
                done.add(labels.count)
            }
            return output
        }
        let heldOutScores = heldOut.indices.map { position in results.map { $0.heldOut[position] } }
        let model = LinearOneVsRest(
            parameters: parameters,
            weights: FeatureMajorWeights(vectors: results.map(\.vector), featureCount: features.columnCount))
        return (model, heldOutScores)
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
