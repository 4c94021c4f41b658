import Foundation

/// Ranking measures of multi-label predictions, averaged over documents.
///
/// Per document, with `gold` the true labels and `ranked` the predictions best first:
/// P@k = |top-k ∩ gold| / k; R@k = |top-k ∩ gold| / |gold|; F1@k their harmonic mean;
/// NDCG@k = DCG@k / ideal DCG@k with binary gains and discount 1/log2(rank + 1).
///
/// ```swift
/// var metrics = RankingMetrics()
/// metrics.add(ranked: ["G06F", "H04L"], gold: ["H04L"])
/// metrics.precision(at: 1)   // 0.0
/// ```
public struct RankingMetrics: Sendable, Codable, Equatable {
    public static let depths = [1, 2, 3, 4, 5]
    public private(set) var documents = 0
    private var precisionSums = [Double](repeating: 0, count: 5)
    private var recallSums = [Double](repeating: 0, count: 5)
    private var f1Sums = [Double](repeating: 0, count: 5)
    private var ndcgSums = [Double](repeating: 0, count: 5)

    public init() {}

    /// Adds one document. Documents without gold labels are not counted.
    public mutating func add<Label: Hashable>(ranked: [Label], gold: Set<Label>) {
        guard !gold.isEmpty else { return }
        documents += 1
        var hits = 0
        var dcg = 0.0
        var ideal = 0.0
        for depth in 1...5 {
            let discount = 1 / log2(Double(depth) + 1)
            if depth <= ranked.count, gold.contains(ranked[depth - 1]) {
                hits += 1
                dcg += discount
            }
            if depth <= gold.count { ideal += discount }
            let precision = Double(hits) / Double(depth)
            let recall = Double(hits) / Double(gold.count)
            precisionSums[depth - 1] += precision
            recallSums[depth - 1] += recall
            f1Sums[depth - 1] += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            ndcgSums[depth - 1] += dcg / ideal
        }
    }

    /// Merges another accumulator (e.g. from another thread or fold).
    public mutating func merge(_ other: RankingMetrics) {
        documents += other.documents
        for index in 0..<5 {
            precisionSums[index] += other.precisionSums[index]
            recallSums[index] += other.recallSums[index]
            f1Sums[index] += other.f1Sums[index]
            ndcgSums[index] += other.ndcgSums[index]
        }
    }

    private func mean(_ sums: [Double], _ k: Int) -> Double {
        precondition((1...5).contains(k), "depth must be 1...5")
        return documents == 0 ? 0 : sums[k - 1] / Double(documents)
    }

    public func precision(at k: Int) -> Double { mean(precisionSums, k) }
    public func recall(at k: Int) -> Double { mean(recallSums, k) }
    public func f1(at k: Int) -> Double { mean(f1Sums, k) }
    public func ndcg(at k: Int) -> Double { mean(ndcgSums, k) }
}
