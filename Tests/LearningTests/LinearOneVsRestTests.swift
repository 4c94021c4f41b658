import Core
import Testing
@testable import Learning

/// A tiny problem whose exact solution scikit-learn's LinearSVC (LIBLINEAR, tol 1e-8) gives.
private let rows: [[Float]] = [
    [1, 0, 2, 0, 0], [0, 1, 0, 1, 0], [2, 1, 0, 0, 1], [0, 0, 1, 2, 0],
    [1, 1, 1, 0, 0], [0, 2, 0, 0, 1], [0, 0, 0, 1, 2], [1, 0, 0, 0, 1],
]
private let positives: [Int32] = [0, 2, 4, 7]

private func matrix(_ dense: [[Float]]) -> SparseMatrix {
    let vectors = dense.map { row in
        SparseVector(unsorted: row.enumerated().map { (Int32($0.offset), $0.element) })
    }
    return SparseMatrix(rows: vectors, columnCount: dense[0].count)
}

@Test(arguments: [
    (LinearParameters.Loss.squaredHinge, [0.86209, -0.37452, 0.24108, -0.62524, -0.182], 0.08011),
    (LinearParameters.Loss.hinge, [1.07143, -0.46429, 0.23214, -0.69643, -0.23214], 0.16071),
])
func dualCoordinateDescentMatchesLIBLINEAR(loss: LinearParameters.Loss, expected: [Double], intercept: Double) {
    let targets = LabelSets(documents: rows.indices.map { positives.contains(Int32($0)) ? [0] : [] }, labelCount: 1)
    let parameters = LinearParameters(cost: 1, loss: loss, tolerance: 1e-6, maxIterations: 100_000, pruneThreshold: 0)
    let model = LinearOneVsRest.train(features: matrix(rows), targets: targets, parameters: parameters, threads: 1)
    for (feature, weight) in expected.enumerated() {
        let unit = SparseVector(indices: [Int32(feature)], values: [1])
        let learned = model.scores(for: unit)[0] - model.scores(for: SparseVector())[0]
        #expect(abs(Double(learned) - weight) < 1e-3, "feature \(feature): \(learned) vs \(weight)")
    }
    #expect(abs(Double(model.scores(for: SparseVector())[0]) - intercept) < 1e-3)
}

@Test func oneVsRestSeparatesThreeTopicsAndSurvivesEncoding() throws {
    // Three topics with their own features plus shared noise features.
    var generator = SplitMix64(seed: 7)
    var vectors: [SparseVector] = []
    var labels: [[Int32]] = []
    for document in 0..<300 {
        let topic = Int32(document % 3)
        var pairs: [(Int32, Float)] = [(topic * 10 + Int32(generator.next() % 10), 1)]
        pairs.append((30 + Int32(generator.next() % 20), 0.5))
        var vector = SparseVector(unsorted: pairs)
        vector.normalize()
        vectors.append(vector)
        labels.append(document % 30 == 0 ? [topic, (topic + 1) % 3] : [topic])
    }
    let features = SparseMatrix(rows: vectors, columnCount: 50)
    let model = LinearOneVsRest.train(features: features, targets: LabelSets(documents: labels, labelCount: 3))
    var writer = BinaryWriter()
    model.encode(to: &writer)
    var reader = BinaryReader(writer.bytes)
    let decoded = try LinearOneVsRest(from: &reader)
    for topic in 0..<3 {
        let query = SparseVector(indices: [Int32(topic * 10 + 3)], values: [1])
        let scores = decoded.scores(for: query)
        #expect(scores.indices.max(by: { scores[$0] < scores[$1] }) == topic)
        #expect(scores == model.scores(for: query))
    }
}

@Test func truncatedLinearModelThrowsCorruptModel() {
    let model = LinearOneVsRest.train(
        features: matrix(rows), targets: LabelSets(documents: rows.indices.map { [Int32($0 % 2)] }, labelCount: 2))
    var writer = BinaryWriter()
    model.encode(to: &writer)
    for cut in [0, 5, writer.bytes.count / 2, writer.bytes.count - 1] {
        var reader = BinaryReader(Array(writer.bytes.prefix(cut)))
        #expect(throws: IPAIError.self) { try LinearOneVsRest(from: &reader) }
    }
}
