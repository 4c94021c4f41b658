import Foundation
import Testing

@testable import Core

@Suite("Core: documents, errors, binary I/O")
struct CoreTests {
    @Test("a document survives its JSON line (export, then import), symbol lists under their own names")
    func documentJSONRoundTrip() throws {
        let document = PatentDocument(
            id: "EP-1", title: "Lithium cell", abstract: "A cell with a \"silicon\" anode/cathode.", language: "en",
            year: 2019, country: "EP", applicants: ["ACME"],
            symbols: ["ipc": ["H01M 4/38", "H01M 10/0525"], "cpc": ["H01M4/386"]])
        let line = document.jsonLine
        #expect(!line.contains("\n"))
        let back = try PatentDocument(jsonLine: line)
        #expect(back.id == "EP-1")
        #expect(back.abstract == document.abstract)
        #expect(back.year == 2019)
        #expect(back.symbols["ipc"] == ["H01M 4/38", "H01M 10/0525"])
        #expect(back.symbols["cpc"] == ["H01M4/386"])
        #expect(back.applicants == ["ACME"])
    }

    @Test("a bad JSON line is reported with its place and JSON's own explanation, not Foundation's error dump")
    func badLineMessage() {
        #expect {
            _ = try PatentDocument(jsonLine: #"{"id": "x", "title": "#, location: InputLocation(file: "corpus.jsonl", line: 7))
        } throws: { error in
            let text = (error as? IPAIError)?.description ?? ""
            return text.hasPrefix("corpus.jsonl:7") && text.contains("not valid JSON") && !text.contains("Error Domain")
        }
    }

    @Test("binary writer and reader agree; reading past the end is a clear error, not a crash")
    func binaryRoundTrip() throws {
        var writer = BinaryWriter()
        writer.write(UInt32(0xDEAD_BEEF))
        writer.write(Int64(-42))
        writer.write("中文 title")
        writer.write([Float(1.5), -2.25])
        var reader = BinaryReader(writer.bytes, sourceName: "model.bin")
        #expect(try reader.read(UInt32.self) == 0xDEAD_BEEF)
        #expect(try reader.read(Int64.self) == -42)
        #expect(try reader.readString() == "中文 title")
        #expect(try reader.readFloats() == [1.5, -2.25])
        #expect(reader.isAtEnd)
        var truncated = BinaryReader(Array(writer.bytes.prefix(6)), sourceName: "model.bin")
        _ = try truncated.read(UInt32.self)
        #expect(throws: IPAIError.self) { _ = try truncated.read(Int64.self) }
    }

    @Test("the checksum changes when one byte changes")
    func checksumDetectsChange() {
        var bytes = [UInt8](repeating: 7, count: 1000)
        let before = Checksum.of(bytes)
        bytes[500] ^= 1
        #expect(Checksum.of(bytes) != before)
    }
}
