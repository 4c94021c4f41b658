import Foundation
import Core
import Imaging

extension MarkIndex {
    /// Marks most like the query, best first.
    ///
    /// - Parameters:
    ///   - query: the searched-for mark (``QuerySignature``).
    ///   - mode: shape (colour-blind), colour, composite (fused by `weights`) or duplicate (hash distance).
    ///   - weights: the weight of each mode in composite search; colour counts for nothing when the
    ///     query is black and white.
    ///   - count: how many results at most.
    ///   - allowed: a filter on mark ids (Vienna codes, Nice classes, status…), applied before ranking.
    /// - Returns: up to `count` matches with their score (0…1) and per-descriptor similarities.
    ///
    /// Complexity: one scan of every mark's compact HOG (in each query view's eight poses), Zernike, contour and
    /// colour vectors (on every core beyond 20,000 marks), then, per view, a rerank of max(10 × count, 1,000)
    /// candidates.
    public func search(
        _ query: QuerySignature, mode: MarkSearchMode, weights: MarkSearchWeights = .default, count: Int = 20,
        allowed: (@Sendable (Int64) -> Bool)? = nil
    ) -> [MarkMatch] {
        guard count > 0, !ids.isEmpty else { return [] }
        var best: [Int64: (match: MarkMatch, shape: Float)] = [:]
        for found in searchViews([query] + query.parts, mode: mode, weights: weights, count: count, allowed: allowed).joined() {
            if let kept = best[found.match.id], kept.match.score >= found.match.score { continue }
            best[found.match.id] = found
        }
        return best.values.sorted { a, b in
            if a.match.score != b.match.score { return a.match.score > b.match.score }
            if a.shape != b.shape { return a.shape > b.shape }
            return a.match.id < b.match.id
        }.prefix(count).map(\.match)
    }

    /// One view of the query on its own: matches with their shape scores.
    func searchView(
        _ query: QuerySignature, mode: MarkSearchMode, weights: MarkSearchWeights, count: Int,
        allowed: (@Sendable (Int64) -> Bool)?
    ) -> [(match: MarkMatch, shape: Float)] {
        guard count > 0, !ids.isEmpty else { return [] }
        return searchViews([query], mode: mode, weights: weights, count: count, allowed: allowed)[0]
    }

    /// Views of the query (the whole image, its parts, its negative): for each, its matches with their shape
    /// scores. One scan of the index serves every view: the scan is bound by reading the vectors, not by the
    /// arithmetic, so a view more costs little.
    func searchViews(
        _ views: [QuerySignature], mode: MarkSearchMode, weights: MarkSearchWeights, count: Int,
        allowed: (@Sendable (Int64) -> Bool)?
    ) -> [[(match: MarkMatch, shape: Float)]] {
        let plans = views.map { ViewPlan($0, mode: mode, weights: weights) }
        let keep = mode == .duplicate ? max(10 * count, 200) : max(10 * count, 1000)
        let candidates = coarseCandidates(plans, mode: mode, keep: keep, allowed: allowed)
        return zip(plans, candidates).map { plan, slots in
            let weights = plan.weights, query = plan.query
            return slots.map { slot -> (match: MarkMatch, shape: Float) in
                let similarities = query.similarities(to: signature(at: Int(slot)))
                let shape = weights.shapeParts.score(similarities)
                let score: Float
                switch mode {
                case .shape: score = shape
                case .colour: score = similarities.colour
                case .duplicate: score = similarities.hash
                case .composite:
                    score = (weights.shape * shape + weights.colour * similarities.colour + weights.duplicate * similarities.hash)
                        / (weights.shape + weights.colour + weights.duplicate)
                }
                return (MarkMatch(id: ids[Int(slot)], score: score, similarities: similarities, view: MatchedView(query.view)), shape)
            }
        }
    }

    /// How one view is scored: its weights (for a black-and-white view, colour is lightness and counts less) and the
    /// shares of each compact vector.
    struct ViewPlan {
        let query: QuerySignature
        let weights: MarkSearchWeights
        let scan: Scan

        /// The first stage's numbers for the view (plain values, read for every mark).
        struct Scan {
            var useShape = false, useColour = false
            var shapeShare: Float = 0, colourShare: Float = 0
            var hogWeight: Float = 0, zernikeWeight: Float = 0, contourWeight: Float = 0
            var poses = 0
        }

        init(_ query: QuerySignature, mode: MarkSearchMode, weights: MarkSearchWeights) {
            var weights = weights
            // A black-and-white query's colour is its lightness: a tie-break between marks of one shape.
            if query.isAchromatic { weights.colour *= MarkIndex.achromaticColourWeight }
            if weights.shape + weights.colour + weights.duplicate <= 0 { weights = .default }
            self.query = query
            self.weights = weights
            var scan = Scan()
            // The compact stage ranks by the rotation-invariant parts of shape, evenly if HOG alone is asked for.
            let w = weights.shapeParts
            let parts = w.hog + w.zernike + w.contour
            scan.hogWeight = parts > 0 ? w.hog / parts : 1
            scan.zernikeWeight = parts > 0 ? w.zernike / parts : 0
            scan.contourWeight = parts > 0 ? w.contour / parts : 0
            scan.useShape = mode == .shape || (mode == .composite && weights.shape > 0)
            scan.useColour = mode == .colour || (mode == .composite && weights.colour > 0 && !query.isAchromatic)
            let sum = weights.shape + weights.colour + weights.duplicate
            scan.shapeShare = mode == .composite ? weights.shape / sum : 1
            scan.colourShare = mode == .composite ? weights.colour / sum : 1
            scan.poses = min(8, query.hogVariants.count)
            self.scan = scan
        }
    }

    /// How much colour (then lightness alone) counts for a black-and-white query, against a colour query.
    static let achromaticColourWeight: Float = 0.25

    /// First stage: for each view, the `keep` slots with the best compact score among allowed marks.
    func coarseCandidates(
        _ plans: [ViewPlan], mode: MarkSearchMode, keep: Int, allowed: (@Sendable (Int64) -> Bool)?
    ) -> [[Int32]] {
        let total = ids.count
        let views = plans.count
        let threads = total >= 20_000 ? Parallel.defaultThreadCount : 1
        // Each view's query vectors, padded to the index's strides and laid side by side; the HOG in its eight
        // quarter-turn and mirror poses (the ±15° ones wait for the rerank).
        let queryZernike = plans.flatMap { Self.padded($0.query.signature.zernike, Self.zernikeStride) }
        let queryContour = plans.flatMap { Self.padded($0.query.signature.contourFourier, Self.contourStride) }
        let queryColour = plans.flatMap { Self.padded($0.query.signature.colourHistogram, Self.colourStride) }
        let queryHOG = plans.flatMap { plan in
            (0..<8).flatMap { pose in
                pose < plan.scan.poses ? Self.compact(plan.query.hogVariants[pose]) : [Float](repeating: 0, count: Self.compactHOGStride)
            }
        }
        let hashVariants = plans.map(\.query.hashVariants)
        let scans = plans.map(\.scan)
        let zernikeScale = -1 / ZernikeMoments.distanceScale, contourScale = -1 / ContourFourier.distanceScale
        let found: [(view: Int, score: Float, slot: Int32)] = Parallel.map(count: total, threads: threads, chunkSize: max(4096, total / (threads * 4))) {
            range in
            var tops = [TopScores](repeating: TopScores(capacity: keep), count: views)
            ids.withUnsafeBufferPointer { ids in
            zernike.withUnsafeBufferPointer { zernike in
            contour.withUnsafeBufferPointer { contour in
            colour.withUnsafeBufferPointer { colour in
            hashes.withUnsafeBufferPointer { hashes in
            compactHOG.withUnsafeBufferPointer { hog in
            queryHOG.withUnsafeBufferPointer { qg in
            queryZernike.withUnsafeBufferPointer { qz in
            queryContour.withUnsafeBufferPointer { qc in
            queryColour.withUnsafeBufferPointer { qh in
            scans.withUnsafeBufferPointer { scans in
                for slot in range {
                    if let allowed, !allowed(ids[slot]) { continue }
                    let zernikeRow = zernike.baseAddress! + slot * Self.zernikeStride
                    let contourRow = contour.baseAddress! + slot * Self.contourStride
                    let colourRow = colour.baseAddress! + slot * Self.colourStride
                    let hogRow = hog.baseAddress! + slot * Self.compactHOGStride
                    for view in 0..<views {
                        let plan = scans[view]
                        var score: Float = 0
                        if mode == .duplicate {
                            var distance = 64
                            for variant in hashVariants[view] { distance = min(distance, (variant ^ hashes[slot]).nonzeroBitCount) }
                            score = Float(64 - distance)
                        } else {
                            if plan.useShape {
                                let dz = VectorKernels.squaredDistance(qz.baseAddress! + view * Self.zernikeStride, zernikeRow, count: Self.zernikeStride)
                                let dc = VectorKernels.squaredDistance(qc.baseAddress! + view * Self.contourStride, contourRow, count: Self.contourStride)
                                let poses = qg.baseAddress! + view * 8 * Self.compactHOGStride
                                var best: Float = 0
                                for pose in 0..<plan.poses {
                                    best = max(best, VectorKernels.dot(poses + pose * Self.compactHOGStride, hogRow, count: Self.compactHOGStride))
                                }
                                score += plan.shapeShare * (plan.hogWeight * best + plan.zernikeWeight * expf(dz.squareRoot() * zernikeScale)
                                    + plan.contourWeight * expf(dc.squareRoot() * contourScale))
                            }
                            if plan.useColour {
                                score += plan.colourShare
                                    * VectorKernels.intersection(qh.baseAddress! + view * Self.colourStride, colourRow, count: Self.colourStride)
                            }
                        }
                        if score > tops[view].threshold { tops[view].insert(score, Int32(slot)) }
                    }
                }
            }}}}}}}}}}}
            return tops.enumerated().flatMap { view, top in zip(top.scores, top.slots).map { (view, $0, $1) } }
        }
        var tops = [TopScores](repeating: TopScores(capacity: keep), count: views)
        for (view, score, slot) in found { tops[view].insert(score, slot) }
        return tops.map { $0.sortedSlots() }
    }

    static func padded(_ values: [Float], _ stride: Int) -> [Float] {
        (0..<stride).map { $0 < values.count ? values[$0] : 0 }
    }
}
