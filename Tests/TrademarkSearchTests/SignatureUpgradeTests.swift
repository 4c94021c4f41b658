import Core
import Imaging
import Storage
import Testing
import TestSupport
import TrademarkSearch

@Suite("Signatures of an older IPAI")
struct SignatureUpgradeTests {
    @Test("a register whose signatures an older version wrote recomputes them from the stored images on opening", arguments: Backend.allCases)
    func upgradeOnOpen(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let register = try await MarkRegister.open(store)
            let image = PNGEncoder.encode(CentreViewTests.badge(disc: RGBA(30, 60, 200), symbol: { x, y in abs(x) < 6 || abs(y) < 6 }, symbolColour: RGBA(220, 30, 40)))
            let mark = try await register.add(try MarkDetails(externalID: "OLD"), image: image, name: "old.png")
            // What an older IPAI left: another version, in a layout this one cannot read.
            _ = try await store.database.transaction([
                SQLStatement("UPDATE mark_signatures SET version = 1, data = ? WHERE mark_id = ?", [.blob([1, 0, 0, 0]), .integer(mark.id)])
            ])

            let reopened = try await MarkRegister.open(store)
            #expect(reopened.count == 1)
            let hits = try reopened.search(image: image, name: "query.png", options: MarkSearchOptions(count: 1))
            #expect(hits.first?.externalID == "OLD")
            #expect(try await MarkStore(store).indexed(id: mark.id)?.signatureVersion == Int(ImageSignature.encodingVersion))
        }
    }
}
