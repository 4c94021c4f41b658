import Core
import Imaging

extension MarkRegister {
    /// Marks that look like an image, best first, with each descriptor's similarity.
    /// - Throws: `invalid_input` for an image that cannot be decoded or is over the limits.
    public func search(image: [UInt8], name: String = "query", options: MarkSearchOptions) throws(IPAIError) -> [MarkHit] {
        search(query: try imaging.query(image, name: name), options: options)
    }

    /// Marks that look like the query.
    public func search(query: QuerySignature, options: MarkSearchOptions) -> [MarkHit] {
        search(query: query, options: options, where: nil)
    }

    func search(query: QuerySignature, options: MarkSearchOptions, where extra: (@Sendable (Int64) -> Bool)?) -> [MarkHit] {
        // A copy-on-write snapshot: searches run side by side, and a change meanwhile copies.
        let snapshot: MarkRegisterState = state.withLock { $0 }
        let entries: [Int64: MarkRegisterState.Entry] = snapshot.entries
        let filter = options.filter
        let excluding = options.excluding
        var allowed: (@Sendable (Int64) -> Bool)? = nil
        if !filter.isEmpty || excluding != nil || extra != nil {
            allowed = { (id: Int64) -> Bool in
                guard id != excluding, let entry = entries[id] else { return false }
                if let extra, !extra(id) { return false }
                return filter.allows(vienna: entry.vienna, nice: entry.nice, status: entry.status)
            }
        }
        let weights = options.weights ?? .default
        var matches: [MarkMatch] = snapshot.index.search(query, mode: options.mode, weights: weights, count: options.count, allowed: allowed)
        if options.mode != .duplicate && snapshot.centres.count > 0 && options.count > 0 {
            matches = Self.merged(
                matches,
                snapshot.centres.searchView(query, mode: options.mode, weights: weights, count: options.count, allowed: allowed).map(\.match),
                count: options.count)
        }
        return matches.map { (match: MarkMatch) -> MarkHit in
            MarkHit(
                id: match.id, externalID: entries[match.id]?.externalID ?? String(match.id), score: Double(match.score),
                similarities: Self.explained(match.similarities), view: match.view)
        }
    }

    /// How much a match on a mark's centre view counts against one on the whole mark: the query may be a
    /// detail of the mark, but a whole-mark match of the same strength is the better answer.
    static let centreDiscount: Float = 0.97

    /// Whole-mark matches and centre-view matches (discounted) as one ranking, each mark once at its best.
    static func merged(_ whole: [MarkMatch], _ centres: [MarkMatch], count: Int) -> [MarkMatch] {
        var best: [Int64: MarkMatch] = [:]
        for match in whole { best[match.id] = match }
        for found in centres {
            let match = MarkMatch(id: found.id, score: found.score * centreDiscount, similarities: found.similarities, view: .centre)
            if let kept = best[match.id], kept.score >= match.score { continue }
            best[match.id] = match
        }
        return best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(count).map { $0 }
    }

    /// "More like this": marks that look like mark `id`, leaving it out.
    /// - Throws: `not_found` if the mark is not in the register or has no image.
    public func similar(to id: Int64, options: MarkSearchOptions) throws(IPAIError) -> [MarkHit] {
        guard let signature = state.withLock({ $0.index.signature(of: id) }) else {
            throw IPAIError(.notFound, "mark \(id) is not in the register or has no image", at: InputLocation(field: "id", value: String(id)))
        }
        var options = options
        options.excluding = id
        return search(query: QuerySignature(signature: signature), options: options)
    }

    /// Each descriptor's similarity by the name the CLI, API and page show.
    static func explained(_ similarities: DescriptorSimilarities) -> [String: Double] {
        [
            "hog": Double(similarities.hog), "zernike": Double(similarities.zernike), "contour": Double(similarities.contour),
            "colour": Double(similarities.colour), "hash": Double(similarities.hash),
        ]
    }
}
