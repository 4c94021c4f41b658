import Core

/// The weights of several linear models stored by feature: for each feature that any model uses,
/// the models that weight it. Scoring a sparse document touches only its own features, so the
/// cost does not grow with models that share none of its terms.
///
/// Features are kept as a sorted list. A model set that uses a large share of the feature space
/// (one-vs-rest over all labels) also keeps a dense feature → position map for O(1) look-ups;
/// small ones (label-tree nodes) find the document's features by galloping search instead.
struct FeatureMajorWeights: Sendable {
    let featureCount: Int
    let modelCount: Int
    /// Sorted features with at least one non-zero weight.
    let features: [Int32]
    /// `offsets[i]..<offsets[i + 1]` index `models` and `weights` for `features[i]`.
    let offsets: [Int32]
    let models: [Int32]
    let weights: [Float]
    let biases: [Float]
    /// feature → index into `features`, or -1; present when the model set is dense enough.
    private let positions: [Int32]?

    init(vectors: [SparseWeightVector], featureCount: Int) {
        var counts = [Int32](repeating: 0, count: featureCount)
        for vector in vectors {
            for feature in vector.indices { counts[Int(feature)] += 1 }
        }
        var features: [Int32] = []
        var offsets: [Int32] = [0]
        var start = [Int32](repeating: 0, count: featureCount)
        for feature in 0..<featureCount where counts[feature] > 0 {
            start[feature] = offsets[offsets.count - 1]
            features.append(Int32(feature))
            offsets.append(offsets[offsets.count - 1] + counts[feature])
        }
        let total = Int(offsets[offsets.count - 1])
        var models = [Int32](repeating: 0, count: total)
        var weights = [Float](repeating: 0, count: total)
        for (model, vector) in vectors.enumerated() {
            for (feature, weight) in zip(vector.indices, vector.values) {
                let target = Int(start[Int(feature)])
                start[Int(feature)] += 1
                models[target] = Int32(model)
                weights[target] = weight
            }
        }
        self.init(
            featureCount: featureCount, modelCount: vectors.count, features: features, offsets: offsets,
            models: models, weights: weights, biases: vectors.map(\.bias))
    }

    private init(
        featureCount: Int, modelCount: Int, features: [Int32], offsets: [Int32], models: [Int32],
        weights: [Float], biases: [Float]
    ) {
        self.featureCount = featureCount
        self.modelCount = modelCount
        self.features = features
        self.offsets = offsets
        self.models = models
        self.weights = weights
        self.biases = biases
        if features.count * 16 >= featureCount && featureCount > 0 {
            var positions = [Int32](repeating: -1, count: featureCount)
            for (position, feature) in features.enumerated() { positions[Int(feature)] = Int32(position) }
            self.positions = positions
        } else {
            positions = nil
        }
    }

    var nonZeroCount: Int { weights.count }

    /// Calls `body(position, value)` for each feature of `x` present here, where `position`
    /// indexes `features`/`offsets`.
    @inline(__always)
    private func forEachShared(_ x: SparseVector, _ body: (Int, Float) -> Void) {
        if let positions {
            for (feature, value) in zip(x.indices, x.values) where Int(feature) < featureCount {
                let position = positions[Int(feature)]
                if position >= 0 { body(Int(position), value) }
            }
            return
        }
        // Galloping search: both lists are sorted, so each search starts where the last ended.
        var low = 0
        let count = features.count
        for (feature, value) in zip(x.indices, x.values) {
            guard low < count else { return }
            if features[low] < feature {
                var step = 1
                var high = low + 1
                while high < count && features[high] < feature {
                    low = high
                    step *= 2
                    high = low + step
                }
                high = min(high, count)
                while low < high {
                    let middle = (low + high) / 2
                    if features[middle] < feature { low = middle + 1 } else { high = middle }
                }
            }
            if low < count && features[low] == feature { body(low, value) }
        }
    }

    /// Writes every model's score for `x` (bias included) into `scores[0..<modelCount]`.
    func scores(_ x: SparseVector, into scores: inout [Float]) {
        for model in 0..<modelCount { scores[model] = biases[model] }
        offsets.withUnsafeBufferPointer { offsets in
            models.withUnsafeBufferPointer { models in
                weights.withUnsafeBufferPointer { weights in
                    scores.withUnsafeMutableBufferPointer { out in
                        forEachShared(x) { position, value in
                            for p in Int(offsets[position])..<Int(offsets[position + 1]) {
                                out[Int(models[p])] += value * weights[p]
                            }
                        }
                    }
                }
            }
        }
    }

    /// The per-feature contributions (value × weight) of `x`'s features to `model`'s score.
    func contributions(_ x: SparseVector, model: Int32) -> [(feature: Int32, contribution: Float)] {
        var result: [(feature: Int32, contribution: Float)] = []
        forEachShared(x) { position, value in
            for p in Int(offsets[position])..<Int(offsets[position + 1]) where models[p] == model {
                result.append((features[position], value * weights[p]))
            }
        }
        return result
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(featureCount))
        writer.write(UInt64(modelCount))
        writer.write(features)
        writer.write(offsets)
        writer.write(models)
        writer.write(weights)
        writer.write(biases)
    }

    init(from reader: inout BinaryReader) throws(IPAIError) {
        let featureCount = Int(try reader.read(UInt64.self))
        let modelCount = Int(try reader.read(UInt64.self))
        let features: [Int32] = try reader.readArray()
        let offsets: [Int32] = try reader.readArray()
        let models: [Int32] = try reader.readArray()
        let weights = try reader.readFloats()
        let biases = try reader.readFloats()
        guard offsets.count == features.count + 1, offsets.first == 0, offsets.last == Int32(models.count),
              models.count == weights.count, biases.count == modelCount,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              zip(features, features.dropFirst()).allSatisfy({ $0 < $1 }),
              features.first.map({ $0 >= 0 }) ?? true, features.last.map({ Int($0) < featureCount }) ?? true,
              models.allSatisfy({ $0 >= 0 && Int($0) < modelCount })
        else { throw reader.corrupt("inconsistent linear weights") }
        self.init(
            featureCount: featureCount, modelCount: modelCount, features: features, offsets: offsets,
            models: models, weights: weights, biases: biases)
    }
}
