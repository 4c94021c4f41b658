import Foundation
import Core

extension LabelTree {
    /// The `count` best labels for `x` with scores in 0...1 (averaged over trees), best first.
    ///
    /// Complexity: O(trees × depth × beamWidth × features of `x` × log(node features)).
    public func labelScores(for x: SparseVector, count: Int) -> [(label: Int32, score: Float)] {
        var totals: [Int32: Float] = [:]
        var scratch = [Float](repeating: 0, count: max(2, parameters.maxLeafSize))
        for nodes in trees {
            for (label, logScore) in beamSearch(x, nodes: nodes, scratch: &scratch) {
                totals[label, default: 0] += Float(Foundation.exp(Double(logScore)))
            }
        }
        let treeCount = Float(trees.count)
        var ranked: [(label: Int32, score: Float)] = totals.map { entry in (label: entry.key, score: entry.value / treeCount) }
        ranked.sort { a, b in a.score > b.score || (a.score == b.score && a.label < b.label) }
        return Array(ranked.prefix(count))
    }

    /// Log-probability-like score of a margin: −max(0, 1 − s)², as Omikuji does for hinge-loss nodes.
    @inline(__always)
    static func logScore(_ margin: Float) -> Float {
        let gap = max(0, 1 - margin)
        return -gap * gap
    }

    private func beamSearch(_ x: SparseVector, nodes: [Node], scratch: inout [Float]) -> [(Int32, Float)] {
        var beam: [(node: Int32, score: Float)] = [(0, 0)]
        var results: [(Int32, Float)] = []
        while !beam.isEmpty {
            var next: [(node: Int32, score: Float)] = []
            for (nodeID, score) in beam {
                let node = nodes[Int(nodeID)]
                if scratch.count < node.classifier.modelCount {
                    scratch = [Float](repeating: 0, count: node.classifier.modelCount)
                }
                node.classifier.scores(x, into: &scratch)
                if node.children.isEmpty {
                    for (position, label) in node.labels.enumerated() {
                        results.append((label, score + Self.logScore(scratch[position])))
                    }
                } else {
                    for (position, child) in node.children.enumerated() {
                        next.append((child, score + Self.logScore(scratch[position])))
                    }
                }
            }
            if next.count > parameters.beamWidth {
                next.sort { $0.score > $1.score || ($0.score == $1.score && $0.node < $1.node) }
                next.removeLast(next.count - parameters.beamWidth)
            }
            beam = next
        }
        return results
    }
}

extension LabelTree {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(parameters.maxLeafSize))
        writer.write(parameters.clusteringTolerance)
        writer.write(UInt64(parameters.beamWidth))
        writer.write(parameters.linear.cost)
        writer.write(parameters.linear.pruneThreshold)
        writer.write(UInt64(labelCount))
        writer.write(UInt64(featureCount))
        writer.write(UInt64(trees.count))
        for nodes in trees {
            writer.write(UInt64(nodes.count))
            for node in nodes {
                writer.write(node.children)
                writer.write(node.labels)
                node.classifier.encode(to: &writer)
            }
        }
    }

    public init(from reader: inout BinaryReader) throws(IPAIError) {
        var parameters = LabelTreeParameters()
        parameters.maxLeafSize = Int(try reader.read(UInt64.self))
        parameters.clusteringTolerance = try reader.readFloat()
        parameters.beamWidth = Int(try reader.read(UInt64.self))
        parameters.linear.cost = try reader.readFloat()
        parameters.linear.pruneThreshold = try reader.readFloat()
        let labelCount = Int(try reader.read(UInt64.self))
        let featureCount = Int(try reader.read(UInt64.self))
        let treeCount = Int(try reader.read(UInt64.self))
        guard treeCount >= 1, treeCount <= 64 else { throw reader.corrupt("implausible tree count \(treeCount)") }
        parameters.treeCount = treeCount
        var trees: [[Node]] = []
        for _ in 0..<treeCount {
            let nodeCount = Int(try reader.read(UInt64.self))
            guard nodeCount >= 1, nodeCount <= reader.remaining else { throw reader.corrupt("implausible node count") }
            var nodes: [Node] = []
            nodes.reserveCapacity(nodeCount)
            for _ in 0..<nodeCount {
                let children: [Int32] = try reader.readArray()
                let labels: [Int32] = try reader.readArray()
                let classifier = try FeatureMajorWeights(from: &reader)
                let modelCount = children.isEmpty ? labels.count : children.count
                guard classifier.modelCount == modelCount,
                      children.allSatisfy({ $0 > 0 && Int($0) < nodeCount }),
                      labels.allSatisfy({ $0 >= 0 && Int($0) < labelCount }),
                      classifier.featureCount == featureCount
                else { throw reader.corrupt("inconsistent label-tree node") }
                nodes.append(Node(children: children, labels: labels, classifier: classifier))
            }
            trees.append(nodes)
        }
        self.init(parameters: parameters, labelCount: labelCount, featureCount: featureCount, trees: trees)
    }
}
