import Foundation
import Testing

@Suite struct ClassifyCommandTests {
    @Test func trainSuggestEvaluateEndToEnd() throws {
        let directory = try CLI.directory()
        let corpus = try CLI.corpus(in: directory)
        let model = directory.appendingPathComponent("m.ipaimodel").path
        let train = try CLI.run(["classify", "train", corpus, "--labels", "ipc", "--level", "subclass", "-o", model, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
        #expect(summary?["labels"] as? Int == 3)
        #expect(summary?["documents"] as? Int == 24)

        let suggest = try CLI.run(["classify", "suggest", "-m", model, "--json", "--explain", "An espresso machine with milk frothing"])
        #expect(suggest.status == 0, "\(suggest.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(suggest.stdout.utf8)) as? [String: Any]
        let suggestions = result?["suggestions"] as? [[String: Any]]
        #expect(suggestions?.first?["symbol"] as? String == "A47J")
        #expect((suggestions?.first?["confidence"] as? Double).map { (0...1).contains($0) } == true)
        #expect((suggestions?.first?["decisiveTerms"] as? [Any])?.isEmpty == false)

        let text = try CLI.run(["classify", "suggest", "-m", model, "--count", "1"], stdin: "lithium battery with a new anode")
        #expect(text.status == 0)
        #expect(text.stdout.contains("H01M"))

        let evaluate = try CLI.run(["classify", "evaluate", "-m", model, corpus, "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any]
        for key in ["precision_at_1", "precision_at_3", "recall_at_5", "f1_at_5", "ndcg_at_5", "documents"] {
            #expect(report?[key] != nil, "missing \(key)")
        }
        #expect(report?["documents"] as? Int == 24)
        #expect((report?["precision_at_1"] as? Double ?? 0) > 0.9)
    }

    @Test func batchModeWritesOneLinePerDocument() throws {
        let directory = try CLI.directory()
        let corpus = try CLI.corpus(in: directory)
        let model = directory.appendingPathComponent("m.ipaimodel").path
        try CLI.run(["classify", "train", corpus, "-o", model])
        let output = directory.appendingPathComponent("out.jsonl").path
        let batch = try CLI.run(["classify", "suggest", "-m", model, "--batch", corpus, "--count", "2", "-o", output])
        #expect(batch.status == 0, "\(batch.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 24)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["id"] as? String == "D0")
        #expect((first?["suggestions"] as? [Any])?.count == 2)
    }

    @Test func badLineStopsWithFileAndLineUnlessSkipped() throws {
        let directory = try CLI.directory()
        let corpus = try CLI.corpus(in: directory, extra: [#"{"id": "bad", "title": "x", "ipc": ["G06F 17/"]}"#])
        let model = directory.appendingPathComponent("m.ipaimodel").path
        let failed = try CLI.run(["classify", "train", corpus, "-o", model])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("corpus.jsonl:25"))
        #expect(failed.stderr.contains("G06F 17/"))
        #expect(!FileManager.default.fileExists(atPath: model), "no model is written from a failed run")
        let skipped = try CLI.run(["classify", "train", corpus, "-o", model, "--skip-invalid"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("1 invalid records skipped"))
    }

    @Test func truncatedModelAndEmptyTextAreClearErrors() throws {
        let directory = try CLI.directory()
        let corpus = try CLI.corpus(in: directory)
        let model = directory.appendingPathComponent("m.ipaimodel").path
        try CLI.run(["classify", "train", corpus, "-o", model])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        let truncated = directory.appendingPathComponent("t.ipaimodel").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let broken = try CLI.run(["classify", "suggest", "-m", truncated, "battery"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("truncated"))
        #expect(broken.stderr.split(separator: "\n").count == 1, "one line on stderr")
        let empty = try CLI.run(["classify", "suggest", "-m", model, "  "])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("empty"))
    }

    @Test func ipcShowPrintsNormalisedFormsAndRejectsBadSymbols() throws {
        let shown = try CLI.run(["ipc", "show", "G06F0017300000", "--json"])
        #expect(shown.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect(json?["symbol"] as? String == "G06F 17/30")
        #expect(json?["compact"] as? String == "G06F17/30")
        #expect(json?["level"] as? String == "subgroup")
        let bad = try CLI.run(["ipc", "show", "G06F 17/"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("G06F 17/"))
        let help = try CLI.run(["classify", "train", "--help"])
        #expect(help.stdout.contains("Examples"))
    }
}
