import Core
import Storage
import Testing
import TestSupport
import TrademarkSearch

@Suite("Register of marks")
struct MarkStoreTests {
    static func image(_ byte: UInt8) -> StoredMarkImage {
        StoredMarkImage(format: "png", original: [byte, 1, 2], width: 3, height: 4, thumbnailPNG: [9, 9], signature: [byte], signatureVersion: 1)
    }

    @Test("a mark is added, read, updated and deleted with its image", arguments: Backend.allCases)
    func lifecycle(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let marks = MarkStore(store)
            try await marks.migrate()
            let details = try MarkDetails(externalID: "018000001", name: "SETA", vienna: ["3.1.2", "03.01.02", "26.4"], nice: [25, 9], status: .registered, filed: "2024-01-31")
            let mark = try await marks.add(details, image: Self.image(7))
            #expect(mark.details.vienna == ["030102", "2604"])
            #expect(mark.details.nice == [9, 25])
            #expect(mark.imageFormat == "png" && mark.width == 3)
            #expect(try await marks.thumbnail(id: mark.id) == [9, 9])

            await #expect(throws: IPAIError.self) { try await marks.add(details, image: nil) }

            var changed = details
            changed.status = .expired
            let updated = try await marks.update(id: mark.id, details: changed, image: Self.image(8))
            #expect(updated.details.status == .expired)
            #expect(try await marks.original(id: mark.id)?.bytes == [8, 1, 2])
            #expect(try await marks.indexed(id: mark.id)?.signature == [8])

            #expect(try await marks.delete(id: mark.id))
            #expect(try await marks.mark(id: mark.id) == nil)
            #expect(try await marks.thumbnail(id: mark.id) == nil)
            #expect(try await !marks.delete(id: mark.id))
        }
    }

    @Test("bad fields are refused naming the field and the value")
    func refusals() {
        #expect(throws: IPAIError.self) { try MarkDetails(externalID: "") }
        do {
            _ = try MarkDetails(externalID: "1", nice: [46])
            Issue.record("class 46 accepted")
        } catch {
            #expect(error.location?.field == "nice" && error.location?.value == "46")
        }
        do {
            _ = try MarkDetails(externalID: "1", vienna: ["3.x"])
            Issue.record("3.x accepted")
        } catch {
            #expect(error.location?.field == "vienna")
        }
        #expect(throws: IPAIError.self) { try MarkDetails(externalID: "1", filed: "31/01/2024") }
        #expect(throws: IPAIError.self) { try MarkStatus.parse("pending") }
    }

    @Test("a Vienna filter at division level matches the sections under it")
    func filter() throws {
        let filter = try MarkFilter(vienna: ["3.1"], nice: ["25"], status: ["registered"])
        #expect(filter.allows(vienna: ["030102"], nice: [25], status: .registered))
        #expect(!filter.allows(vienna: ["030201"], nice: [25], status: .registered))
        #expect(!filter.allows(vienna: ["030102"], nice: [9], status: .registered))
        #expect(!filter.allows(vienna: ["030102"], nice: [25], status: .filed))
    }
}
