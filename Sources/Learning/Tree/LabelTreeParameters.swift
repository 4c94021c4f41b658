/// Settings of a ``LabelTree`` (Parabel-style: balanced 2-means label clustering, linear node
/// classifiers, beam search). Defaults follow Parabel/Omikuji.
public struct LabelTreeParameters: Sendable, Hashable, Codable {
    /// A node with at most this many labels becomes a leaf with one classifier per label.
    public var maxLeafSize: Int
    /// Clustering stops when the average similarity gain of an iteration falls below this.
    public var clusteringTolerance: Float
    /// Independent trees (different clustering seeds) whose probabilities are averaged.
    public var treeCount: Int
    /// Nodes kept per level during prediction.
    public var beamWidth: Int
    /// Solver settings of every node classifier.
    public var linear: LinearParameters

    public init(
        maxLeafSize: Int = 100, clusteringTolerance: Float = 1e-4, treeCount: Int = 1, beamWidth: Int = 10,
        linear: LinearParameters = LinearParameters(cost: 1, loss: .squaredHinge, tolerance: 0.1, pruneThreshold: 0.1)
    ) {
        self.maxLeafSize = maxLeafSize
        self.clusteringTolerance = clusteringTolerance
        self.treeCount = treeCount
        self.beamWidth = beamWidth
        self.linear = linear
    }
}
