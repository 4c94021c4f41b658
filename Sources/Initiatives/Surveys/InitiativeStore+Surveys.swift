import Core
import Storage

extension InitiativeStore {
    /// Prepares a survey round (a draft, not yet visible to offices).
    /// - Throws: `invalid_input` naming the field (title, dates, questions).
    public func createSurvey(
        title: LocalizedText, opensOn: String, closesOn: String, questions: [SurveyQuestion], createdBy: Int64?
    ) async throws(IPAIError) -> SurveyRecord {
        try Self.checkSurvey(title: title, opensOn: opensOn, closesOn: closesOn, questions: questions)
        let survey = SurveyRecord(
            id: IdentifierGenerator.next(), title: title, opensOn: opensOn, closesOn: closesOn, status: .draft, questions: questions,
            createdAt: Clock.milliseconds(), createdBy: createdBy, openedAt: nil, closedAt: nil)
        _ = try await store.rows(
            "INSERT INTO init_surveys (id, title, opens_on, closes_on, status, questions, created_at, created_by) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)",
            [.integer(survey.id), .text(title.json), .text(opensOn), .text(closesOn), .text(InitiativeJSON.encode(questions)),
             .integer(survey.createdAt), SQLValue(createdBy)])
        return survey
    }

    /// Changes a round. Its questions can change only while it is a draft (answers refer to them);
    /// its title and dates until it is closed.
    /// - Throws: `not_found`, `conflict` for a closed round or questions of a sent one, `invalid_input`.
    public func updateSurvey(
        id: Int64, title: LocalizedText? = nil, opensOn: String? = nil, closesOn: String? = nil, questions: [SurveyQuestion]? = nil
    ) async throws(IPAIError) -> SurveyRecord {
        guard var survey = try await survey(id: id) else { throw IPAIError(.notFound, "survey \(id) does not exist") }
        guard survey.status != .closed else {
            throw IPAIError(.conflict, "survey \(id) is closed; its questionnaire and dates no longer change")
        }
        if let questions, questions != survey.questions {
            guard survey.status == .draft else {
                throw IPAIError(.conflict, "survey \(id) has been sent to the offices; its questions can no longer change", at: InputLocation(field: "questions"))
            }
            survey.questions = questions
        }
        if let title { survey.title = title }
        if let opensOn { survey.opensOn = opensOn }
        if let closesOn { survey.closesOn = closesOn }
        try Self.checkSurvey(title: survey.title, opensOn: survey.opensOn, closesOn: survey.closesOn, questions: survey.questions)
        _ = try await store.rows(
            "UPDATE init_surveys SET title = ?, opens_on = ?, closes_on = ?, questions = ? WHERE id = ?",
            [.text(survey.title.json), .text(survey.opensOn), .text(survey.closesOn), .text(InitiativeJSON.encode(survey.questions)), .integer(id)])
        return survey
    }

    /// Sends a draft round: every approved office's representatives see it and may answer within its dates.
    /// - Throws: `conflict` unless the round is a draft with at least one question.
    public func openSurvey(id: Int64) async throws(IPAIError) -> SurveyRecord {
        guard let survey = try await survey(id: id) else { throw IPAIError(.notFound, "survey \(id) does not exist") }
        guard survey.status == .draft else { throw IPAIError(.conflict, "survey \(id) is \(survey.status.rawValue), not a draft; it was sent already") }
        guard !survey.questions.isEmpty else { throw IPAIError(.conflict, "survey \(id) has no questions; add some before sending it", at: InputLocation(field: "questions")) }
        _ = try await store.rows(
            "UPDATE init_surveys SET status = 'open', opened_at = ? WHERE id = ? AND status = 'draft'", [.integer(Clock.milliseconds()), .integer(id)])
        return try await self.survey(id: id) ?? survey
    }

    /// Ends a round: no more answers, and its results become public.
    /// - Throws: `conflict` unless the round is open.
    public func closeSurvey(id: Int64) async throws(IPAIError) -> SurveyRecord {
        guard let survey = try await survey(id: id) else { throw IPAIError(.notFound, "survey \(id) does not exist") }
        guard survey.status == .open else { throw IPAIError(.conflict, "survey \(id) is \(survey.status.rawValue); only an open survey can be closed") }
        _ = try await store.rows(
            "UPDATE init_surveys SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'", [.integer(Clock.milliseconds()), .integer(id)])
        return try await self.survey(id: id) ?? survey
    }

    public func survey(id: Int64) async throws(IPAIError) -> SurveyRecord? {
        try await store.rows("SELECT * FROM init_surveys WHERE id = ?", [.integer(id)]).first.map(Self.survey)
    }

    /// Survey rounds with one of `statuses` (all when empty), newest first.
    public func surveys(statuses: Set<SurveyStatus> = []) async throws(IPAIError) -> [SurveyRecord] {
        var result: [SurveyRecord] = []
        for row in try await store.rows("SELECT * FROM init_surveys ORDER BY id DESC") {
            let survey = try Self.survey(row)
            if statuses.isEmpty || statuses.contains(survey.status) { result.append(survey) }
        }
        return result
    }

    // MARK: Answers

    /// Saves an office's answers to a round (replacing earlier ones), within the round's window.
    /// - Parameter day: today (`YYYY-MM-DD`, UTC); tests pass another day.
    /// - Throws: `conflict` outside the window; `invalid_input` naming the question for an answer that does not fit.
    public func saveAnswers(
        surveyID: Int64, officeID: Int64, answers: [String: SurveyAnswer], by userID: Int64?, day: String = InitiativeStore.today()
    ) async throws(IPAIError) -> SurveyResponseRecord {
        guard let survey = try await survey(id: surveyID) else { throw IPAIError(.notFound, "survey \(surveyID) does not exist") }
        guard survey.acceptsAnswers(on: day) else {
            let reason: String
            switch survey.status {
            case .draft: reason = "it has not been sent yet"
            case .closed: reason = "it is closed"
            case .open: reason = day < survey.opensOn ? "it opens on \(survey.opensOn)" : "it closed on \(survey.closesOn)"
            }
            throw IPAIError(.conflict, "survey \(surveyID) does not accept answers: \(reason)")
        }
        let cleaned = try Self.checkAnswers(answers, survey: survey)
        let now = Clock.milliseconds()
        let existing = try await response(surveyID: surveyID, officeID: officeID)
        _ = try await store.rows(
            """
            INSERT INTO init_survey_responses (survey_id, office_id, answers, submitted_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (survey_id, office_id) DO UPDATE SET answers = excluded.answers, submitted_by = excluded.submitted_by,
              updated_at = excluded.updated_at
            """,
            [.integer(surveyID), .integer(officeID), .text(InitiativeJSON.encode(cleaned)), SQLValue(userID), .integer(now), .integer(now)])
        return SurveyResponseRecord(
            surveyID: surveyID, officeID: officeID, answers: cleaned, submittedBy: userID, createdAt: existing?.createdAt ?? now, updatedAt: now)
    }

    /// An office's answers to a round, if it answered.
    public func response(surveyID: Int64, officeID: Int64) async throws(IPAIError) -> SurveyResponseRecord? {
        try await store.rows(
            "SELECT * FROM init_survey_responses WHERE survey_id = ? AND office_id = ?", [.integer(surveyID), .integer(officeID)]
        ).first.map(Self.response)
    }

    /// Every office's answers to a round.
    public func responses(surveyID: Int64) async throws(IPAIError) -> [SurveyResponseRecord] {
        var result: [SurveyResponseRecord] = []
        for row in try await store.rows("SELECT * FROM init_survey_responses WHERE survey_id = ? ORDER BY office_id", [.integer(surveyID)]) {
            result.append(try Self.response(row))
        }
        return result
    }

    /// The round's answers aggregated: per choice question counts and shares, per number question
    /// min/median/max, and free text listed (only public questions' unless `includePrivateTexts`).
    public func results(surveyID: Int64, includePrivateTexts: Bool) async throws(IPAIError) -> SurveyResults {
        guard let survey = try await survey(id: surveyID) else { throw IPAIError(.notFound, "survey \(surveyID) does not exist") }
        let responses = try await responses(surveyID: surveyID)
        var names: [Int64: LocalizedText] = [:]
        for office in try await offices(status: nil) { names[office.id] = office.name }
        return SurveyAggregation.results(survey, responses: responses, officeNames: names, includePrivateTexts: includePrivateTexts)
    }

    // MARK: Checks and rows

    static func checkSurvey(title: LocalizedText, opensOn: String, closesOn: String, questions: [SurveyQuestion]) throws(IPAIError) {
        try InitiativeChecks.text(title, field: "title", required: true, limit: 300)
        try InitiativeChecks.date(opensOn, field: "opens_on")
        try InitiativeChecks.date(closesOn, field: "closes_on")
        guard opensOn <= closesOn else {
            throw IPAIError(.invalidInput, "the survey closes (\(closesOn)) before it opens (\(opensOn))", at: InputLocation(field: "closes_on", value: closesOn))
        }
        guard questions.count <= 100 else { throw IPAIError(.invalidInput, "at most 100 questions", at: InputLocation(field: "questions")) }
        var ids: Set<String> = []
        for (index, question) in questions.enumerated() {
            let field = "questions[\(index)]"
            guard !question.id.isEmpty, question.id.count <= 40, ids.insert(question.id).inserted else {
                throw IPAIError(.invalidInput, "each question needs its own id (1 to 40 characters)", at: InputLocation(field: "\(field).id", value: question.id))
            }
            try InitiativeChecks.text(question.text, field: "\(field).text", required: true, limit: 2000)
            if question.kind.hasOptions {
                guard question.options.count >= 2, question.options.count <= 50 else {
                    throw IPAIError(.invalidInput, "a choice question needs 2 to 50 options", at: InputLocation(field: "\(field).options"))
                }
                var optionIDs: Set<String> = []
                for (number, option) in question.options.enumerated() {
                    guard !option.id.isEmpty, option.id.count <= 40, optionIDs.insert(option.id).inserted else {
                        throw IPAIError(.invalidInput, "each option needs its own id", at: InputLocation(field: "\(field).options[\(number)].id", value: option.id))
                    }
                    try InitiativeChecks.text(option.label, field: "\(field).options[\(number)].label", required: true, limit: 500)
                }
            } else if !question.options.isEmpty {
                throw IPAIError(.invalidInput, "only choice questions have options", at: InputLocation(field: "\(field).options"))
            }
        }
    }

    /// The answers that fit the questionnaire, empty ones dropped.
    static func checkAnswers(_ answers: [String: SurveyAnswer], survey: SurveyRecord) throws(IPAIError) -> [String: SurveyAnswer] {
        let questions = Dictionary(survey.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var cleaned: [String: SurveyAnswer] = [:]
        for (id, answer) in answers {
            guard let question = questions[id] else {
                throw IPAIError(.invalidInput, "survey \(survey.id) has no question '\(id)'", at: InputLocation(field: "answers", value: id))
            }
            guard !answer.isEmpty else { continue }
            let field = "answers.\(id)"
            switch question.kind {
            case .singleChoice, .multipleChoice:
                let choices = answer.choices ?? []
                guard answer.number == nil, answer.text == nil, !choices.isEmpty else {
                    throw IPAIError(.invalidInput, "answer question '\(id)' with choices (option ids)", at: InputLocation(field: field))
                }
                let known = Set(question.options.map(\.id))
                for choice in choices where !known.contains(choice) {
                    throw IPAIError(.invalidInput, "question '\(id)' has no option '\(choice)'", at: InputLocation(field: field, value: choice))
                }
                let unique = question.options.map(\.id).filter { choices.contains($0) }
                if question.kind == .singleChoice && unique.count > 1 {
                    throw IPAIError(.invalidInput, "question '\(id)' takes one choice", at: InputLocation(field: field, value: choices.joined(separator: ",")))
                }
                cleaned[id] = SurveyAnswer(choices: unique)
            case .number:
                guard let number = answer.number, answer.choices == nil, answer.text == nil, number.isFinite else {
                    throw IPAIError(.invalidInput, "answer question '\(id)' with a number", at: InputLocation(field: field))
                }
                cleaned[id] = SurveyAnswer(number: number)
            case .freeText:
                guard let text = answer.text, answer.choices == nil, answer.number == nil else {
                    throw IPAIError(.invalidInput, "answer question '\(id)' with a text", at: InputLocation(field: field))
                }
                guard text.count <= 10_000 else { throw IPAIError(.invalidInput, "at most 10,000 characters", at: InputLocation(field: field)) }
                cleaned[id] = SurveyAnswer(text: text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        for question in survey.questions where question.required && cleaned[question.id] == nil {
            throw IPAIError(.invalidInput, "question '\(question.id)' needs an answer", at: InputLocation(field: "answers.\(question.id)"))
        }
        return cleaned
    }

    static func survey(_ row: SQLRow) throws(IPAIError) -> SurveyRecord {
        let status = try row.string("status")
        guard let parsed = SurveyStatus(rawValue: status) else { throw IPAIError(.storageFailure, "stored survey status '\(status)' is unknown") }
        return SurveyRecord(
            id: try row.int64("id"), title: LocalizedText(json: try row.string("title")), opensOn: try row.string("opens_on"),
            closesOn: try row.string("closes_on"), status: parsed,
            questions: try InitiativeJSON.decode([SurveyQuestion].self, try row.string("questions"), column: "questions"),
            createdAt: try row.int64("created_at"), createdBy: row.optionalInt64("created_by"), openedAt: row.optionalInt64("opened_at"),
            closedAt: row.optionalInt64("closed_at"))
    }

    static func response(_ row: SQLRow) throws(IPAIError) -> SurveyResponseRecord {
        SurveyResponseRecord(
            surveyID: try row.int64("survey_id"), officeID: try row.int64("office_id"),
            answers: try InitiativeJSON.decode([String: SurveyAnswer].self, try row.string("answers"), column: "answers"),
            submittedBy: row.optionalInt64("submitted_by"), createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"))
    }
}
