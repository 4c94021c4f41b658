import Core
import Testing

@testable import PatentSearch

@Suite("Search collection of segments")
struct SearchCollectionTests {
    static func document(_ id: String, _ abstract: String, year: Int = 2015) -> SearchDocument {
        SearchDocument(id: id, abstract: abstract, publicationYear: year)
    }

    @Test("A collection grown in segments, with deletions and replacements, answers like one index over the live documents")
    func segmentsAgreeWithOneIndex() throws {
        var collection = SearchCollection()
        let first = (0..<100).map { Self.document("A\($0)", $0 % 3 == 0 ? "a neural network for images" : "a hook and a line", year: 2000 + $0 % 20) }
        let second = (0..<70).map { Self.document("B\($0)", $0 % 2 == 0 ? "deep neural networks" : "fishing network") }
        try collection.add(first)
        try collection.add(second)
        #expect(collection.bases == [0, 128])
        #expect(collection.count == 170)
        // Replace A0 (was neural) with a non-neural text, delete A3 and B0.
        try collection.add([Self.document("A0", "a plain hook")])
        #expect(collection.delete(["A3", "B0", "nope"]) == 2)
        #expect(collection.count == 168)

        var live: [SearchDocument] = []
        for document in first + second where !["A0", "A3", "B0"].contains(document.id) { live.append(document) }
        live.append(Self.document("A0", "a plain hook"))
        let reference = try SearchIndex(documents: live)
        for query in ["neural 1W network+", "hook", "NOT neural", "PY=2005-2010", "network+ NOT deep"] {
            let expected = Set(reference.documentIDs(try reference.search(query)))
            let found = Set(try collection.search(query).map { collection.documentID($0)! })
            #expect(found == expected, "\(query)")
        }
        #expect(collection.all.count == 168)
        #expect(collection.documentNumber(of: "A0") == 256)
        #expect(collection.documentNumber(of: "A3") == nil)
        #expect(collection.documentID(100) == nil)  // padding between segments
    }

    @Test("Segments and tombstones persist and reload into the same collection")
    func persistence() throws {
        var collection = SearchCollection()
        try collection.add([Self.document("X1", "neural chip"), Self.document("X2", "neural net")])
        try collection.add([Self.document("Y1", "neural code")])
        collection.delete(["X2"])
        let stored = collection.segments.map(\.bytes)
        let reloaded = SearchCollection(segments: try stored.map { bytes throws(IPAIError) in try SearchIndex(bytes: bytes) }, tombstones: collection.tombstones)
        #expect(try reloaded.search("neural").map { reloaded.documentID($0)! } == ["X1", "Y1"])
        #expect(reloaded.tombstones == [1])
    }
}
