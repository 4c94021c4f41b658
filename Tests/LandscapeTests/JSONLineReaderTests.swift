import Core
import Testing
@testable import Landscape

@Suite("JSONL reading")
struct JSONLineReaderTests {
    @Test("strings keep escapes, Unicode and surrogate pairs; nested values are skipped")
    func escapes() throws {
        let path = Fixtures.temporaryFile("e.jsonl", #"""
        {"id": "A\"1", "title": "caf\u00e9 \ud83d\ude00 \\ / \n", "abstract": "日本語", "extra": {"a": [1, {"b": "}"}]}, "ipc": ["G06N 3/08"], "year": 2019.0, "x": true}
        """#)
        let records = try LandscapeRecord.readJSONL(path: path)
        #expect(records.count == 1)
        #expect(records[0].id == "A\"1")
        #expect(records[0].title == "café 😀 \\ /")
        #expect(records[0].abstract == "日本語")
        #expect(records[0].symbols == ["G06N 3/08"])
        #expect(records[0].publicationYear == 2019)
    }

    @Test("malformed JSON names the line and the character")
    func malformed() {
        let path = Fixtures.temporaryFile("m.jsonl", #"{"id": "A"}"# + "\n" + #"{"id": "B" "year": 2001}"# + "\n")
        #expect {
            try LandscapeRecord.readJSONL(path: path, displayName: "m.jsonl")
        } throws: { error in
            guard let error = error as? IPAIError else { return false }
            return error.location?.line == 2 && error.message.contains("character 12")
        }
    }

    @Test("a list holding a number where strings belong is refused with its field")
    func badList() {
        let path = Fixtures.temporaryFile("l.jsonl", #"{"id": "A", "applicants": ["Acme", 3]}"# + "\n")
        #expect {
            try LandscapeRecord.readJSONL(path: path, displayName: "l.jsonl")
        } throws: { error in
            (error as? IPAIError)?.location?.field == "applicants"
        }
    }
}
