import Core

extension Vectorizer {
    static let formatVersion: UInt32 = 1

    /// Writes the vectorizer (analyzer configuration, weighting, vocabulary, idf values) so a
    /// model file can embed it; read it back with ``init(from:)``.
    ///
    /// The terms are stored in the layout of `BinaryWriter.write(_: [String])` (end offsets, then
    /// one UTF-8 blob), written straight from the vocabulary's arena.
    ///
    /// - Complexity: O(size of the vocabulary).
    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        let configuration = analyzer.configuration
        writer.write(UInt8(configuration.wordNGrams.lowerBound))
        writer.write(UInt8(configuration.wordNGrams.upperBound))
        writer.write(UInt8(configuration.characterNGrams.lowerBound))
        writer.write(UInt8(configuration.characterNGrams.upperBound))
        writer.write(configuration.stemming)
        writer.write(configuration.removesStopWords)
        writer.write(configuration.lowercases)
        writer.write(configuration.keepsNumbers)
        writer.write(UInt32(configuration.minimumTokenLength))
        writer.write(Int64(configuration.maximumTokens ?? -1))
        switch weighting {
        case .tfidf(let sublinear):
            writer.write(UInt8(0))
            writer.write(sublinear)
        case .bm25(let k1, let b, let normalized):
            writer.write(UInt8(1))
            writer.write(k1)
            writer.write(b)
            writer.write(normalized)
        }
        writer.write(UInt64(vocabulary.documentCount))
        writer.write(vocabulary.averageDocumentLength)
        writer.write(vocabulary.table.ends)
        writer.write(vocabulary.table.arena)
        writer.write(vocabulary.documentFrequencies)
        writer.write(inverseDocumentFrequencies)
    }

    /// Reads a vectorizer written by ``encode(to:)``, checking every count and value.
    ///
    /// - Throws: `corrupt_model` if the bytes are truncated or inconsistent (unknown version,
    ///   n-gram range out of bounds, term offsets out of order, duplicate terms, frequency or idf
    ///   counts that differ from the term count, non-finite numbers).
    /// - Complexity: O(size of the vocabulary); a 500k-term vocabulary loads in tens of milliseconds.
    public init(from reader: inout BinaryReader) throws(IPAIError) {
        let version: UInt32 = try reader.read()
        guard version == Self.formatVersion else {
            throw reader.corrupt("unsupported vectorizer format version \(version)")
        }
        func range(_ what: String) throws(IPAIError) -> ClosedRange<Int> {
            let lower = Int(try reader.read(UInt8.self))
            let upper = Int(try reader.read(UInt8.self))
            guard lower >= 1, lower <= upper, upper <= AnalyzerConfiguration.maximumNGramLength else {
                throw reader.corrupt("\(what) n-gram range \(lower)...\(upper) out of bounds")
            }
            return lower...upper
        }
        var configuration = AnalyzerConfiguration()
        configuration.wordNGrams = try range("word")
        configuration.characterNGrams = try range("character")
        configuration.stemming = try reader.readBool()
        configuration.removesStopWords = try reader.readBool()
        configuration.lowercases = try reader.readBool()
        configuration.keepsNumbers = try reader.readBool()
        let minimumLength: UInt32 = try reader.read()
        guard minimumLength <= 1024 else { throw reader.corrupt("minimum token length \(minimumLength) out of bounds") }
        configuration.minimumTokenLength = Int(minimumLength)
        let maximumTokens: Int64 = try reader.read()
        guard maximumTokens == -1 || maximumTokens >= 1 else { throw reader.corrupt("maximum tokens \(maximumTokens) out of bounds") }
        configuration.maximumTokens = maximumTokens == -1 ? nil : Int(maximumTokens)

        let weighting: TermWeighting
        switch try reader.read(UInt8.self) {
        case 0:
            weighting = .tfidf(sublinearTF: try reader.readBool())
        case 1:
            let k1 = try reader.readFloat()
            let b = try reader.readFloat()
            let normalized = try reader.readBool()
            guard k1.isFinite, k1 >= 0, b.isFinite, (0...1).contains(b) else {
                throw reader.corrupt("BM25 parameters k1 \(k1), b \(b) out of bounds")
            }
            weighting = .bm25(k1: k1, b: b, normalized: normalized)
        case let kind:
            throw reader.corrupt("unknown weighting kind \(kind)")
        }

        let documentCount64: UInt64 = try reader.read()
        guard documentCount64 <= UInt64(Int32.max) else { throw reader.corrupt("document count \(documentCount64) out of bounds") }
        let documentCount = Int(documentCount64)
        let averageLength = try reader.readDouble()
        guard averageLength.isFinite, averageLength >= 0 else { throw reader.corrupt("average document length \(averageLength) invalid") }
        let ends: [UInt32] = try reader.readArray()
        let arena: [UInt8] = try reader.readArray()
        guard let table = TermTable(arena: arena, ends: ends) else {
            throw reader.corrupt("vocabulary term offsets out of order or a term repeats")
        }
        let frequencies: [Int32] = try reader.readArray()
        guard frequencies.count == table.count else {
            throw reader.corrupt("\(frequencies.count) document frequencies for \(table.count) terms")
        }
        guard frequencies.allSatisfy({ $0 >= 1 && Int($0) <= documentCount }) else {
            throw reader.corrupt("a document frequency lies outside 1...\(documentCount)")
        }
        let idf = try reader.readFloats()
        guard idf.count == table.count else {
            throw reader.corrupt("\(idf.count) idf values for \(table.count) terms")
        }
        guard idf.allSatisfy(\.isFinite) else { throw reader.corrupt("non-finite idf value") }

        let vocabulary = Vocabulary(table: table, documentFrequencies: frequencies, documentCount: documentCount,
                                    averageDocumentLength: averageLength)
        self.init(analyzer: Analyzer(configuration: configuration), vocabulary: vocabulary, weighting: weighting,
                  inverseDocumentFrequencies: idf)
    }
}
