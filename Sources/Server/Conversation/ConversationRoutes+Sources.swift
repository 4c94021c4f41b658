import Consultation
import Conversation
import Core
import Hummingbird

/// An issue as an agenda shows it: number, title, and its questions.
struct IssueSummary: Sendable {
    var id: Int64
    var number: Int
    var title: LocalizedText
    var questions: [QuestionRecord]
}

/// An outcome item's source with where it is published: an intervention in its session's archive,
/// a submission on its page. Sources that are gone (or no longer published) keep no link.
struct ResolvedSource: Sendable {
    var source: OutcomeSource
    var href: String?
    var label: String?
}

/// The checks that cross module lines: agenda links name issues and questions of the Consultation
/// module, outcome items name interventions (the record) and published submissions.
extension ConversationRoutes {
    var consultations: ConsultationStore { ConsultationStore(services.store) }

    /// Each link's issue exists, belongs to a paper of this conversation, and the question (if any) is one of its questions.
    /// - Throws: 400 naming `links[i].issue_id` or `links[i].question_id` and the value.
    func checkAgendaLinks(_ links: [AgendaLink], conversationID: Int64) async throws {
        for (index, link) in links.enumerated() {
            guard let issue = try await consultations.issue(id: link.issueID),
                  try await consultations.version(id: issue.versionID)?.conversationID == conversationID
            else {
                throw IPAIError(
                    .invalidInput, "no issue with this id in an issues paper of this conversation",
                    at: InputLocation(field: "links[\(index)].issue_id", value: String(link.issueID)))
            }
            if let question = link.questionID, !issue.questions.contains(where: { $0.id == question }) {
                throw IPAIError(
                    .invalidInput, "issue \(issue.number) has no question with this id",
                    at: InputLocation(field: "links[\(index)].question_id", value: String(question)))
            }
        }
    }

    /// The issues the items link to, by id (missing ones are left out).
    func issueSummaries(for items: [AgendaItemRecord]) async throws -> [Int64: IssueSummary] {
        var result: [Int64: IssueSummary] = [:]
        for id in Set(items.flatMap { $0.links.map(\.issueID) }) {
            if let issue = try await consultations.issue(id: id) {
                result[id] = IssueSummary(id: id, number: issue.number, title: issue.title, questions: issue.questions)
            }
        }
        return result
    }

    /// Each source exists in this conversation; a submission must be accepted (published).
    /// - Throws: 400 naming `sources[i].id` and the value.
    func checkOutcomeSources(_ sources: [OutcomeSource], conversationID: Int64) async throws {
        for (index, source) in sources.enumerated() {
            let location = InputLocation(field: "sources[\(index)].id", value: String(source.id))
            switch source.kind {
            case .intervention:
                guard let intervention = try await conversationStore.intervention(id: source.id),
                      intervention.conversationID == conversationID
                else { throw IPAIError(.invalidInput, "no intervention with this id in this conversation", at: location) }
            case .submission:
                guard let submission = try await consultations.submission(id: source.id), submission.conversationID == conversationID else {
                    throw IPAIError(.invalidInput, "no submission with this id in this conversation", at: location)
                }
                guard submission.isPublished else {
                    throw IPAIError(.invalidInput, "only published (accepted) submissions can be linked", at: location)
                }
            }
        }
    }

    /// Links and labels for the sources, for the page and the API.
    func resolve(_ sources: [OutcomeSource]) async throws -> [ResolvedSource] {
        var result: [ResolvedSource] = []
        for source in sources {
            switch source.kind {
            case .intervention:
                if let intervention = try await conversationStore.intervention(id: source.id) {
                    let who = intervention.delegation.isEmpty || intervention.delegation == intervention.speakerName
                        ? intervention.speakerName : "\(intervention.speakerName) (\(intervention.delegation))"
                    result.append(ResolvedSource(
                        source: source, href: "/sessions/\(intervention.sessionID)/archive#intervention-\(intervention.id)", label: who))
                } else {
                    result.append(ResolvedSource(source: source))
                }
            case .submission:
                if let submission = try await consultations.submission(id: source.id), submission.isPublished {
                    result.append(ResolvedSource(source: source, href: "/submissions/\(submission.id)", label: submission.authorName))
                } else {
                    result.append(ResolvedSource(source: source))
                }
            }
        }
        return result
    }
}
