import Foundation

/// How term counts become feature weights.
///
/// - ``tfidf(sublinearTF:)``: count × idf with scikit-learn's smooth idf,
///   `ln((1 + n) / (1 + df)) + 1`; with `sublinearTF` the count becomes `1 + ln(count)`. Vectors
///   are L2-normalised, so a dot product is a cosine similarity.
/// - ``bm25(k1:b:)``: Okapi BM25 document weights, `idf × tf (k1 + 1) / (tf + k1 (1 − b + b · len / avglen))`
///   with `idf = ln(1 + (n − df + 0.5) / (df + 0.5))`, where `len` counts the document's
///   in-vocabulary terms. Not normalised by default, so the dot product with a binary query vector
///   is the BM25 score; with `normalized` the vector has unit length (for classifiers and cosine
///   neighbours).
public enum TermWeighting: Sendable, Hashable, Codable {
    case tfidf(sublinearTF: Bool = false)
    case bm25(k1: Float = 1.2, b: Float = 0.75, normalized: Bool = false)

    /// The inverse document frequency of a term in `documentFrequency` of `documentCount` documents.
    public func inverseDocumentFrequency(documentFrequency: Int, documentCount: Int) -> Float {
        let n = Double(documentCount)
        let df = Double(documentFrequency)
        switch self {
        case .tfidf:
            return Float(log((1 + n) / (1 + df)) + 1)
        case .bm25:
            return Float(log(1 + (n - df + 0.5) / (df + 0.5)))
        }
    }
}
