import Foundation
import Testing

/// Runs the built `ipai` binary, as a user would from a shell.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `ipai` executable built next to the test bundle.
    static let executable: URL = {
        var candidates: [URL] = []
        if let main = Bundle.main.executableURL { candidates.append(main.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for directory in candidates {
            let binary = directory.appendingPathComponent("ipai")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        fatalError("ipai binary not found next to the tests (looked in \(candidates.map(\.path)))")
    }()

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "IPAI_SCHEME")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }

    /// A fresh directory for a test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A tiny invented corpus: three fields with their own words.
    static func corpus(in directory: URL, extra: [String] = []) throws -> String {
        let fields: [(String, [String])] = [
            (#"["H01M 10/0525"]"#, ["lithium", "battery", "anode", "electrolyte"]),
            (#"["A47J 31/44"]"#, ["coffee", "espresso", "milk", "frothing"]),
            (#"["G06N 3/08"]"#, ["neural", "network", "training", "layers"]),
        ]
        var lines: [String] = []
        for index in 0..<24 {
            let (symbols, words) = fields[index % 3]
            let a = words[index % 4]
            let b = words[(index / 3) % 4]
            lines.append(#"{"id": "D\#(index)", "title": "Device with \#(a) and \#(b)", "abstract": "The \#(b) improves the \#(a).", "ipc": \#(symbols)}"#)
        }
        let path = directory.appendingPathComponent("corpus.jsonl").path
        try (lines + extra).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
