import ArgumentParser
import Core
import Foundation

/// The query images of a search: one path, or `--batch` with a file of paths (one per line).
struct MarkQueryInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The query image (PNG, JPEG, GIF or SVG).", valueName: "image")) var image: String?
    @Option(help: ArgumentHelp("A file of image paths, one per line ('-' for standard input); prints one JSON line per query.", valueName: "file"))
    var batch: String?

    func validate() throws {
        guard (image == nil) != (batch == nil) else { throw ValidationError("give one query image or --batch <file of image paths>") }
    }

    /// The query paths, in order.
    func paths() throws(IPAIError) -> [String] {
        if let image { return [image] }
        guard let batch else { return [] }
        let data: Data?
        if batch == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else { data = FileManager.default.contents(atPath: batch) }
        guard let data else { throw IPAIError(.fileUnreadable, "cannot read the batch file", at: InputLocation(file: batch)) }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The bytes of a query image.
    static func read(_ path: String) throws(IPAIError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IPAIError(.fileUnreadable, "cannot read the query image", at: InputLocation(file: path))
        }
        return [UInt8](data)
    }
}

/// Milliseconds since `start`.
func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}
