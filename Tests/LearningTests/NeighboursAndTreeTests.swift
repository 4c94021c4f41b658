import Core
import Testing
@testable import Learning

/// Documents of `topics` topics, each using its own 10 features plus shared noise; label = topic.
private func topicProblem(topics: Int, documentsPerTopic: Int, seed: UInt64) -> (SparseMatrix, LabelSets, [SparseVector]) {
    var generator = SplitMix64(seed: seed)
    var vectors: [SparseVector] = []
    var labels: [[Int32]] = []
    let featureCount = topics * 10 + 50
    for document in 0..<(topics * documentsPerTopic) {
        let topic = document % topics
        var pairs: [(Int32, Float)] = (0..<3).map { _ in (Int32(topic * 10) + Int32(generator.next() % 10), 1) }
        pairs.append((Int32(topics * 10) + Int32(generator.next() % 50), 0.7))
        var vector = SparseVector(unsorted: pairs)
        vector.normalize()
        vectors.append(vector)
        labels.append([Int32(topic)])
    }
    let queries = (0..<topics).map { topic -> SparseVector in
        let first = Int32(topic * 10 + 1)
        let pairs: [(Int32, Float)] = [(first, 1), (first + 1, 1)]
        var vector = SparseVector(unsorted: pairs)
        vector.normalize()
        return vector
    }
    return (SparseMatrix(rows: vectors, columnCount: featureCount), LabelSets(documents: labels, labelCount: topics), queries)
}

@Test func nearestNeighboursFindTheQueryTopicAndLeaveOneOut() throws {
    let (matrix, targets, queries) = topicProblem(topics: 5, documentsPerTopic: 20, seed: 3)
    let knn = NearestNeighbours(documents: matrix, targets: targets)
    for (topic, query) in queries.enumerated() {
        let scores = knn.labelScores(for: query, k: 10)
        #expect(scores.first?.label == Int32(topic))
        #expect(abs(scores.map(\.score).reduce(0, +) - 1) < 1e-4, "single-label scores share the mass")
    }
    // A training document is its own nearest neighbour unless excluded.
    let own = matrix.row(7)
    #expect(knn.neighbours(of: own, k: 1).first?.document == 7)
    #expect(knn.neighbours(of: own, k: 1, excluding: 7).first?.document != 7)
    var writer = BinaryWriter()
    knn.encode(to: &writer)
    var reader = BinaryReader(writer.bytes)
    let decoded = try NearestNeighbours(from: &reader)
    #expect(decoded.labelScores(for: queries[2], k: 10).map(\.label) == knn.labelScores(for: queries[2], k: 10).map(\.label))
}

@Test(arguments: [1, 2])
func labelTreeRanksTheRightTopicAmongManyLabels(treeCount: Int) throws {
    // 300 labels and leaves of at most 20: the tree has several levels.
    let (matrix, targets, queries) = topicProblem(topics: 300, documentsPerTopic: 6, seed: 11)
    let parameters = LabelTreeParameters(maxLeafSize: 20, treeCount: treeCount, beamWidth: 10)
    let tree = LabelTree.train(features: matrix, targets: targets, parameters: parameters)
    #expect(tree.nodeCount >= treeCount * 31)
    var correct = 0
    for (topic, query) in queries.enumerated() where tree.labelScores(for: query, count: 1).first?.label == Int32(topic) {
        correct += 1
    }
    #expect(correct >= 285, "top label right for \(correct) of 300 topics")
    var writer = BinaryWriter()
    tree.encode(to: &writer)
    var reader = BinaryReader(writer.bytes)
    let decoded = try LabelTree(from: &reader)
    #expect(decoded.labelScores(for: queries[5], count: 3).map(\.label) == tree.labelScores(for: queries[5], count: 3).map(\.label))
    var truncated = BinaryReader(Array(writer.bytes.dropLast(9)))
    #expect(throws: IPAIError.self) { try LabelTree(from: &truncated) }
}
