/// Settings of the L2-regularised linear SVM solved by ``DualCoordinateDescent``.
public struct LinearParameters: Sendable, Hashable, Codable {
    public enum Loss: String, Sendable, Hashable, Codable {
        /// max(0, 1 − y·wᵀx)², LIBLINEAR's `-s 1` (scikit-learn's LinearSVC default).
        case squaredHinge
        /// max(0, 1 − y·wᵀx), LIBLINEAR's `-s 3`.
        case hinge
    }

    /// Inverse regularisation strength (LIBLINEAR's `-c`).
    public var cost: Float
    /// Multiplies `cost` for positive examples (LIBLINEAR's `-w1`), useful with rare labels.
    public var positiveWeight: Float
    public var loss: Loss
    /// Stopping tolerance on the projected-gradient spread (LIBLINEAR's `-e`, 0.1 by default).
    public var tolerance: Float
    public var maxIterations: Int
    /// Value of the constant feature that carries the bias (LIBLINEAR's `-B`); 0 disables the bias.
    public var bias: Float
    /// Weights with smaller magnitude are dropped from the stored model (0 keeps all).
    public var pruneThreshold: Float

    public init(
        cost: Float = 1, positiveWeight: Float = 1, loss: Loss = .squaredHinge, tolerance: Float = 0.1,
        maxIterations: Int = 1000, bias: Float = 1, pruneThreshold: Float = 0.01
    ) {
        self.cost = cost
        self.positiveWeight = positiveWeight
        self.loss = loss
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.bias = bias
        self.pruneThreshold = pruneThreshold
    }
}
