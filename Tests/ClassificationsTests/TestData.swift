import Foundation

/// The shared development data, `../shared/data` next to the package root; tests that need it
/// are skipped when it is absent.
enum TestData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ClassificationsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/data")

    static let available = FileManager.default.fileExists(atPath: root.appendingPathComponent("schemes/ipc-en.tsv").path)

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Writes `text` to a fresh temporary file with the given name and returns its path.
    static func temporaryFile(named name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ipai-classifications-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
