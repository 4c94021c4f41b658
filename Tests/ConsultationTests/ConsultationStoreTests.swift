import Consultation
import Core
import Foundation
import Storage
import Testing
import TestSupport

/// A paper with version 1 published (issues 1 and 2, two questions on issue 1) and a call open today.
struct PublishedPaper {
    let consultations: ConsultationStore
    let paper: PaperRecord
    let version: PaperVersionRecord

    static func make(_ store: Store, conversationID: Int64 = 7, openCall: Bool = true) async throws -> PublishedPaper {
        let consultations = ConsultationStore(store)
        try await consultations.migrate()
        let paper = try await consultations.createPaper(
            conversationID: conversationID, title: LocalizedText(english: "Draft issues paper on IP policy and AI"), createdBy: nil)
        let draft = try #require(try await consultations.latestVersion(paperID: paper.id))
        _ = try await consultations.updateVersion(id: draft.id, document: VersionDocument(
            title: LocalizedText(["en": "Draft issues paper on IP policy and AI", "fr": "Projet de document"]),
            intro: LocalizedText(english: "Comments are invited."),
            issues: [
                .init(number: 1, title: LocalizedText(english: "Inventorship"), body: LocalizedText(english: "Should AI be named?"),
                      questions: [.init(number: 1, text: LocalizedText(english: "Should the law permit AI as inventor?")),
                                  .init(number: 2, text: LocalizedText(english: "Who owns the invention?"))]),
                .init(number: 2, title: LocalizedText(english: "Data"), questions: [.init(number: 1, text: LocalizedText(english: "Is a data right needed?"))]),
            ]))
        let published = try await consultations.publishVersion(id: draft.id)
        if openCall {
            try await consultations.setCall(versionID: draft.id, opensOn: day(-1), closesOn: day(1))
        }
        return PublishedPaper(consultations: consultations, paper: paper, version: published)
    }

    static func day(_ offset: Int) -> String {
        ConsultationStore.day(ofMilliseconds: Int64((Date().timeIntervalSince1970 + Double(offset) * 86_400) * 1000))
    }

    func submit(_ issues: [Int] = [1], name: String = "France", type: AuthorType = .memberState) async throws -> SubmissionRecord {
        try await consultations.createSubmission(
            versionID: version.id, userID: nil, authorType: type, authorName: name, text: "Our comments.", issueNumbers: issues)
    }
}

@Suite("Consultation store")
struct ConsultationStoreTests {
    @Test("a new version starts as a copy of the published one; the published one no longer changes", arguments: Backend.allCases)
    func versionsCopy(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let fixture = try await PublishedPaper.make(store)
            let consultations = fixture.consultations
            let first = try await consultations.issues(versionID: fixture.version.id)
            #expect(first.map(\.number) == [1, 2])
            #expect(first[0].questions.map(\.number) == [1, 2])
            #expect(try await consultations.issue(id: first[0].id) == first[0])

            await #expect(throws: IPAIError.self) {
                try await consultations.updateVersion(id: fixture.version.id, document: VersionDocument(title: LocalizedText(english: "Changed")))
            }
            let second = try await consultations.createVersion(paperID: fixture.paper.id)
            #expect(second.number == 2 && second.status == .draft)
            #expect(second.title.text(in: "fr") == "Projet de document")
            let copied = try await consultations.issues(versionID: second.id)
            #expect(copied.map(\.number) == [1, 2])
            #expect(copied[0].questions.map(\.text) == first[0].questions.map(\.text))
            #expect(Set(copied.map(\.id)).isDisjoint(with: first.map(\.id)))
            // A second draft while one is open is refused.
            await #expect(throws: IPAIError.self) { try await consultations.createVersion(paperID: fixture.paper.id) }

            // Editing keeps ids of issues whose numbers stay, drops the others, adds new ones.
            _ = try await consultations.updateVersion(id: second.id, document: VersionDocument(
                title: LocalizedText(english: "Revised issues paper"),
                issues: [
                    .init(number: 1, title: LocalizedText(english: "Inventorship (revised)"), questions: [.init(number: 1, text: LocalizedText(english: "Q"))]),
                    .init(number: 3, title: LocalizedText(english: "Deepfakes")),
                ]))
            let edited = try await consultations.issues(versionID: second.id)
            #expect(edited.map(\.number) == [1, 3])
            #expect(edited[0].id == copied[0].id && edited[0].questions.map(\.id) == [copied[0].questions[0].id])
            #expect(edited[0].title.text(in: "en") == "Inventorship (revised)")
            #expect(try await consultations.issues(versionID: fixture.version.id) == first)
            #expect(try await consultations.versions(paperID: fixture.paper.id).map(\.number) == [1, 2])
        }
    }

    @Test("bad paper content is refused naming the field")
    func badDocument() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let consultations = ConsultationStore(store)
            try await consultations.migrate()
            let paper = try await consultations.createPaper(conversationID: 1, title: LocalizedText(english: "P"), createdBy: nil)
            let draft = try #require(try await consultations.latestVersion(paperID: paper.id))
            do {
                _ = try await consultations.updateVersion(id: draft.id, document: VersionDocument(
                    title: LocalizedText(english: "P"),
                    issues: [.init(number: 1, title: LocalizedText(english: "A")), .init(number: 1, title: LocalizedText(english: "B"))]))
                Issue.record("a duplicate issue number was accepted")
            } catch let error as IPAIError {
                #expect(error.location?.field == "issues[1].number")
            }
            // A draft without issues cannot be published.
            await #expect(throws: IPAIError.self) { try await consultations.publishVersion(id: draft.id) }
        }
    }

    @Test("submissions are accepted only while the call is open, and the refusal names the dates", arguments: Backend.allCases)
    func callWindow(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let fixture = try await PublishedPaper.make(store, openCall: false)
            let consultations = fixture.consultations
            await #expect(throws: IPAIError.self) { try await fixture.submit() }
            try await consultations.setCall(versionID: fixture.version.id, opensOn: PublishedPaper.day(2), closesOn: PublishedPaper.day(9))
            do {
                _ = try await fixture.submit()
                Issue.record("a submission before the call opened was accepted")
            } catch let error as IPAIError {
                #expect(error.code == .conflict)
                #expect(error.message.contains(PublishedPaper.day(2)) && error.message.contains(PublishedPaper.day(9)))
            }
            try await consultations.setCall(versionID: fixture.version.id, opensOn: PublishedPaper.day(-9), closesOn: PublishedPaper.day(-1))
            await #expect(throws: IPAIError.self) { try await fixture.submit() }
            try await consultations.setCall(versionID: fixture.version.id, opensOn: PublishedPaper.day(-9), closesOn: PublishedPaper.day(0))
            let sent = try await fixture.submit()
            #expect(sent.status == .pending && !sent.isPublished)
            #expect(try await consultations.version(id: fixture.version.id)?.call?.closesOn == PublishedPaper.day(0))
            // Dates are checked.
            await #expect(throws: IPAIError.self) {
                try await consultations.setCall(versionID: fixture.version.id, opensOn: "2025-02-30x", closesOn: "2025-03-01")
            }
        }
    }

    @Test("a submission must be tagged with issues that exist in its version", arguments: Backend.allCases)
    func tagsMustExist(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let fixture = try await PublishedPaper.make(store)
            await #expect(throws: IPAIError.self) { try await fixture.submit([]) }
            do {
                _ = try await fixture.submit([1, 5])
                Issue.record("issue 5 does not exist but was accepted")
            } catch let error as IPAIError {
                #expect(error.location?.field == "issues" && error.location?.value == "5")
            }
            let sent = try await fixture.submit([2, 1, 2])
            #expect(sent.issueNumbers == [1, 2])
            #expect(try await fixture.consultations.submission(id: sent.id)?.issueNumbers == [1, 2])
            let tooLong = String(repeating: "a", count: ConsultationStore.maximumTextLength + 1)
            await #expect(throws: IPAIError.self) {
                try await fixture.consultations.createSubmission(
                    versionID: fixture.version.id, userID: nil, authorType: .individual, authorName: "A", text: tooLong, issueNumbers: [1])
            }
        }
    }

    @Test("moderation: accepted submissions are published and counted per issue; rejection needs a reason", arguments: Backend.allCases)
    func moderation(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let fixture = try await PublishedPaper.make(store)
            let consultations = fixture.consultations
            let france = try await fixture.submit([1, 2], name: "France")
            let ngo = try await fixture.submit([1], name: "Some NGO", type: .ngo)
            let spam = try await fixture.submit([2], name: "Spam")
            #expect(try await consultations.submissions(versionID: fixture.version.id, status: .pending).items.count == 3)

            let accepted = try #require(try await consultations.decide(submissionID: france.id, status: .accepted, decidedBy: nil))
            #expect(accepted.isPublished && accepted.publishedAt != nil)
            _ = try await consultations.decide(submissionID: ngo.id, status: .accepted, decidedBy: nil)
            await #expect(throws: IPAIError.self) { try await consultations.decide(submissionID: spam.id, status: .rejected, decidedBy: nil) }
            let rejected = try #require(try await consultations.decide(submissionID: spam.id, status: .rejected, reason: "Off topic", decidedBy: nil))
            #expect(!rejected.isPublished && rejected.reason == "Off topic")

            let published = try await consultations.submissions(versionID: fixture.version.id, status: .accepted)
            #expect(Set(published.items.map(\.id)) == [france.id, ngo.id])
            #expect(try await consultations.submissions(versionID: fixture.version.id, status: .accepted, issueNumber: 2).items.map(\.id) == [france.id])
            #expect(try await consultations.submissions(versionID: fixture.version.id, status: .accepted, authorType: .ngo).items.map(\.id) == [ngo.id])
            #expect(try await consultations.publishedCounts(versionID: fixture.version.id) == [1: 2, 2: 1])
            // Pages of one.
            let first = try await consultations.submissions(versionID: fixture.version.id, limit: 2)
            let rest = try await consultations.submissions(versionID: fixture.version.id, limit: 2, cursor: first.next)
            #expect(first.items.count == 2 && rest.items.count == 1 && rest.next == nil)
        }
    }

    @Test("attachments must be PDF files of at most 10 MB", arguments: Backend.allCases)
    func attachments(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let fixture = try await PublishedPaper.make(store)
            let sent = try await fixture.submit()
            await #expect(throws: IPAIError.self) {
                try await fixture.consultations.setAttachment(submissionID: sent.id, fileName: "x.pdf", data: Array("<html>".utf8))
            }
            let pdf = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8) + [0, 255, 1]
            let info = try await fixture.consultations.setAttachment(submissionID: sent.id, fileName: "../../our \"comments\".pdf", data: pdf)
            #expect(info.fileName == "our__comments_.pdf" && info.bytes == Int64(pdf.count))
            let stored = try #require(try await fixture.consultations.attachment(submissionID: sent.id))
            #expect(stored.data == pdf)
            #expect(try await fixture.consultations.submission(id: sent.id)?.attachment?.fileName == "our__comments_.pdf")
            await #expect(throws: IPAIError.self) {
                try await fixture.consultations.setAttachment(
                    submissionID: sent.id, fileName: "big.pdf", data: Array("%PDF-".utf8) + [UInt8](repeating: 0, count: ConsultationStore.maximumAttachmentBytes))
            }
        }
    }

    @Test("a revised version records which accepted submissions informed its issues", arguments: Backend.allCases)
    func sources(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let fixture = try await PublishedPaper.make(store)
            let consultations = fixture.consultations
            let accepted = try await fixture.submit([1])
            let pending = try await fixture.submit([1])
            _ = try await consultations.decide(submissionID: accepted.id, status: .accepted, decidedBy: nil)
            let revised = try await consultations.createVersion(paperID: fixture.paper.id)
            await #expect(throws: IPAIError.self) {
                try await consultations.setSources(versionID: revised.id, issueNumber: 1, submissionIDs: [pending.id])
            }
            await #expect(throws: IPAIError.self) {
                try await consultations.setSources(versionID: revised.id, issueNumber: 9, submissionIDs: [accepted.id])
            }
            // Sources come from earlier versions only.
            await #expect(throws: IPAIError.self) {
                try await consultations.setSources(versionID: fixture.version.id, issueNumber: 1, submissionIDs: [accepted.id])
            }
            #expect(try await consultations.setSources(versionID: revised.id, issueNumber: 1, submissionIDs: [accepted.id, accepted.id]) == [accepted.id])
            #expect(try await consultations.sources(versionID: revised.id) == [1: [accepted.id]])
            try await consultations.setSources(versionID: revised.id, issueNumber: 1, submissionIDs: [])
            #expect(try await consultations.sources(versionID: revised.id).isEmpty)
        }
    }
}
