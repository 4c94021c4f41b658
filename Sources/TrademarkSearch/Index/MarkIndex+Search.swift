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
    /// Complexity: one scan of every mark's compact HOG (in the query's eight poses), Zernike, contour and colour
    /// vectors (on every core beyond 20,000 marks), then a rerank of max(10 × count, 1,000) candidates.
    public func search(
        _ query: QuerySignature, mode: MarkSearchMode, weights: MarkSearchWeights = .default, count: Int = 20,
        allowed: (@Sendable (Int64) -> Bool)? = nil
    ) -> [MarkMatch] {
        guard count > 0, !ids.isEmpty else { return [] }
        var best: [Int64: (match: MarkMatch, shape: Float)] = [:]
        for view in [query] + query.parts {
            for found in searchView(view, mode: mode, weights: weights, count: count, allowed: allowed) {
                if let kept = best[found.match.id], kept.match.score >= found.match.score { continue }
                best[found.match.id] = found
            }
        }
        return best.values.sorted { a, b in
            if a.match.score != b.match.score { return a.match.score > b.match.score }
            if a.shape != b.shape { return a.shape > b.shape }
            return a.match.id < b.match.id
        }.prefix(count).map(\.match)
    }

    /// One view of the query (the whole image, or its dominant part): matches with their shape scores.
    func searchView(
        _ query: QuerySignature, mode: MarkSearchMode, weights: MarkSearchWeights, count: Int,
        allowed: (@Sendable (Int64) -> Bool)?
    ) -> [(match: MarkMatch, shape: Float)] {
        var weights = weights
        if query.isAchromatic { weights.colour = 0 }
        if weights.shape + weights.colour + weights.duplicate <= 0 { weights = .default }
        let keep = mode == .duplicate ? max(10 * count, 200) : max(10 * count, 1000)
        let candidates = coarseCandidates(query, mode: mode, weights: weights, keep: keep, allowed: allowed)
        return candidates.map { slot -> (match: MarkMatch, shape: Float) in
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
            return (MarkMatch(id: ids[Int(slot)], score: score, similarities: similarities), shape)
        }
    }

    /// First stage: the `keep` slots with the best compact score among allowed marks.
    func coarseCandidates(
        _ query: QuerySignature, mode: MarkSearchMode, weights: MarkSearchWeights, keep: Int,
        allowed: (@Sendable (Int64) -> Bool)?
    ) -> [Int32] {
        let total = ids.count
        let threads = total >= 20_000 ? Parallel.defaultThreadCount : 1
        let queryZernike = Self.padded(query.signature.zernike, Self.zernikeStride)
        let queryContour = Self.padded(query.signature.contourFourier, Self.contourStride)
        let queryColour = Self.padded(query.signature.colourHistogram, Self.colourStride)
        let hashVariants = query.hashVariants
        // The eight quarter-turn and mirror poses of the query's HOG, side by side (the ±15° ones wait for the rerank).
        let queryHOG = Array(query.hogVariants.prefix(8).map(Self.compact).joined())
        let poses = min(8, query.hogVariants.count)
        // The compact stage ranks by the rotation-invariant parts of shape, evenly if HOG alone is asked for.
        let w = weights.shapeParts
        let parts = w.hog + w.zernike + w.contour
        let hogWeight = parts > 0 ? w.hog / parts : 1
        let zernikeWeight = parts > 0 ? w.zernike / parts : 0, contourWeight = parts > 0 ? w.contour / parts : 0
        let zernikeScale = -1 / ZernikeMoments.distanceScale, contourScale = -1 / ContourFourier.distanceScale
        let useShape = mode == .shape || (mode == .composite && weights.shape > 0)
        let useColour = mode == .colour || (mode == .composite && weights.colour > 0)
        let sum = weights.shape + weights.colour + weights.duplicate
        let shapeShare = mode == .composite ? weights.shape / sum : 1
        let colourShare = mode == .composite ? weights.colour / sum : 1
        let chunks: [(Float, Int32)] = Parallel.map(count: total, threads: threads, chunkSize: max(4096, total / (threads * 4))) {
            range in
            var top = TopScores(capacity: keep)
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
                for slot in range {
                    if let allowed, !allowed(ids[slot]) { continue }
                    var score: Float = 0
                    if mode == .duplicate {
                        var distance = 64
                        for variant in hashVariants { distance = min(distance, (variant ^ hashes[slot]).nonzeroBitCount) }
                        score = Float(64 - distance)
                    } else {
                        if useShape {
                            let dz = Kernels.squaredDistance(qz.baseAddress!, zernike.baseAddress! + slot * Self.zernikeStride, Self.zernikeStride / 8)
                            let dc = Kernels.squaredDistance(qc.baseAddress!, contour.baseAddress! + slot * Self.contourStride, Self.contourStride / 8)
                            let row = hog.baseAddress! + slot * Self.compactHOGStride
                            var best: Float = 0
                            for pose in 0..<poses {
                                best = max(best, Kernels.dot(qg.baseAddress! + pose * Self.compactHOGStride, row, Self.compactHOGStride / 8))
                            }
                            score += shapeShare * (hogWeight * best + zernikeWeight * expf(dz.squareRoot() * zernikeScale)
                                + contourWeight * expf(dc.squareRoot() * contourScale))
                        }
                        if useColour {
                            score += colourShare * Kernels.intersection(qh.baseAddress!, colour.baseAddress! + slot * Self.colourStride, Self.colourStride / 8)
                        }
                    }
                    if score > top.threshold { top.insert(score, Int32(slot)) }
                }
            }}}}}}}}}}
            return Array(zip(top.scores, top.slots))
        }
        var top = TopScores(capacity: keep)
        for (score, slot) in chunks { top.insert(score, slot) }
        return top.sortedSlots()
    }

    static func padded(_ values: [Float], _ stride: Int) -> [Float] {
        (0..<stride).map { $0 < values.count ? values[$0] : 0 }
    }
}

/// SIMD kernels over padded vectors (lengths in groups of 8 floats).
enum Kernels {
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ groups: Int) -> Float {
        var sum = SIMD8<Float>()
        for g in 0..<groups {
            let d = UnsafeRawPointer(a + g * 8).loadUnaligned(as: SIMD8<Float>.self)
                - UnsafeRawPointer(b + g * 8).loadUnaligned(as: SIMD8<Float>.self)
            sum += d * d
        }
        return sum.sum()
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ groups: Int) -> Float {
        var sum = SIMD8<Float>()
        for g in 0..<groups {
            sum += UnsafeRawPointer(a + g * 8).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + g * 8).loadUnaligned(as: SIMD8<Float>.self)
        }
        return sum.sum()
    }

    @inline(__always)
    static func intersection(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ groups: Int) -> Float {
        var sum = SIMD8<Float>()
        for g in 0..<groups {
            sum += pointwiseMin(
                UnsafeRawPointer(a + g * 8).loadUnaligned(as: SIMD8<Float>.self),
                UnsafeRawPointer(b + g * 8).loadUnaligned(as: SIMD8<Float>.self))
        }
        return sum.sum()
    }
}
