import Classifications
import Core
import Foundation
import Learning
import TextAnalysis

extension ClassificationModel {
    /// Writes the model to `path` atomically (a temporary file renamed into place).
    /// - Throws: `file_unwritable` if the file cannot be written.
    public func save(to path: String) throws(IPAIError) {
        var body = BinaryWriter()
        vectorizer.encode(to: &body)
        body.write(labels.map(\.description))
        let titleData: Data
        do {
            titleData = try JSONEncoder().encode(titles)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot encode the scheme titles of the model", cause: error)
        }
        body.write([UInt8](titleData))
        ensemble.encode(to: &body)
        try ModelFile.write(metadata: try Self.encodeMetadata(metadata), body: body.bytes, to: path)
    }

    /// Loads a model written by ``save(to:)``.
    /// - Throws: `file_unreadable` if the file cannot be read; `corrupt_model`, naming the file and
    ///   what is wrong, if it is not a model, is truncated, or fails its checksum.
    /// - Complexity: O(file size); a 100 MB model loads in well under a second.
    public static func load(from path: String) throws(IPAIError) -> ClassificationModel {
        var (metadataBytes, body) = try ModelFile.read(path: path)
        let metadata = try decodeMetadata(metadataBytes, path: path)
        let vectorizer = try Vectorizer(from: &body)
        let labelTexts = try body.readStrings()
        var labels: [ClassificationSymbol] = []
        labels.reserveCapacity(labelTexts.count)
        for text in labelTexts {
            guard let symbol = ClassificationSymbol(text) else { throw body.corrupt("label '\(text)' is not a symbol") }
            labels.append(symbol)
        }
        let titleBytes: [UInt8] = try body.readArray()
        let titles: SchemeTitles
        do {
            titles = try JSONDecoder().decode(SchemeTitles.self, from: Data(titleBytes))
        } catch {
            throw body.corrupt("scheme titles unreadable")
        }
        let ensemble = try Ensemble(from: &body, parameters: metadata.configuration.ensemble)
        guard body.isAtEnd else { throw body.corrupt("\(body.remaining) unexpected bytes after the model") }
        guard ensemble.labelCount == labels.count, metadata.labelCount == labels.count,
              vectorizer.vocabulary.count == metadata.featureCount
        else { throw body.corrupt("the parts of the model disagree on the number of labels or features") }
        return ClassificationModel(metadata: metadata, vectorizer: vectorizer, labels: labels, ensemble: ensemble, titles: titles)
    }

    /// Reads only the metadata of a model file (fast: no model decoding).
    public static func metadata(of path: String) throws(IPAIError) -> ModelMetadata {
        let (metadataBytes, _) = try ModelFile.read(path: path)
        return try decodeMetadata(metadataBytes, path: path)
    }

    static func encodeMetadata(_ metadata: ModelMetadata) throws(IPAIError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(metadata)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot encode model metadata", cause: error)
        }
    }

    static func decodeMetadata(_ data: Data, path: String) throws(IPAIError) -> ModelMetadata {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(ModelMetadata.self, from: data)
        } catch {
            throw IPAIError(.corruptModel, "'\(path)' has unreadable metadata", cause: error)
        }
    }
}
