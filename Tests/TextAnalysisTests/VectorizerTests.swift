import Core
import Foundation
import Testing
@testable import TextAnalysis

@Suite struct VectorizerTests {
    /// Words only, no stemming: term counts are easy to check by hand.
    static let unigrams = Analyzer(configuration: AnalyzerConfiguration(wordNGrams: 1...1, stemming: false))
    static let corpus = ["brake disc brake", "brake pad", "disc rotor"]

    @Test func vocabularyCountsDocumentFrequenciesInTermOrder() {
        let vocabulary = Vocabulary(fitting: [["brake", "disc", "brake"], ["brake", "pad"], ["disc", "rotor"]])
        #expect(vocabulary.terms == ["brake", "disc", "pad", "rotor"])
        #expect(vocabulary.documentFrequencies == [2, 2, 1, 1])
        #expect(vocabulary.documentCount == 3)
        #expect(vocabulary.averageDocumentLength == 7.0 / 3.0)
        #expect(vocabulary.index(of: "pad") == 2)
        #expect(vocabulary.index(of: "drum") == nil)
        #expect(vocabulary.term(at: 3) == "rotor")
    }

    @Test func vocabularyOptionsFilterAndCap() {
        let documents = [["a", "b", "c"], ["a", "b"], ["a", "d"], ["a"]]
        #expect(Vocabulary(fitting: documents, options: VocabularyOptions(minDocumentFrequency: 2)).terms == ["a", "b"])
        // "a" is in all 4 documents: above 0.75 × 4 = 3.
        #expect(Vocabulary(fitting: documents, options: VocabularyOptions(maxDocumentFrequencyRatio: 0.75)).terms
                == ["b", "c", "d"])
        // The two most frequent, ties broken by term order.
        #expect(Vocabulary(fitting: documents, options: VocabularyOptions(maxFeatures: 2)).terms == ["a", "b"])
        #expect(Vocabulary(fitting: documents, options: VocabularyOptions(maxFeatures: 3)).terms == ["a", "b", "c"])
    }

    @Test func tfidfMatchesTheSmoothIdfFormula() throws {
        let vectorizer = Vectorizer(fitting: Self.corpus, analyzer: Self.unigrams)
        // n = 3; df(brake) = 2, df(disc) = 2, df(pad) = 1, df(rotor) = 1.
        let idf2 = Float(log(4.0 / 3.0) + 1)  // 1.2876821
        let idf1 = Float(log(4.0 / 2.0) + 1)  // 1.6931472
        #expect(vectorizer.inverseDocumentFrequencies == [idf2, idf2, idf1, idf1])

        // "brake disc brake": tf(brake) = 2, tf(disc) = 1, then L2-normalised.
        let vector = vectorizer.vector(for: "brake disc brake", language: .english)
        let norm = (4 * idf2 * idf2 + idf2 * idf2).squareRoot()
        #expect(vector.indices == [0, 1])
        #expect(abs(vector.values[0] - 2 * idf2 / norm) < 1e-6)
        #expect(abs(vector.values[1] - idf2 / norm) < 1e-6)
    }

    @Test func sublinearTFUsesOnePlusLog() {
        let vectorizer = Vectorizer(fitting: Self.corpus, analyzer: Self.unigrams, weighting: .tfidf(sublinearTF: true))
        let vector = vectorizer.vector(for: "brake brake brake disc", language: .english)
        // Both terms share an idf, so the ratio of weights is the ratio of tf terms.
        #expect(abs(vector.values[0] / vector.values[1] - Float(1 + log(3.0))) < 1e-5)
    }

    @Test func bm25MatchesItsFormula() {
        let vectorizer = Vectorizer(fitting: Self.corpus, analyzer: Self.unigrams, weighting: .bm25(k1: 1.2, b: 0.75))
        let averageLength = 7.0 / 3.0
        #expect(vectorizer.vocabulary.averageDocumentLength == averageLength)
        let idfPad = log(1 + (3 - 1 + 0.5) / (1 + 0.5))
        #expect(abs(Double(vectorizer.inverseDocumentFrequencies[2]) - idfPad) < 1e-6)

        let vector = vectorizer.vector(for: "pad pad", language: .english)
        let expected = idfPad * 2 * 2.2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 2 / averageLength))
        #expect(vector.indices == [2])
        #expect(abs(Double(vector.values[0]) - expected) < 1e-5)
    }

    @Test func tfidfVectorsAreUnitLengthWithSortedIndices() {
        let texts = [
            "A brake disc with radial cooling channels and a hub.",
            "Procédé de fabrication d'un disque de frein ventilé.",
            "Bremsscheibe mit Kühlkanälen und Verfahren zu deren Herstellung.",
            "一种通风制动盘及其制造方法",
            "Brake pad wear sensor for a disc brake.",
        ]
        let vectorizer = Vectorizer(fitting: texts)
        for text in texts + ["cooling channels of a brake"] {
            let vector = vectorizer.vector(for: text)
            #expect(abs(vector.norm - 1) < 1e-5)
            #expect(zip(vector.indices, vector.indices.dropFirst()).allSatisfy { $0 < $1 })
        }
        #expect(vectorizer.vector(for: "zzz unknown words").isEmpty)
    }

    @Test func batchEqualsOneByOneInInputOrder() {
        let texts = (0..<300).map { "document \($0) about brake disc number \($0 % 7) and pad \($0 % 5)" }
        let vectorizer = Vectorizer(fitting: texts, options: VocabularyOptions(minDocumentFrequency: 2))
        #expect(vectorizer.vectors(for: texts) == texts.map { vectorizer.vector(for: $0) })
        #expect(vectorizer.vectors(for: texts, languages: texts.map { _ in .english }) == texts.map {
            vectorizer.vector(for: $0, language: .english)
        })
    }

    @Test func fittingOnTextsEqualsFittingOnTheirTerms() {
        let texts = (0..<5000).map { "sample \($0 % 97) text \($0 % 13) with brake \($0 % 3)" }
        let fromTexts = Vectorizer(fitting: texts)
        let analyzer = Analyzer()
        let fromTerms = Vocabulary(fitting: texts.map { analyzer.terms(in: $0) })
        #expect(fromTexts.vocabulary.terms == fromTerms.terms)
        #expect(fromTexts.vocabulary.documentFrequencies == fromTerms.documentFrequencies)
        #expect(fromTexts.vocabulary.averageDocumentLength == fromTerms.averageDocumentLength)
    }

    @Test(arguments: [TermWeighting.tfidf(sublinearTF: true), .bm25(k1: 1.5, b: 0.6)])
    func encodeDecodeRoundTrip(weighting: TermWeighting) throws {
        var configuration = AnalyzerConfiguration(wordNGrams: 1...3, characterNGrams: 1...3, minimumTokenLength: 3)
        configuration.maximumTokens = 500
        let vectorizer = Vectorizer(fitting: Self.corpus + ["一种制动盘", "Bremsscheibe"],
                                    analyzer: Analyzer(configuration: configuration), weighting: weighting)
        var writer = BinaryWriter()
        vectorizer.encode(to: &writer)
        var reader = BinaryReader(writer.bytes)
        let decoded = try Vectorizer(from: &reader)
        #expect(reader.isAtEnd)
        #expect(decoded.analyzer == vectorizer.analyzer)
        #expect(decoded.weighting == weighting)
        #expect(decoded.vocabulary.terms == vectorizer.vocabulary.terms)
        #expect(decoded.vocabulary.documentFrequencies == vectorizer.vocabulary.documentFrequencies)
        #expect(decoded.vocabulary.documentCount == vectorizer.vocabulary.documentCount)
        #expect(decoded.inverseDocumentFrequencies == vectorizer.inverseDocumentFrequencies)
        #expect(decoded.vector(for: "brake disc 制动盘") == vectorizer.vector(for: "brake disc 制动盘"))
    }

    @Test func termsAreStoredInTheStringListLayout() throws {
        let vectorizer = Vectorizer(fitting: Self.corpus, analyzer: Self.unigrams)
        var writer = BinaryWriter()
        vectorizer.encode(to: &writer)
        // Skip the fixed header (version, configuration, weighting, counts) and read the terms
        // with the reader's own string-list routine.
        var reader = BinaryReader(writer.bytes)
        _ = try reader.readRaw(4 + 4 + 4 + 4 + 8 + 1 + 1 + 8 + 8)
        #expect(try reader.readStrings() == ["brake", "disc", "pad", "rotor"])
    }

    @Test func truncatedBytesThrowCorruptModel() {
        let vectorizer = Vectorizer(fitting: Self.corpus)
        var writer = BinaryWriter()
        vectorizer.encode(to: &writer)
        let bytes = writer.bytes
        for length in Swift.stride(from: 0, to: bytes.count, by: max(bytes.count / 97, 1)) {
            var reader = BinaryReader(Array(bytes[..<length]))
            #expect(throws: IPAIError.self) { _ = try Vectorizer(from: &reader) }
            do {
                var reader = BinaryReader(Array(bytes[..<length]))
                _ = try Vectorizer(from: &reader)
            } catch {
                #expect(error.code == .corruptModel)
            }
        }
    }

    @Test func inconsistentCountsThrowCorruptModel() {
        // A vocabulary of two terms followed by one frequency.
        var writer = BinaryWriter()
        writer.write(UInt32(1))
        for value: UInt8 in [1, 2, 1, 2] { writer.write(value) }
        for flag in [true, true, true, true] { writer.write(flag) }
        writer.write(UInt32(2))
        writer.write(Int64(-1))
        writer.write(UInt8(0))
        writer.write(false)
        writer.write(UInt64(2))
        writer.write(1.5)
        writer.write(["brake", "disc"])
        writer.write([Int32(1)])
        writer.write([Float(1), Float(1)])
        var reader = BinaryReader(writer.bytes)
        do {
            _ = try Vectorizer(from: &reader)
            Issue.record("decoding should have failed")
        } catch {
            #expect(error.code == .corruptModel)
            #expect(error.message.contains("1 document frequencies for 2 terms"))
        }
    }
}
