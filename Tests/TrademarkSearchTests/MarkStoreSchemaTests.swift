import Storage
import Testing
import TestSupport
import TrademarkSearch

@Suite("Marks schema")
struct MarkStoreSchemaTests {
    @Test("the marks tables migrate on both engines, twice without harm", arguments: Backend.allCases)
    func migrates(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            try await MarkStore(store).migrate()
            try await MarkStore(store).migrate()
        }
    }
}
