import Foundation
import Testing
@testable import Learning

@Test func rankingMetricsOnAWorkedExample() {
    var metrics = RankingMetrics()
    // Gold {B, D}; ranked A B C D E: hits at ranks 2 and 4.
    metrics.add(ranked: ["A", "B", "C", "D", "E"], gold: ["B", "D"])
    #expect(metrics.precision(at: 1) == 0)
    #expect(abs(metrics.precision(at: 3) - 1.0 / 3) < 1e-12)
    #expect(metrics.recall(at: 5) == 1)
    let dcg = 1 / log2(3.0) + 1 / log2(5.0)
    let ideal = 1 + 1 / log2(3.0)
    #expect(abs(metrics.ndcg(at: 5) - dcg / ideal) < 1e-12)
    // F1@5: P = 0.4, R = 1.
    #expect(abs(metrics.f1(at: 5) - 2 * 0.4 / 1.4) < 1e-12)
    // A second document averages in; one without gold labels is ignored.
    metrics.add(ranked: ["X"], gold: ["X"])
    metrics.add(ranked: ["X"], gold: Set<String>())
    #expect(metrics.documents == 2)
    #expect(metrics.precision(at: 1) == 0.5)
}
