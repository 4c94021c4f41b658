import Classifications
import Core
import Foundation
import PatentClassification

/// What an import job reads: an uploaded file.
struct ImportParameters: Codable, Sendable {
    @StringID var uploadID: Int64
    var format: String
    var skipInvalid: Bool

    enum CodingKeys: String, CodingKey {
        case uploadID = "upload_id", format, skipInvalid = "skip_invalid"
    }
}

/// How a train job trains.
struct TrainParameters: Codable, Sendable {
    var level: String
    var labelField: String
    var textFields: [String]
    var activate: Bool
    var skipInvalid: Bool

    enum CodingKeys: String, CodingKey {
        case level, labelField = "label_field", textFields = "text_fields", activate, skipInvalid = "skip_invalid"
    }

    func labelSource() throws(IPAIError) -> LabelSource {
        LabelSource(field: labelField, level: try SymbolLevel(parsing: level))
    }

    func fields() throws(IPAIError) -> [TextField] {
        try TextField.list(textFields.joined(separator: ","))
    }
}

/// Which model an evaluate job measures on which collection.
struct EvaluateParameters: Codable, Sendable {
    @StringID var modelID: Int64
    var firstIsMain: Bool

    enum CodingKeys: String, CodingKey {
        case modelID = "model_id", firstIsMain = "first_is_main"
    }
}

/// A 64-bit id written as a JSON string, as the API writes every id (JavaScript numbers hold 53 bits).
@propertyWrapper
struct StringID: Codable, Sendable {
    var wrappedValue: Int64

    init(wrappedValue: Int64) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            wrappedValue = number
            return
        }
        let text = try container.decode(String.self)
        guard let number = Int64(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an id")
        }
        wrappedValue = number
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(wrappedValue))
    }
}

enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws(IPAIError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw IPAIError(.invalidInput, "the \(what) are not valid", cause: error)
        }
    }
}
