import Core
import Foundation
import Testing

@testable import PatentSearch

@Suite("Positional search index")
struct SearchIndexTests {
    static let documents: [SearchDocument] = [
        SearchDocument(
            id: "D1", title: "Neural network accelerator",
            abstract: "A chip for deep learning with a convolutional neural network and on-chip memory.",
            claims: "1. An accelerator comprising a systolic array.", applicants: ["Acme Corp.", "Neural Labs GmbH"],
            classifications: ["G06N 3/063", "G06F 15/80"], publicationDate: 20190415, priorityYear: 2017, country: "US"),
        SearchDocument(
            id: "D2", title: "Semi-supervised image classification",
            abstract: "Training a classifier on labelled and unlabelled images; the network learns features.",
            applicants: ["Université de Genève"], classifications: ["G06N0020000000", "G06V 10/82"],
            publicationYear: 2020, priorityYear: 2018, country: "EP"),
        SearchDocument(
            id: "D3", title: "Fishing hook", abstract: "A modular hook assembly with an artificial attractor and weights.",
            description: "The network of retainers holds the artificial bait in place.",
            applicants: ["Hook & Line Inc"], classifications: ["A01K 83/00"], publicationDate: 20080102, country: "US"),
        SearchDocument(
            id: "D4", title: "Speech recognition with hidden Markov models",
            abstract: "Natural language processing of spoken queries; a hidden markov model decodes phonemes.",
            classifications: ["G10L 15/14", "G06N 7/005"], publicationYear: 2012, country: "JP"),
        SearchDocument(
            id: "D5", title: "Colour filter for a camera",
            abstract: "A color filter array; the women's network of sensors. Machine-learning free.",
            classifications: ["G06N5/022", "H04N 9/04"], publicationYear: 2015, country: "us"),
    ]

    static let index: SearchIndex = try! SearchIndex(documents: documents, threads: 2)

    func ids(_ query: String, in index: SearchIndex = Self.index) throws -> [String] {
        index.documentIDs(try index.search(query))
    }

    @Test("Bare words find title or abstract, not claims or description")
    func bareWords() throws {
        #expect(try ids("network") == ["D1", "D2", "D5"])
        #expect(try ids("TX=network") == ["D1", "D2", "D3", "D5"])
        #expect(try ids("accelerator") == ["D1"])
        #expect(try ids("systolic") == [])
        #expect(try ids("CLM=systolic") == ["D1"])
        #expect(try ids("DESC=retainers") == ["D3"])
        #expect(try ids("TI=network") == ["D1"])
        #expect(try ids("AB=network") == ["D1", "D2", "D5"])
    }

    @Test("Words match in any case and with accents folded to lower case")
    func caseFolding() throws {
        #expect(try ids("NEURAL") == ["D1"])
        #expect(try ids("PA=université") == ["D2"])
        #expect(try ids("PA=UNIVERSITÉ") == ["D2"])
    }

    @Test("Truncation: + any ending, ? zero or one character, # exactly one")
    func truncation() throws {
        #expect(try ids("learn+") == ["D2", "D1", "D5"].sorted())
        #expect(try ids("colo?r") == ["D5"])
        #expect(try ids("wom#n") == ["D5"])
        #expect(try ids("m#n") == [])
        #expect(try ids("hook?") == ["D3"])
        #expect(try ids("TX=net+rk") == ["D1", "D2", "D3", "D5"])
    }

    @Test("Boolean operators combine document sets")
    func booleans() throws {
        #expect(try ids("network AND chip") == ["D1"])
        #expect(try ids("network chip") == ["D1"])
        #expect(try ids("hook OR speech") == ["D3", "D4"])
        #expect(try ids("network NOT chip") == ["D2", "D5"])
        #expect(try ids("NOT network") == ["D3", "D4"])
    }

    @Test("Proximity: nW in order, nD either order, at most n words between")
    func proximity() throws {
        #expect(try ids("neural 0W network") == ["D1"])
        #expect(try ids("network 0W neural") == [])
        #expect(try ids("network 0D neural") == ["D1"])
        #expect(try ids("hidden 1W model?") == ["D4"])  // "hidden markov model"
        #expect(try ids("hidden 0W model?") == [])
        #expect(try ids("(natural 1D language) 1W (generation OR processing)") == ["D4"])
        #expect(try ids("markov 0D hidden") == ["D4"])
        #expect(try ids("\"hidden markov\" 0W model?") == ["D4"])
    }

    @Test("A hyphenated word matches the two words next to each other")
    func hyphens() throws {
        #expect(try ids("semi 0W supervised") == ["D2"])
        #expect(try ids("semi-supervised") == ["D2"])
        #expect(try ids("\"machine learning\"") == ["D5"])
        #expect(try ids("on-chip") == ["D1"])
    }

    @Test("Proximity does not reach across fields or across applicants")
    func fieldBoundaries() throws {
        // D1: title ends "accelerator", abstract starts "A chip".
        #expect(try ids("accelerator 1W chip") == [])
        #expect(try ids("PA=(corp 0W neural)") == [])
        #expect(try ids("PA=(neural 0W labs)") == ["D1"])
    }

    @Test("Classification: subclass, main group, subgroup prefix and ranges in any notation")
    func classification() throws {
        #expect(try ids("IC=G06N") == ["D1", "D2", "D4", "D5"])
        #expect(try ids("IC=G06N3") == ["D1"])
        #expect(try ids("CPC=G06N 3/06") == ["D1"])  // 3/063 extends 3/06
        #expect(try ids("CPC=G06N 3/04") == [])
        #expect(try ids("IC=G06N20") == ["D2"])
        #expect(try ids("IC=G06N5/003-5/027") == ["D5"])
        #expect(try ids("IC=G06N7/005-7/06") == ["D4"])
        #expect(try ids("IC=G06") == ["D1", "D2", "D4", "D5"])
        #expect(try ids("IC=A01K83") == ["D3"])
        #expect(try ids("IC=G10L15 AND speech") == ["D4"])
        #expect(try ids("IC=H04N9/0") == ["D5"])  // one subgroup digit: 9/04 starts with 0
        #expect(try ids("IC=H04N9/4") == [])
        #expect(try ids("IC=G06N3/0") == ["D1"])
        #expect(try ids("IC=G06N3/02-3/1") == ["D1"])  // upper end 3/1 covers 3/1x
    }

    @Test("Years, dates and countries restrict by value")
    func values() throws {
        #expect(try ids("PY=2019") == ["D1"])
        #expect(try ids("PY=2012-2019") == ["D1", "D4", "D5"])
        #expect(try ids("PY=-2012") == ["D3", "D4"])
        #expect(try ids("PRY=2018") == ["D2"])
        #expect(try ids("PD=2019-01-01..2019-12-31") == ["D1"])
        #expect(try ids("PD=20080101-20081231") == ["D3"])
        #expect(try ids("CC=US") == ["D1", "D3", "D5"])
        #expect(try ids("CC=(EP OR JP)") == ["D2", "D4"])
        #expect(try ids("CC=FR") == [])
    }

    @Test("Document ids map to numbers and back")
    func identifiers() {
        #expect(Self.index.documentCount == 5)
        #expect(Self.index.documentNumber(of: "D4") == 3)
        #expect(Self.index.documentID(3) == "D4")
        #expect(Self.index.documentNumber(of: "nope") == nil)
        #expect(Self.index.all.count == 5)
    }

    @Test("An empty index answers every query with nothing and survives a round trip")
    func emptyIndex() throws {
        let empty = try SearchIndex(bytes: try SearchIndex(documents: []).bytes)
        #expect(empty.documentCount == 0)
        #expect(try empty.search("neural 1W network+ OR IC=G06N OR PY=2010 OR NOT x").isEmpty)
    }

    @Test("Words are cut on punctuation, symbols and hyphens and folded to lower case in several scripts")
    func tokenizer() {
        #expect(Tokenizer.words("Semi-supervised, “deep” learning (≦5 µm) at 20°C; Ärger ΣΑΣ Москва") == [
            "semi", "supervised", "deep", "learning", "5", "µm", "at", "20", "c", "ärger", "σασ", "москва",
        ])
        #expect(Tokenizer.words("基于神经网络的图像识别。") == ["基", "于", "神", "经", "网", "络", "的", "图", "像", "识", "别"])
        #expect(Tokenizer.words("comput+ wom#n colo?r", wildcards: true) == ["comput+", "wom#n", "colo?r"])
        #expect(Tokenizer.words("comput+ wom#n") == ["comput", "wom", "n"])
    }

    @Test("Chinese titles are searched as strings of characters, with proximity in characters")
    func chinese() throws {
        let index = try SearchIndex(documents: [
            SearchDocument(id: "CN1", title: "基于卷积神经网络的图像识别方法"),
            SearchDocument(id: "CN2", title: "一种神经元芯片和网络"),
            SearchDocument(id: "CN3", title: "图像处理装置"),
        ])
        #expect(index.documentIDs(try index.search("神经网络")) == ["CN1"])
        #expect(index.documentIDs(try index.search("神经")) == ["CN1", "CN2"])
        #expect(index.documentIDs(try index.search("图像 NOT 识别")) == ["CN3"])
        #expect(index.documentIDs(try index.search("神经 4W 网络")) == ["CN1", "CN2"])  // 神经|元芯片和|网络: 4 characters between
        #expect(index.documentIDs(try index.search("神经 3W 网络")) == ["CN1"])
    }

    @Test("A rare word near a frequent one is found in every block of the frequent word's postings")
    func skipBlocks() throws {
        // "system" is in all 2,000 documents (16 skip blocks); "expert" only in every 97th, right before it.
        let documents = (0..<2000).map { number in
            SearchDocument(id: "S\(number)", abstract: number % 97 == 0 ? "an expert system" : "a control system for valves \(number)")
        }
        let index = try SearchIndex(documents: documents)
        #expect(index.skips.count > 10)
        let expected = (0..<2000).filter { $0 % 97 == 0 }.map { "S\($0)" }
        #expect(index.documentIDs(try index.search("expert 0W system")) == expected)
        #expect(index.documentIDs(try index.search("system AND expert")) == expected)
        #expect(index.documentIDs(try index.search("system 0D expert")) == expected)
        #expect(try index.search("control 1W system AND expert").isEmpty)
        #expect(try index.search("system NOT expert").count == 2000 - expected.count)
    }

    final class Recorder: ProgressReporter, @unchecked Sendable {  // test-only; the lock guards `reports`
        let lock = NSLock()
        var reports: [(String, Int, Int?)] = []
        let stop: Bool
        init(stop: Bool = false) { self.stop = stop }
        func report(phase: String, completed: Int, total: Int?) { lock.withLock { reports.append((phase, completed, total)) } }
        func shouldStop() -> Bool { stop }
    }

    @Test("Building reports progress by phase and stops when the job is cancelled")
    func progress() throws {
        let documents = (0..<3000).map { SearchDocument(id: "P\($0)", abstract: "word \($0) and more words") }
        let recorder = Recorder()
        _ = try SearchIndex(documents: documents, threads: 2, progress: recorder)
        let indexing = recorder.reports.filter { $0.0 == "indexing" }
        #expect(indexing.map(\.1).max() == 3000)  // reports from two threads may arrive out of order
        #expect(indexing.allSatisfy { $0.2 == 3000 })
        #expect(recorder.reports.contains { $0.0 == "writing postings" })
        #expect(throws: IPAIError.self) { _ = try SearchIndex(documents: documents, progress: Recorder(stop: true)) }
    }

    @Test("A duplicate id is refused, naming it")
    func duplicateIDs() {
        #expect(throws: IPAIError.self) {
            _ = try SearchIndex(documents: [SearchDocument(id: "X"), SearchDocument(id: "X")])
        }
        do {
            _ = try SearchIndex(documents: [SearchDocument(id: "X"), SearchDocument(id: "X")])
        } catch {
            #expect(error.message.contains("'X' appears twice"))
        }
    }

    @Test("An index written to bytes reads back and answers the same")
    func roundTrip() throws {
        let bytes = Self.index.bytes
        let loaded = try SearchIndex(bytes: bytes)
        for query in ["network", "IC=G06N", "hidden 1W model?", "PY=2012-2019 AND CC=US", "PA=univ+", "learn+"] {
            #expect(try ids(query, in: loaded) == ids(query))
        }
        #expect(loaded.documentNumber(of: "D5") == 4)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-index-\(UInt32.random(in: 0...UInt32.max)).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.index.write(to: path)
        #expect(try ids("network", in: SearchIndex(contentsOf: path)) == ["D1", "D2", "D5"])
    }

    @Test("Corrupted, truncated or foreign index bytes are refused with a clear error")
    func corruption() {
        let bytes = Self.index.bytes
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(failure(flipped)?.code == .corruptModel)
        #expect(failure(flipped)?.message.contains("checksum") == true)
        #expect(failure(Array(bytes.prefix(bytes.count - 3)))?.code == .corruptModel)
        #expect(failure(Array(bytes.prefix(10)))?.code == .corruptModel)
        #expect(failure(Array("hello world, not an index".utf8))?.code == .unsupportedFormat)
        var future = bytes
        future[8] = 9
        #expect(failure(future)?.message.contains("format version 9") == true)
    }

    func failure(_ bytes: [UInt8]) -> IPAIError? {
        do {
            _ = try SearchIndex(bytes: bytes, sourceName: "test.index")
            return nil
        } catch {
            return error
        }
    }

    @Test("The WITT-2019 strategy finds the AI documents among hand-written abstracts")
    func wittStrategy() throws {
        let documents = [
            SearchDocument(id: "ai-1", abstract: "A method using artificial intelligence to route calls."),
            SearchDocument(id: "ai-2", abstract: "Semi-supervised learning of a classifier from few labels."),
            SearchDocument(id: "ai-3", abstract: "A support vector machine ranks candidate drugs."),
            SearchDocument(id: "ai-4", abstract: "Natural language text processing for legal documents."),
            SearchDocument(id: "ai-5", abstract: "A pump.", classifications: ["G06N 3/08"]),
            SearchDocument(id: "ai-6", abstract: "Face recognition in a door camera.", classifications: ["H04N 7/18"]),
            SearchDocument(id: "ai-7", abstract: "Training data sets are cleaned.", classifications: ["G06F 16/20"]),
            SearchDocument(id: "ai-8", abstract: "A chatbot answers customers."),
            SearchDocument(id: "no-1", abstract: "Face recognition in a door camera.", classifications: ["E05B 47/00"]),
            SearchDocument(id: "no-2", abstract: "An intelligent artificial flower arrangement."),
            SearchDocument(id: "no-3", abstract: "A neural tube stent and a network of sensors."),
            SearchDocument(id: "no-4", abstract: "A pump.", classifications: ["G06N 10/00"]),
        ]
        let index = try SearchIndex(documents: documents)
        let hits = index.documentIDs(index.search(try PatentQuery(parsing: WITTStrategy.text)))
        #expect(hits == ["ai-1", "ai-2", "ai-3", "ai-4", "ai-5", "ai-6", "ai-7", "ai-8"])
    }

    @Test("Building on one thread or several gives the same bytes")
    func deterministic() throws {
        guard let rows = SharedData.uspto(limit: 600) else { return }
        let documents = rows.map { SearchDocument(id: $0.id, abstract: $0.abstract, classifications: $0.cpc) }
        let one = try SearchIndex(documents: documents, threads: 1)
        let two = try SearchIndex(documents: documents, threads: 2)
        #expect(one.bytes == two.bytes)
        #expect(try one.search("neural 1W network+").count == two.search("neural 1W network+").count)
    }
}
