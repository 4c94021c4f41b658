import Conversation
import Core
import Storage
import Testing
import TestSupport

@Suite("Conversation participation: registrations, credentials, focal points")
struct ParticipationTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)

    static func setUp(_ store: Store) async throws -> (ConversationStore, ConversationRecord, [UserRecord]) {
        let conversations = ConversationStore(store)
        try await conversations.migrate()
        let conversation = try await conversations.createConversation(title: LocalizedText(english: "Conversation on IP and AI"), createdBy: nil)
        var users: [UserRecord] = []
        for name in ["ana", "ben", "chen", "dora"] {
            users.append(try await store.createUser(username: name, passwordHash: "x", role: .viewer, mustChangePassword: false))
        }
        return (conversations, conversation, users)
    }

    @Test("a member-state registration names a UN member state by code or name and keeps its PDF credential", arguments: Backend.allCases)
    func memberStateWithCredential(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let (conversations, conversation, users) = try await Self.setUp(store)
            let registration = try await conversations.register(
                conversationID: conversation.id, userID: users[0].id, category: .memberState, delegation: "fra", displayName: " Ana Silva ",
                credential: CredentialUpload(fileName: "../letters/note verbale.pdf", declaredType: "application/pdf", bytes: Self.pdf))
            #expect(registration.delegation == "France")
            #expect(registration.displayName == "Ana Silva")
            #expect(registration.status == .pending)
            let (record, bytes) = try #require(try await conversations.credentialFile(registrationID: registration.id))
            #expect(bytes == Self.pdf)
            #expect(record.fileName == "note verbale.pdf")
            #expect(record.bytes == Int64(Self.pdf.count))
            #expect(MemberStates.all.count == 193)
            #expect(MemberStates.find("Germany")?.code == "DEU")

            do {
                _ = try await conversations.register(
                    conversationID: conversation.id, userID: users[1].id, category: .memberState, delegation: "Atlantis", displayName: "Ben")
                Issue.record("an unknown member state was accepted")
            } catch let error as IPAIError {
                #expect(error.location?.field == "delegation")
                #expect(error.message.contains("Atlantis"))
            }
            await #expect(throws: IPAIError.self) {
                _ = try await conversations.register(
                    conversationID: conversation.id, userID: users[0].id, category: .ngo, delegation: "AIPPI", displayName: "Ana")
            }
        }
    }

    @Test("a credential that is not a PDF or over 5 MiB is refused with a clear message and nothing is stored", arguments: Backend.allCases)
    func badCredentialsStoreNothing(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let (conversations, conversation, users) = try await Self.setUp(store)
            let html = CredentialUpload(fileName: "note.pdf", declaredType: "application/pdf", bytes: Array("<html><script>alert(1)</script>".utf8))
            do {
                _ = try await conversations.register(
                    conversationID: conversation.id, userID: users[0].id, category: .igo, delegation: "EPO", displayName: "Ana", credential: html)
                Issue.record("an HTML file was accepted as a credential")
            } catch let error as IPAIError {
                #expect(error.code == .invalidInput)
                #expect(error.location?.field == "credential")
                #expect(error.message.contains("not a PDF"))
            }
            let wrongType = CredentialUpload(fileName: "note.pdf", declaredType: "text/html", bytes: Self.pdf)
            await #expect(throws: IPAIError.self) {
                _ = try await conversations.register(
                    conversationID: conversation.id, userID: users[0].id, category: .igo, delegation: "EPO", displayName: "Ana", credential: wrongType)
            }
            let huge = CredentialUpload(fileName: "big.pdf", declaredType: "application/pdf", bytes: Self.pdf + [UInt8](repeating: 32, count: 5 << 20))
            do {
                _ = try await conversations.register(
                    conversationID: conversation.id, userID: users[0].id, category: .igo, delegation: "EPO", displayName: "Ana", credential: huge)
                Issue.record("a credential over 5 MiB was accepted")
            } catch let error as IPAIError {
                #expect(error.code == .credentialTooLarge)
            }
            #expect(try await conversations.registration(conversationID: conversation.id, userID: users[0].id) == nil)
            #expect(try await conversations.registrations(conversationID: conversation.id).items.isEmpty)
        }
    }

    @Test("focal points belong to one delegation; participants list approved delegations; a withdrawn registration may be replaced", arguments: Backend.allCases)
    func focalPointsAndParticipants(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let (conversations, conversation, users) = try await Self.setUp(store)
            let id = conversation.id
            let ana = try await conversations.register(conversationID: id, userID: users[0].id, category: .memberState, delegation: "FRA", displayName: "Ana")
            let ben = try await conversations.register(conversationID: id, userID: users[1].id, category: .memberState, delegation: "France", displayName: "Ben")
            let chen = try await conversations.register(conversationID: id, userID: users[2].id, category: .memberState, delegation: "DEU", displayName: "Chen")
            let dora = try await conversations.register(conversationID: id, userID: users[3].id, category: .ngo, delegation: "AIPPI", displayName: "Dora")

            await #expect(throws: IPAIError.self) { _ = try await conversations.setFocalPoint(id: ana.id, true) }  // not approved yet
            _ = try await conversations.decideRegistration(id: ana.id, status: .approved, decidedBy: nil)
            let focal = try await conversations.setFocalPoint(id: ana.id, true)
            #expect(focal.focalPoint)
            #expect(focal.isFocalPoint(for: ben))
            #expect(!focal.isFocalPoint(for: chen))
            #expect(!focal.isFocalPoint(for: dora))

            let pending = try await conversations.registrations(conversationID: id, status: .pending, delegation: "france")
            #expect(pending.items.map(\.id) == [ben.id])

            _ = try await conversations.decideRegistration(id: dora.id, status: .approved, decidedBy: nil)
            _ = try await conversations.decideRegistration(id: ben.id, status: .approved, decidedBy: nil)
            let delegations = try await conversations.participatingDelegations(conversationID: id)
            #expect(delegations.map(\.name) == ["France", "AIPPI"])
            #expect(delegations.first?.people == 2)
            #expect(delegations.first?.code == "FRA")
            #expect(try await conversations.participants(conversationID: id).count == 3)

            // Rejecting a focal point ends the role.
            let rejected = try #require(try await conversations.decideRegistration(id: ana.id, status: .rejected, decidedBy: nil))
            #expect(!rejected.focalPoint)

            _ = try await conversations.decideRegistration(id: chen.id, status: .withdrawn, decidedBy: users[2].id)
            let again = try await conversations.register(conversationID: id, userID: users[2].id, category: .memberState, delegation: "DEU", displayName: "Chen W.")
            #expect(again.status == .pending)
            #expect(again.id != chen.id)
            #expect(try await conversations.registration(id: chen.id) == nil)
        }
    }
}
