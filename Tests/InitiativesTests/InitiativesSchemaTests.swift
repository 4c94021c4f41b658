import Initiatives
import Storage
import Testing
import TestSupport

@Suite("Initiatives schema")
struct InitiativesSchemaTests {
    @Test("the initiatives tables migrate on both engines, twice without harm", arguments: Backend.allCases)
    func migrates(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            try await InitiativeStore(store).migrate()
            try await InitiativeStore(store).migrate()
        }
    }
}
