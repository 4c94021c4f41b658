import Core

/// The weights of many linear models stored by feature: for each feature, the models (labels)
/// that give it a non-zero weight. Scoring a sparse document touches only its own features,
/// so prediction cost is independent of the number of labels that do not share its terms.
struct FeatureMajorWeights: Sendable {
    let featureCount: Int
    let modelCount: Int
    /// `featureOffsets[f]..<featureOffsets[f + 1]` index `models` and `weights`.
    let featureOffsets: [Int]
    let models: [Int32]
    let weights: [Float]
    let biases: [Float]

    init(vectors: [SparseWeightVector], featureCount: Int) {
        var counts = [Int](repeating: 0, count: featureCount + 1)
        for vector in vectors {
            for feature in vector.indices { counts[Int(feature) + 1] += 1 }
        }
        for feature in 0..<featureCount { counts[feature + 1] += counts[feature] }
        var fill = counts
        var models = [Int32](repeating: 0, count: counts[featureCount])
        var weights = [Float](repeating: 0, count: counts[featureCount])
        for (model, vector) in vectors.enumerated() {
            for (feature, weight) in zip(vector.indices, vector.values) {
                let target = fill[Int(feature)]
                fill[Int(feature)] += 1
                models[target] = Int32(model)
                weights[target] = weight
            }
        }
        self.featureCount = featureCount
        self.modelCount = vectors.count
        self.featureOffsets = counts
        self.models = models
        self.weights = weights
        self.biases = vectors.map(\.bias)
    }

    private init(featureCount: Int, modelCount: Int, featureOffsets: [Int], models: [Int32], weights: [Float], biases: [Float]) {
        self.featureCount = featureCount
        self.modelCount = modelCount
        self.featureOffsets = featureOffsets
        self.models = models
        self.weights = weights
        self.biases = biases
    }

    var nonZeroCount: Int { weights.count }

    /// Writes every model's score for `x` (bias included) into `scores` (length `modelCount`).
    func scores(_ x: SparseVector, into scores: inout [Float]) {
        scores.replaceSubrange(0..<modelCount, with: biases)
        scores.withUnsafeMutableBufferPointer { out in
            featureOffsets.withUnsafeBufferPointer { offsets in
                models.withUnsafeBufferPointer { models in
                    weights.withUnsafeBufferPointer { weights in
                        for (feature, value) in zip(x.indices, x.values) where Int(feature) < featureCount {
                            let f = Int(feature)
                            for p in offsets[f]..<offsets[f + 1] {
                                out[Int(models[p])] += value * weights[p]
                            }
                        }
                    }
                }
            }
        }
    }

    /// The weight of `feature` in `model` (0 if pruned). Complexity: O(models sharing the feature).
    func weight(feature: Int32, model: Int32) -> Float {
        guard Int(feature) < featureCount else { return 0 }
        for p in featureOffsets[Int(feature)]..<featureOffsets[Int(feature) + 1] where models[p] == model {
            return weights[p]
        }
        return 0
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(featureCount))
        writer.write(UInt64(modelCount))
        writer.write(featureOffsets.map { UInt64($0) })
        writer.write(models)
        writer.write(weights)
        writer.write(biases)
    }

    init(from reader: inout BinaryReader) throws(IPAIError) {
        let featureCount = Int(try reader.read(UInt64.self))
        let modelCount = Int(try reader.read(UInt64.self))
        let offsets: [UInt64] = try reader.readArray()
        let models: [Int32] = try reader.readArray()
        let weights = try reader.readFloats()
        let biases = try reader.readFloats()
        guard offsets.count == featureCount + 1, offsets.first == 0, offsets.last == UInt64(models.count),
              models.count == weights.count, biases.count == modelCount,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              models.allSatisfy({ $0 >= 0 && Int($0) < modelCount })
        else { throw reader.corrupt("inconsistent linear weights") }
        self.init(
            featureCount: featureCount, modelCount: modelCount, featureOffsets: offsets.map { Int($0) },
            models: models, weights: weights, biases: biases)
    }
}
