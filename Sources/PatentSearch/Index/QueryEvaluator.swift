import Foundation

/// Evaluates a parsed query on an index: Boolean operators on document bitsets; words, phrases and
/// proximity groups first as document sets (postings decoded into bits), then, for proximity, as word spans
/// decoded only for the documents that have every word of the group.
struct QueryEvaluator {
    let index: SearchIndex
    /// Dictionary matches per (pattern, fields), computed once per query: cost estimates and evaluation share them.
    private let matches = MatchCache()

    init(index: SearchIndex) { self.index = index }

    final class MatchCache {
        var terms: [TermPattern: [UInt8: [(term: Int, field: Int)]]] = [:]
    }

    /// Word spans, sorted by document, then start, then end. A position is `field << 27 | word position`,
    /// so spans of different fields are never near each other.
    struct Spans {
        var documents: [UInt32] = []
        var starts: [UInt32] = []
        var ends: [UInt32] = []

        mutating func append(_ document: UInt32, _ start: UInt32, _ end: UInt32) {
            documents.append(document)
            starts.append(start)
            ends.append(end)
        }

        var count: Int { documents.count }
    }

    /// The documents matching `node`; with a filter, only those in it (words then decode only the postings
    /// blocks that hold a document of the filter).
    func documents(_ node: QueryNode, within filter: DocumentSet?) -> DocumentSet {
        switch node {
        case .term(let pattern, let fields):
            return termDocuments(pattern, fields, within: filter)
        case .phrase, .proximity:
            let candidates = superset(node, within: filter)
            guard !candidates.isEmpty else { return candidates }
            let spans = spans(node, within: candidates)
            var result = DocumentSet(capacity: index.documentCount)
            for document in spans.documents { result.insert(Int(document)) }
            return result
        default:
            let result = documents(node)
            return filter.map { result.intersection($0) } ?? result
        }
    }

    func documents(_ node: QueryNode) -> DocumentSet {
        switch node {
        case .term, .phrase, .proximity:
            return documents(node, within: nil)
        case .or(let children):
            var result = DocumentSet(capacity: index.documentCount)
            for child in children { result = result.union(documents(child)) }
            return result
        case .and(let children):
            // The cheapest operand first; words and proximity groups after it decode only what it left.
            let ordered = children.map { (estimate($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            var result = documents(ordered[0])
            for child in ordered.dropFirst() {
                if result.isEmpty { break }
                result = documents(child, within: result)
            }
            return result
        case .not(let kept, let removed):
            let left = documents(kept)
            return left.isEmpty ? left : left.subtracting(documents(removed))
        case .notAll(let removed):
            return index.all.subtracting(documents(removed))
        case .classification(let pattern):
            return symbolDocuments(pattern)
        case .year(let range, let priority):
            return column(priority ? index.priorityYears : index.publicationYears, range)
        case .date(let range):
            var result = DocumentSet(capacity: index.documentCount)
            index.publicationDates.withUnsafeBufferPointer { dates in
                for number in 0..<dates.count where dates[number] != 0 && range.contains(Int(dates[number])) {
                    result.insert(number)
                }
            }
            return result
        case .country(let code):
            var result = DocumentSet(capacity: index.documentCount)
            guard let found = index.countries.firstIndex(of: code) else { return result }
            let wanted = UInt16(found + 1)
            index.countryNumbers.withUnsafeBufferPointer { numbers in
                for number in 0..<numbers.count where numbers[number] == wanted { result.insert(number) }
            }
            return result
        }
    }

    func column(_ values: [UInt16], _ range: ClosedRange<Int>) -> DocumentSet {
        var result = DocumentSet(capacity: index.documentCount)
        values.withUnsafeBufferPointer { values in
            for number in 0..<values.count where values[number] != 0 && range.contains(Int(values[number])) {
                result.insert(number)
            }
        }
        return result
    }

    /// The documents that have every word of a span node (a superset of its matches), within `filter` if given.
    func superset(_ node: QueryNode, within filter: DocumentSet? = nil) -> DocumentSet {
        switch node {
        case .term(let pattern, let fields): return termDocuments(pattern, fields, within: filter)
        case .phrase(let patterns, let fields):
            let ordered = patterns.sorted { documentFrequency($0, fields) < documentFrequency($1, fields) }
            var result = termDocuments(ordered[0], fields, within: filter)
            for pattern in ordered.dropFirst() where !result.isEmpty {
                result = termDocuments(pattern, fields, within: result)
            }
            return result
        case .proximity(let left, let right, _, _):
            let (first, second) = estimate(left) <= estimate(right) ? (left, right) : (right, left)
            let firstSet = superset(first, within: filter)
            return firstSet.isEmpty ? firstSet : superset(second, within: firstSet)
        case .or(let children):
            var result = DocumentSet(capacity: index.documentCount)
            for child in children { result = result.union(superset(child, within: filter)) }
            return result
        default:
            let result = documents(node)
            return filter.map { result.intersection($0) } ?? result
        }
    }

    /// A rough cost of evaluating a node: the postings it decodes. Value restrictions scan a column.
    func estimate(_ node: QueryNode) -> Int {
        switch node {
        case .term(let pattern, let fields): return documentFrequency(pattern, fields)
        case .phrase(let patterns, let fields): return patterns.map { documentFrequency($0, fields) }.min() ?? 0
        case .proximity(let left, let right, _, _): return min(estimate(left), estimate(right))
        case .or(let children): return children.reduce(0) { $0 + estimate($1) }
        case .and(let children): return children.map(estimate).min() ?? 0
        case .not(let kept, _): return estimate(kept)
        default: return index.documentCount
        }
    }

    func documentFrequency(_ pattern: TermPattern, _ fields: TextFields) -> Int {
        matchingTerms(pattern, fields).reduce(0) { $0 + Int(index.termDocumentCounts[$1.term]) }
    }

    // MARK: Terms

    /// The indices of the dictionary terms a pattern matches in the given fields, with each term's field.
    func matchingTerms(_ pattern: TermPattern, _ fields: TextFields) -> [(term: Int, field: Int)] {
        if let known = matches.terms[pattern]?[fields.rawValue] { return known }
        let found = lookUp(pattern, fields)
        matches.terms[pattern, default: [:]][fields.rawValue] = found
        return found
    }

    func lookUp(_ pattern: TermPattern, _ fields: TextFields) -> [(term: Int, field: Int)] {
        var result: [(Int, Int)] = []
        index.termBlob.withUnsafeBufferPointer { blob in
            for field in fields.fieldNumbers {
                var prefix: [UInt8] = [UInt8(field)]
                prefix.append(contentsOf: pattern.bytes[0..<pattern.literalPrefixCount])
                var low = 0
                var high = index.termEnds.count
                while low < high {
                    let middle = (low + high) / 2
                    let key = UnsafeBufferPointer(rebasing: blob[index.termRange(middle)])
                    if ClassificationPattern.less(key, prefix) { low = middle + 1 } else { high = middle }
                }
                var term = low
                while term < index.termEnds.count {
                    let key = UnsafeBufferPointer(rebasing: blob[index.termRange(term)])
                    guard ClassificationPattern.hasPrefix(key, prefix) else { break }
                    if !pattern.hasWildcards {
                        if key.count == prefix.count { result.append((term, field)) }
                        break
                    }
                    if pattern.matches(UnsafeBufferPointer(rebasing: key[1...])) { result.append((term, field)) }
                    term += 1
                }
            }
        }
        return result
    }

    /// Calls `body(document, positionStart, positionEnd)` for each posting of a term in document order, or,
    /// with a filter, for the postings of documents in the filter, jumping over skip blocks that hold none.
    @inline(__always)
    func forEachPosting(_ term: Int, within filter: DocumentSet?, _ body: (UInt32, Int, Int) -> Void) {
        index.documentStream.withUnsafeBufferPointer { stream in
            guard let base = stream.baseAddress else { return }
            let skips = index.skips
            var offset = Int(index.termDocumentStarts[term])
            let end = Int(index.termDocumentStarts[term + 1])
            var positionOffset = Int(index.termPositionStarts[term])
            let positionLimit = Int(index.termPositionStarts[term + 1])
            var block = Int(skips.termStarts[term])
            let blockEnd = Int(skips.termStarts[term + 1])
            var document: UInt32 = 0
            var first = true
            while offset < end {
                if block < blockEnd, offset == Int(skips.documentOffsets[block]) {
                    if let filter {
                        let low = Int(skips.firstDocuments[block])
                        let high = block + 1 < blockEnd ? Int(skips.firstDocuments[block + 1]) : index.documentCount
                        if !filter.intersects(low..<high) {
                            guard block + 1 < blockEnd else { return }
                            let next = Int(skips.documentOffsets[block + 1])
                            guard next > offset, next <= end else { return }  // a malformed table: stop, do not loop
                            offset = next
                            positionOffset = Int(skips.positionOffsets[block + 1])
                            document = skips.previousDocuments[block + 1]
                            first = false
                            block += 1
                            continue
                        }
                    }
                    block += 1
                }
                let gap = Varint.read(base, &offset, end: end)
                document = first ? gap : document &+ gap
                first = false
                guard offset < end else { return }
                let length = Int(Varint.read(base, &offset, end: end))
                let stop = min(positionOffset + length, positionLimit)
                if filter?.contains(Int(document)) ?? true { body(document, positionOffset, stop) }
                positionOffset = stop
            }
        }
    }

    func termDocuments(_ pattern: TermPattern, _ fields: TextFields, within filter: DocumentSet? = nil) -> DocumentSet {
        var result = DocumentSet(capacity: index.documentCount)
        let count = index.documentCount
        for (term, _) in matchingTerms(pattern, fields) {
            result.words.withUnsafeMutableBufferPointer { bits in
                forEachPosting(term, within: filter) { document, _, _ in
                    let number = Int(document)
                    if number < count { bits[number >> 6] |= 1 << UInt64(number & 63) }
                }
            }
        }
        return result
    }

    /// Every occurrence of a pattern in candidate documents, as one-word spans.
    func termSpans(_ pattern: TermPattern, _ fields: TextFields, within candidates: DocumentSet) -> Spans {
        let terms = matchingTerms(pattern, fields)
        var occurrences: [UInt64] = []
        index.positionStream.withUnsafeBufferPointer { positions in
            guard let positionBase = positions.baseAddress else { return }
            for (term, field) in terms {
                let fieldBits = UInt64(field) << 27
                forEachPosting(term, within: candidates) { document, start, stop in
                    var at = start
                    var position: UInt32 = 0
                    var firstPosition = true
                    let high = UInt64(document) << 32 | fieldBits
                    while at < stop {
                        let delta = Varint.read(positionBase, &at, end: stop)
                        position = firstPosition ? delta : position &+ delta
                        firstPosition = false
                        occurrences.append(high | UInt64(position & 0x07FF_FFFF))
                    }
                }
            }
        }
        if terms.count > 1 {
            occurrences.sort()
            var unique: [UInt64] = []
            unique.reserveCapacity(occurrences.count)
            for value in occurrences where unique.last != value { unique.append(value) }
            occurrences = unique
        }
        var spans = Spans()
        spans.documents.reserveCapacity(occurrences.count)
        spans.starts.reserveCapacity(occurrences.count)
        spans.ends.reserveCapacity(occurrences.count)
        for value in occurrences {
            let position = UInt32(truncatingIfNeeded: value)
            spans.append(UInt32(value >> 32), position, position)
        }
        return spans
    }

    // MARK: Spans

    func spans(_ node: QueryNode, within candidates: DocumentSet) -> Spans {
        switch node {
        case .term(let pattern, let fields):
            return termSpans(pattern, fields, within: candidates)
        case .phrase(let patterns, let fields):
            var result = termSpans(patterns[0], fields, within: candidates)
            for pattern in patterns.dropFirst() where result.count > 0 {
                result = Self.near(result, termSpans(pattern, fields, within: candidates), distance: 0, ordered: true)
            }
            return result
        case .proximity(let left, let right, let distance, let ordered):
            let leftSpans = spans(left, within: candidates)
            guard leftSpans.count > 0 else { return leftSpans }
            return Self.near(leftSpans, spans(right, within: candidates), distance: distance, ordered: ordered)
        case .or(let children):
            var all: [(UInt32, UInt32, UInt32)] = []
            for child in children {
                let part = spans(child, within: candidates)
                for index in 0..<part.count { all.append((part.documents[index], part.starts[index], part.ends[index])) }
            }
            all.sort { $0 < $1 }
            var result = Spans()
            var previous: (UInt32, UInt32, UInt32)?
            for span in all where previous.map({ $0 != span }) ?? true {
                result.append(span.0, span.1, span.2)
                previous = span
            }
            return result
        default:
            return Spans()
        }
    }

    /// Pairs of spans of the same document whose gap is at most `distance` words: `right` after `left`
    /// (ordered) or either way round. A pair becomes the span from the first start to the last end.
    static func near(_ left: Spans, _ right: Spans, distance: Int, ordered: Bool) -> Spans {
        var result = Spans()
        var i = 0
        var j = 0
        var found: [(UInt32, UInt32)] = []
        let limit = UInt32(clamping: distance)
        while i < left.count && j < right.count {
            let document = left.documents[i]
            if right.documents[j] < document {
                j += 1
                continue
            }
            if right.documents[j] > document {
                i += 1
                continue
            }
            var leftEnd = i
            while leftEnd < left.count && left.documents[leftEnd] == document { leftEnd += 1 }
            var rightEnd = j
            while rightEnd < right.count && right.documents[rightEnd] == document { rightEnd += 1 }
            found.removeAll(keepingCapacity: true)
            for a in i..<leftEnd {
                let aStart = left.starts[a], aEnd = left.ends[a]
                for b in j..<rightEnd {
                    let bStart = right.starts[b], bEnd = right.ends[b]
                    if bStart > aEnd, bStart - aEnd - 1 <= limit {
                        found.append((aStart, bEnd))
                    } else if !ordered, aStart > bEnd, aStart - bEnd - 1 <= limit {
                        found.append((bStart, aEnd))
                    }
                }
            }
            if !found.isEmpty {
                found.sort { $0 < $1 }
                var previous: (UInt32, UInt32)?
                for span in found where previous.map({ $0 != span }) ?? true {
                    result.append(document, span.0, span.1)
                    previous = span
                }
            }
            i = leftEnd
            j = rightEnd
        }
        return result
    }

    // MARK: Classification

    func symbolDocuments(_ pattern: ClassificationPattern) -> DocumentSet {
        var result = DocumentSet(capacity: index.documentCount)
        index.symbolBlob.withUnsafeBufferPointer { blob in
            index.symbolStream.withUnsafeBufferPointer { stream in
                guard let base = stream.baseAddress else { return }
                let start = pattern.scanStart
                var low = 0
                var high = index.symbolEnds.count
                while low < high {
                    let middle = (low + high) / 2
                    if ClassificationPattern.less(UnsafeBufferPointer(rebasing: blob[index.symbolRange(middle)]), start) {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                var symbol = low
                while symbol < index.symbolEnds.count {
                    let key = UnsafeBufferPointer(rebasing: blob[index.symbolRange(symbol)])
                    if pattern.isPast(key) { break }
                    if pattern.matches(key) {
                        var offset = Int(index.symbolStarts[symbol])
                        let end = Int(index.symbolStarts[symbol + 1])
                        var document: UInt32 = 0
                        var first = true
                        while offset < end {
                            let gap = Varint.read(base, &offset, end: end)
                            document = first ? gap : document &+ gap
                            first = false
                            result.insert(Int(document))
                        }
                    }
                    symbol += 1
                }
            }
        }
        return result
    }
}
