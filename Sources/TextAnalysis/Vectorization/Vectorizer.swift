import Core
import Foundation
import Synchronization

/// Turns text into weighted sparse feature vectors: an ``Analyzer`` for terms, a fitted
/// ``Vocabulary`` for indices, and a ``TermWeighting``.
///
/// Fit once on a training corpus, then vectorise any number of texts from any number of threads.
///
/// ```swift
/// let vectorizer = Vectorizer(
///     fitting: abstracts,
///     options: VocabularyOptions(minDocumentFrequency: 2),
///     weighting: .tfidf(sublinearTF: true))
/// let x = vectorizer.vector(for: "A brake disc with cooling channels")   // unit length
/// let batch = vectorizer.vectors(for: newAbstracts)                      // all cores, input order
///
/// var writer = BinaryWriter()
/// vectorizer.encode(to: &writer)                                         // inside a model file
/// ```
public struct Vectorizer: Sendable {
    /// How texts become terms; the same settings must be used for training and prediction.
    public let analyzer: Analyzer
    /// The terms that have features, with their document frequencies.
    public let vocabulary: Vocabulary
    /// How term counts become weights.
    public let weighting: TermWeighting
    /// The idf of each term, by vocabulary index.
    public let inverseDocumentFrequencies: [Float]

    /// Combines an analyzer with a vocabulary fitted elsewhere; idf values come from its frequencies.
    public init(analyzer: Analyzer, vocabulary: Vocabulary, weighting: TermWeighting = .tfidf()) {
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.weighting = weighting
        inverseDocumentFrequencies = vocabulary.documentFrequencies.map {
            weighting.inverseDocumentFrequency(documentFrequency: Int($0), documentCount: vocabulary.documentCount)
        }
    }

    init(analyzer: Analyzer, vocabulary: Vocabulary, weighting: TermWeighting, inverseDocumentFrequencies: [Float]) {
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.weighting = weighting
        self.inverseDocumentFrequencies = inverseDocumentFrequencies
    }

    /// Fits on texts whose language is detected one by one.
    ///
    /// - Parameters:
    ///   - texts: the training corpus; read once, in batches, so it may stream from disk.
    ///   - analyzer: how texts become terms.
    ///   - options: which terms the vocabulary keeps.
    ///   - weighting: how counts become weights.
    /// - Complexity: O(total text length) spread over all cores, plus O(*v* log *v*) to order the
    ///   *v* distinct terms.
    public init(
        fitting texts: some Sequence<String>,
        analyzer: Analyzer = Analyzer(),
        options: VocabularyOptions = VocabularyOptions(),
        weighting: TermWeighting = .tfidf()
    ) {
        self.init(fitting: texts.lazy.map { (text: $0, language: Language?.none) },
                  analyzer: analyzer, options: options, weighting: weighting)
    }

    /// Fits on texts with known languages (`nil` entries are detected).
    public init(
        fitting documents: some Sequence<(text: String, language: Language?)>,
        analyzer: Analyzer = Analyzer(),
        options: VocabularyOptions = VocabularyOptions(),
        weighting: TermWeighting = .tfidf()
    ) {
        let workers = Parallel.defaultThreadCount
        // Each worker owns one counter across batches, taken out of the pool while it works so the
        // tables are never shared (and never copied); the counters merge once at the end.
        let pool = Mutex([DocumentFrequencyCounter?](repeating: DocumentFrequencyCounter(), count: workers))
        var batch: [(text: String, language: Language?)] = []
        let batchSize = 2048 * workers
        batch.reserveCapacity(batchSize)

        func countBatch() {
            let current = batch
            let slice = (current.count + workers - 1) / workers
            Parallel.forEach(count: workers, threads: workers, chunkSize: 1) { worker in
                var counter = pool.withLock { $0[worker].take()! }
                for index in min(worker * slice, current.count)..<min((worker + 1) * slice, current.count) {
                    counter.beginDocument()
                    analyzer.analyze(current[index].text, language: current[index].language, into: &counter)
                }
                pool.withLock { $0[worker] = counter }
            }
            batch.removeAll(keepingCapacity: true)
        }

        for document in documents {
            batch.append(document)
            if batch.count == batchSize { countBatch() }
        }
        if !batch.isEmpty { countBatch() }

        var counters = pool.withLock { pool in pool.indices.map { pool[$0].take()! } }
        var merged = counters.removeFirst()
        for counter in counters { merged.merge(counter) }
        self.init(analyzer: analyzer, vocabulary: Vocabulary(counter: merged, options: options), weighting: weighting)
    }

    /// The feature vector of `text`: sorted indices, tf-idf vectors L2-normalised.
    ///
    /// - Parameters:
    ///   - text: the text to vectorise; terms outside the vocabulary are ignored.
    ///   - language: the text's language, or `nil` to detect it.
    /// - Complexity: O(*n* + *t* log *t*) for text length *n* and *t* terms.
    public func vector(for text: String, language: Language? = nil) -> SparseVector {
        var collector = IndexCollector(table: vocabulary.table)
        analyzer.analyze(text, language: language, into: &collector)
        return weigh(&collector.indices, documentLength: collector.indices.count)
    }

    /// The feature vector of a document already split into terms.
    public func vector(forTerms terms: some Sequence<String>) -> SparseVector {
        var collector = IndexCollector(table: vocabulary.table)
        for var term in terms {
            term.withUTF8 { collector.term(UnsafeRawBufferPointer($0), start: 0, end: 0) }
        }
        return weigh(&collector.indices, documentLength: collector.indices.count)
    }

    /// Feature vectors of many texts, computed on all cores, in input order.
    ///
    /// - Parameters:
    ///   - texts: the texts to vectorise.
    ///   - languages: each text's language (`nil` entries are detected); `nil` to detect all.
    ///     Precondition: same count as `texts` when given.
    ///   - threads: worker threads (1 vectorises on the calling thread).
    public func vectors(
        for texts: [String], languages: [Language?]? = nil, threads: Int = Parallel.defaultThreadCount
    ) -> [SparseVector] {
        precondition(languages == nil || languages!.count == texts.count, "languages and texts differ in count")
        return Parallel.map(count: texts.count, threads: threads, chunkSize: 32) { range in
            range.map { index in vector(for: texts[index], language: languages?[index]) }
        }
    }

    /// Turns a document's term indices (in any order, with repeats) into its weighted vector.
    private func weigh(_ indices: inout [Int32], documentLength: Int) -> SparseVector {
        guard !indices.isEmpty else { return SparseVector() }
        indices.sort()
        var outIndices: [Int32] = []
        var values: [Float] = []
        var position = 0
        while position < indices.count {
            let index = indices[position]
            var end = position + 1
            while end < indices.count && indices[end] == index { end += 1 }
            outIndices.append(index)
            values.append(Float(end - position))
            position = end
        }
        switch weighting {
        case .tfidf(let sublinear):
            for slot in values.indices {
                let tf = sublinear ? 1 + log(values[slot]) : values[slot]
                values[slot] = tf * inverseDocumentFrequencies[Int(outIndices[slot])]
            }
            var vector = SparseVector(indices: outIndices, values: values)
            vector.normalize()
            return vector
        case .bm25(let k1, let b, let normalized):
            let average = vocabulary.averageDocumentLength > 0 ? Float(vocabulary.averageDocumentLength) : 1
            let lengthFactor = k1 * (1 - b + b * Float(documentLength) / average)
            for slot in values.indices {
                let tf = values[slot]
                values[slot] = inverseDocumentFrequencies[Int(outIndices[slot])] * tf * (k1 + 1) / (tf + lengthFactor)
            }
            var vector = SparseVector(indices: outIndices, values: values)
            if normalized { vector.normalize() }
            return vector
        }
    }
}

/// Collects the vocabulary indices of a document's terms and counts all its terms.
private struct IndexCollector: TermSink {
    let table: TermTable
    var indices: [Int32] = []
    var termCount = 0

    init(table: TermTable) {
        self.table = table
        indices.reserveCapacity(256)
    }

    @inline(__always)
    mutating func term(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) {
        termCount += 1
        let id = table.find(bytes)
        if id >= 0 { indices.append(id) }
    }
}
