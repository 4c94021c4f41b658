import Core

/// A Parabel-style label tree for multi-label classification with many labels.
///
/// Labels are clustered recursively into a balanced binary tree (``LabelClustering``); every
/// internal node holds one linear classifier per child ("does the document belong under this
/// child?") trained only on the documents that reach the node, and every leaf one classifier per
/// label. Prediction follows the `beamWidth` most probable paths, so its cost grows with the
/// logarithm of the number of labels, which keeps main-group and subgroup levels (tens of
/// thousands of symbols) fast to train and to query.
///
/// ```swift
/// let tree = LabelTree.train(features: matrix, targets: labels, parameters: .init(beamWidth: 10))
/// let top = tree.labelScores(for: vector, count: 5)   // [(label, probability-like score)]
/// ```
public struct LabelTree: Sendable {
    struct Node: Sendable {
        /// Child node ids (internal node) — empty for a leaf.
        var children: [Int32]
        /// Label ids (leaf) — empty for an internal node.
        var labels: [Int32]
        /// One model per child or per label, in the same order.
        var classifier: FeatureMajorWeights
    }

    public let parameters: LabelTreeParameters
    public let labelCount: Int
    public let featureCount: Int
    /// Each tree is a list of nodes; node 0 is the root.
    let trees: [[Node]]

    public var nodeCount: Int { trees.reduce(0) { $0 + $1.count } }

    /// Builds and trains the tree(s).
    /// - Parameters:
    ///   - labelPaths: optional taxonomy: for each label, its ancestors' keys from the top
    ///     (for IPC main group `G06F 17/00`: `["G", "G06", "G06F"]`). The tree then follows the
    ///     taxonomy, and only groups with more than `maxLeafSize` labels are split by clustering.
    public static func train(
        features: SparseMatrix, targets: LabelSets, labelPaths: [[String]]? = nil,
        parameters: LabelTreeParameters = .init(),
        threads: Int = Parallel.defaultThreadCount, progress: (any ProgressReporter)? = nil
    ) -> LabelTree {
        precondition(features.rowCount == targets.documentCount)
        let vectors = LabelClustering.labelVectors(features: features, targets: targets, threads: threads)
        let norms = features.rowSquaredNorms()
        var trees: [[Node]] = []
        for tree in 0..<max(1, parameters.treeCount) {
            let shapes = Self.shape(
                labelCount: targets.labelCount, labelPaths: labelPaths, vectors: vectors,
                featureCount: features.columnCount, parameters: parameters, seed: UInt64(tree) &* 0x9E37_79B9 &+ 17)
            let done = ProgressCounter(phase: "tree \(tree + 1)", total: shapes.count, reporter: progress)
            let classifiers: [FeatureMajorWeights] = Parallel.map(count: shapes.count, threads: threads, chunkSize: 1) { range in
                let solver = DualCoordinateDescent(featureCount: features.columnCount)
                if progress?.shouldStop() == true { return [FeatureMajorWeights]() }
                let output = range.map { index in
                    Self.trainNode(
                        index, shapes: shapes, features: features, norms: norms, targets: targets,
                        parameters: parameters.linear, solver: solver, seed: UInt64(index))
                }
                done.add(range.count)
                return output
            }
            trees.append(zip(shapes, classifiers).map { shape, classifier in
                Node(children: shape.children, labels: shape.children.isEmpty ? shape.labels : [], classifier: classifier)
            })
        }
        return LabelTree(parameters: parameters, labelCount: targets.labelCount, featureCount: features.columnCount, trees: trees)
    }

    init(parameters: LabelTreeParameters, labelCount: Int, featureCount: Int, trees: [[Node]]) {
        self.parameters = parameters
        self.labelCount = labelCount
        self.featureCount = featureCount
        self.trees = trees
    }

    /// A node before training: its labels (all labels below it) and children.
    struct Shape: Sendable {
        var labels: [Int32]
        var children: [Int32]
    }

    /// The tree's structure, breadth first from the root: the taxonomy's groups where given,
    /// balanced 2-means splits below that until leaves hold at most `maxLeafSize` labels.
    static func shape(
        labelCount: Int, labelPaths: [[String]]?, vectors: [SparseVector], featureCount: Int,
        parameters: LabelTreeParameters, seed: UInt64
    ) -> [Shape] {
        var generator = SplitMix64(seed: seed)
        var localIndex = [Int32](repeating: -1, count: featureCount)
        var shapes = [Shape(labels: (0..<Int32(labelCount)).map { $0 }, children: [])]
        // Taxonomy depth reached by each node (nil once a node is below the taxonomy).
        var depths: [Int?] = [labelPaths == nil ? nil : 0]
        var next = 0
        while next < shapes.count {
            let labels = shapes[next].labels
            var groups: [[Int32]] = []
            var childDepth: Int? = nil
            if let labelPaths, var depth = depths[next] {
                // Descend through taxonomy levels where all labels share one key.
                while groups.count <= 1 {
                    var byKey: [String: [Int32]] = [:]
                    var order: [String] = []
                    for label in labels {
                        let path = labelPaths[Int(label)]
                        let key = depth < path.count ? path[depth] : ""
                        if byKey[key] == nil { order.append(key) }
                        byKey[key, default: []].append(label)
                    }
                    let exhausted = labels.allSatisfy { depth >= labelPaths[Int($0)].count }
                    if exhausted { groups = []; break }
                    groups = order.map { byKey[$0]! }
                    depth += 1
                }
                childDepth = groups.isEmpty ? nil : depth
            }
            if groups.count > 1 {
                // Taxonomy split, however many labels.
            } else if labels.count > max(1, parameters.maxLeafSize) {
                let (left, right) = LabelClustering.split(
                    labels, vectors: vectors, localIndex: &localIndex, tolerance: parameters.clusteringTolerance,
                    generator: &generator)
                groups = [left, right]
                childDepth = nil
            } else {
                groups = []
            }
            if !groups.isEmpty {
                shapes[next].children = groups.indices.map { Int32(shapes.count + $0) }
                for group in groups {
                    shapes.append(Shape(labels: group, children: []))
                    depths.append(childDepth)
                }
            }
            next += 1
        }
        return shapes
    }

    /// Trains one node's classifiers on the documents that carry any of its labels: one model per
    /// child (positives: documents with a label under that child) or, in a leaf, one per label.
    static func trainNode(
        _ index: Int, shapes: [Shape], features: SparseMatrix, norms: [Float], targets: LabelSets,
        parameters: LinearParameters, solver: DualCoordinateDescent, seed: UInt64
    ) -> FeatureMajorWeights {
        let shape = shapes[index]
        var groupOf: [Int32: Int32] = [:]
        if shape.children.isEmpty {
            for (position, label) in shape.labels.enumerated() { groupOf[label] = Int32(position) }
        } else {
            for (position, child) in shape.children.enumerated() {
                for label in shapes[Int(child)].labels { groupOf[label] = Int32(position) }
            }
        }
        let modelCount = shape.children.isEmpty ? shape.labels.count : shape.children.count
        var documents = Set<Int32>()
        for label in shape.labels { documents.formUnion(targets.documents(withLabel: Int(label))) }
        let rows = documents.sorted()
        var memberships = [[Bool]](repeating: [Bool](repeating: false, count: rows.count), count: modelCount)
        for (k, row) in rows.enumerated() {
            for label in targets.labels(ofDocument: Int(row)) {
                if let group = groupOf[label] { memberships[Int(group)][k] = true }
            }
        }
        let width = DualCoordinateDescent.width
        let vectors = stride(from: 0, to: modelCount, by: width).flatMap { first in
            solver.train(
                matrix: features, squaredNorms: norms, rows: rows,
                positives: Array(memberships[first..<min(modelCount, first + width)]),
                parameters: parameters, seed: seed &* 31 &+ UInt64(first)
            ).vectors
        }
        return FeatureMajorWeights(vectors: vectors, featureCount: features.columnCount)
    }
}
