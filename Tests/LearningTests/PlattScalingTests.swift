import Testing
@testable import Learning

@Test func plattScalingMatchesScikitLearnSigmoidCalibration() {
    let scores = [2.1, -0.3, 0.8, -1.5, 0.2, 1.1, -0.7, 0.05, 1.7, -2.0]
    let outcomes = [true, false, true, false, false, true, false, true, true, false]
    let platt = PlattScaling.fit(scores: scores, outcomes: outcomes)
    // scikit-learn 1.x `_sigmoid_calibration` on the same data.
    #expect(abs(platt.a - -1.2274323) < 1e-3)
    #expect(abs(platt.b - 0.2033651) < 1e-3)
    #expect(platt.probability(2) > platt.probability(0))
    #expect((0...1).contains(platt.probability(-50)) && (0...1).contains(platt.probability(50)))
}
