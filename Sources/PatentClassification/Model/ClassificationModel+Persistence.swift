import Classifications
import Core
import Foundation
import Learning
import TextAnalysis

extension ClassificationModel {
    /// Writes the model to `path` atomically (a temporary file renamed into place).
    /// - Throws: `file_unwritable` if the file cannot be written.
    public func save(to path: String) throws(IPAIError) {
        try ModelFile.write(try serialized(), to: path)
    }

    /// The model file's bytes (what ``save(to:)`` writes), e.g. to keep in a database.
    public func serialized() throws(IPAIError) -> [UInt8] {
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
        return ModelFile.encode(metadata: try Self.encodeMetadata(metadata), body: body.bytes)
    }

    /// Loads a model written by ``save(to:)``.
    /// - Throws: `file_unreadable` if the file cannot be read; `corrupt_model`, naming the file and
    ///   what is wrong, if it is not a model, is truncated, or fails its checksum.
    /// - Complexity: O(file size); a 100 MB model loads in well under a second.
    public static func load(from path: String) throws(IPAIError) -> ClassificationModel {
        let (metadataBytes, body) = try ModelFile.read(path: path)
        return try decode(metadata: metadataBytes, body: body, name: path)
    }

    /// Loads a model from the bytes of a model file; `name` identifies it in error messages.
    public static func load(bytes: [UInt8], name: String) throws(IPAIError) -> ClassificationModel {
        let (metadataBytes, body) = try ModelFile.parse(bytes, name: name)
        return try decode(metadata: metadataBytes, body: body, name: name)
    }

    private static func decode(metadata metadataBytes: Data, body: BinaryReader, name path: String) throws(IPAIError) -> ClassificationModel {
        var body = body
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
    /// The metadata as JSON text (as stored beside a model in a database).
    public func metadataJSON() throws(IPAIError) -> String {
        String(decoding: try Self.encodeMetadata(metadata), as: UTF8.self)
    }

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
