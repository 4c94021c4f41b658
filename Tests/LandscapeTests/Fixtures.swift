import Foundation

/// Paths of the shared data, or nil when it is not on this machine (tests then skip).
enum Fixtures {
    static let sharedData: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static func path(_ relative: String) -> String? {
        let path = sharedData.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The CSET CSV, unzipped once into the temporary directory.
    static let csetCSV: String? = {
        guard let zip = path("landscape/cset-ai-patents.csv.zip") else { return nil }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-landscape-tests-cset.csv").path
        if let size = (try? FileManager.default.attributesOfItem(atPath: target))?[.size] as? Int, size == 76_089_569 {
            return target
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", zip, "patent_database.csv"]
        let partial = target + ".\(ProcessInfo.processInfo.processIdentifier).part"
        _ = FileManager.default.createFile(atPath: partial, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: partial) else { return nil }
        process.standardOutput = handle
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        try? handle.close()
        guard process.terminationStatus == 0 else { return nil }
        _ = try? FileManager.default.removeItem(atPath: target)
        guard (try? FileManager.default.moveItem(atPath: partial, toPath: target)) != nil else { return nil }
        return target
    }()

    static func temporaryFile(_ name: String, _ contents: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-landscape-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
        return path
    }
}
