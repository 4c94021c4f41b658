import Consultation
import Storage
import Testing
import TestSupport

@Suite("Consultation schema")
struct ConsultationSchemaTests {
    @Test("the consultation tables migrate on both engines, twice without harm", arguments: Backend.allCases)
    func migrates(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            try await ConsultationStore(store).migrate()
            try await ConsultationStore(store).migrate()
        }
    }
}
