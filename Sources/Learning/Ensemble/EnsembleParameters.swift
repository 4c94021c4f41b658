/// Settings of an ``Ensemble``. The defaults are the recipe measured in
/// `Benchmarks/classification/RECIPE.md`.
public struct EnsembleParameters: Sendable, Hashable, Codable {
    /// The one-vs-rest SVMs, one per label (the backbone of the ensemble).
    public var linear: LinearParameters
    /// Weight of the parent-level model's score (0 disables it; needs a parent per label).
    public var parentWeight: Float
    /// The parent-level model's SVMs. Its score is a small correction, so a looser stopping
    /// tolerance costs nothing measurable in precision and saves a third of its training time.
    public var parentLinear: LinearParameters
    /// Neighbours consulted by the nearest-neighbour scorer (0 disables it).
    public var neighbours: Int
    /// Weight of the neighbours' label share.
    public var neighbourWeight: Float
    /// Features in a larger share of the documents are not used to find neighbours (speed; see
    /// ``NearestNeighbours/init(documents:targets:maxDocumentFrequency:)``).
    public var neighbourMaxDocumentFrequency: Double
    /// The label tree, if any, and the weight of its probabilities.
    public var tree: LabelTreeParameters?
    public var treeWeight: Float
    /// Training documents whose estimated held-out scores fit the probability calibration.
    public var calibrationSample: Int

    public init(
        linear: LinearParameters = LinearParameters(cost: 1, tolerance: 0.3, pruneThreshold: 0.05),
        parentWeight: Float = 0.1,
        parentLinear: LinearParameters = LinearParameters(cost: 1, tolerance: 0.5, pruneThreshold: 0.05), neighbours: Int = 10, neighbourWeight: Float = 0.25,
        neighbourMaxDocumentFrequency: Double = 0.005,
        tree: LabelTreeParameters? = nil, treeWeight: Float = 1, calibrationSample: Int = 2000
    ) {
        self.linear = linear
        self.parentWeight = parentWeight
        self.parentLinear = parentLinear
        self.neighbours = neighbours
        self.neighbourWeight = neighbourWeight
        self.neighbourMaxDocumentFrequency = neighbourMaxDocumentFrequency
        self.tree = tree
        self.treeWeight = treeWeight
        self.calibrationSample = calibrationSample
    }
}
