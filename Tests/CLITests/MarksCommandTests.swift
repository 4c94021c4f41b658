import Foundation
import Testing

@Suite("ipai marks")
struct MarksCommandTests {
    static let gallery = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/data/trademarks/twemoji72").standardizedFileURL

    /// A directory with a few twemoji pictograms and one file that is not an image.
    static func smallGallery() throws -> (directory: URL, names: [String]) {
        let directory = try CLI.directory().appendingPathComponent("gallery")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let names = ["1f600", "1f697", "1f34e", "2764", "1f431", "1f3e0"]
        for name in names {
            try FileManager.default.copyItem(
                at: gallery.appendingPathComponent("\(name).png"), to: directory.appendingPathComponent("\(name).png"))
        }
        try Data("this is no picture".utf8).write(to: directory.appendingPathComponent("broken.png"))
        return (directory, names)
    }

    @Test("import a directory, then a query finds its own mark first, with explanations; bad files are named")
    func importAndSearch() throws {
        guard FileManager.default.fileExists(atPath: Self.gallery.path) else { return }
        let (directory, names) = try Self.smallGallery()
        let data = directory.deletingLastPathComponent().appendingPathComponent("data").path
        let imported = try CLI.run(["marks", "import", directory.path, "--data", data, "--json"])
        #expect(imported.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any]
        #expect(summary?["imported"] as? Int == names.count)
        #expect(summary?["failed"] as? Int == 1)
        #expect(imported.stderr.contains("broken.png"))

        let queries = directory.deletingLastPathComponent().appendingPathComponent("queries.txt")
        try names.prefix(3).map { directory.appendingPathComponent("\($0).png").path }.joined(separator: "\n")
            .write(to: queries, atomically: true, encoding: .utf8)
        let searched = try CLI.run(["marks", "search", "--batch", queries.path, "--data", data, "--mode", "composite", "--count", "3"])
        #expect(searched.status == 0)
        let lines = searched.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for (line, name) in zip(lines, names) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let results = object?["results"] as? [[String: Any]] ?? []
            #expect(results.first?["id"] as? String == name)
            #expect((results.first?["similarities"] as? [String: Double])?["hog"] != nil)
            #expect(object?["elapsed_ms"] as? Double != nil)
        }

        let listed = try CLI.run(["marks", "list", "--data", data])
        #expect(listed.stdout.split(separator: "\n").count == names.count)
    }

    @Test("a manifest with Vienna codes gives suggestions beside the frequency baseline")
    func suggestVienna() throws {
        guard FileManager.default.fileExists(atPath: Self.gallery.path) else { return }
        let (directory, names) = try Self.smallGallery()
        let codes = ["1f600": "2.1.1", "1f697": "18.1.9", "1f34e": "5.7.1", "2764": "2.9.1", "1f431": "3.1.6", "1f3e0": "7.1.1"]
        let manifest = directory.appendingPathComponent("marks.jsonl")
        try names.map { #"{"id": "\#($0)", "image": "\#($0).png", "vienna": ["\#(codes[$0]!)"], "nice": [25], "status": "registered"}"# }
            .joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        let data = directory.deletingLastPathComponent().appendingPathComponent("data").path
        #expect(try CLI.run(["marks", "import", manifest.path, "--data", data]).status == 0)
        let suggested = try CLI.run(["marks", "suggest-vienna", directory.appendingPathComponent("1f697.png").path, "--data", data, "--json", "--count", "3"])
        #expect(suggested.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(suggested.stdout.utf8)) as? [String: Any]
        let suggestions = object?["suggestions"] as? [[String: Any]] ?? []
        #expect(suggestions.first?["code"] as? String == "18.01.09")
        #expect((object?["baseline"] as? [[String: Any]])?.isEmpty == false)
        let filtered = try CLI.run(["marks", "search", directory.appendingPathComponent("1f697.png").path, "--data", data, "--vienna", "18", "--json"])
        let found = (try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]]
        #expect(found?.map { $0["id"] as? String } == ["1f697"])
    }

    @Test("a query that is not an image fails with one line naming it")
    func refusesWrongType() throws {
        let directory = try CLI.directory()
        let text = directory.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: text)
        let result = try CLI.run(["marks", "search", text.path, "--data", directory.appendingPathComponent("data").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("notes.txt"))
    }
}
