import Core
import Foundation

/// Values kept in one TEXT column as JSON (questionnaires, answers).
enum InitiativeJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws(IPAIError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw IPAIError(.storageFailure, "the stored column '\(column)' is not the JSON IPAI wrote", cause: error)
        }
    }
}
