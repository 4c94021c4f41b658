import ArgumentParser
import Core
import Foundation

/// Writing results and failures the way the CLI promises: JSON or text on stdout, one clear line
/// on stderr and a non-zero exit status on failure.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// One compact JSON line (for streaming JSONL output).
    static func jsonLine<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(10)
        return data
    }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs `body`; an ``IPAIError`` becomes `ipai: error: …` on stderr and exit status 1.
    static func failing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as IPAIError {
            note("ipai: error: \(error.description)")
            throw ExitCode(1)
        }
    }

    /// The async form of ``failing(_:)``.
    static func failing(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as IPAIError {
            note("ipai: error: \(error.description)")
            throw ExitCode(1)
        }
    }
}
