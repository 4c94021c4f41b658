import Core
import Storage

extension ConsultationStore {
    // MARK: Papers

    /// Starts an issues paper for a conversation, with version 1 as an empty draft.
    /// - Parameters:
    ///   - conversationID: the conversation (the caller checks it exists).
    ///   - title: the first version's title, in at least one language.
    /// - Returns: the paper; its draft is ``latestVersion(paperID:)``.
    public func createPaper(
        conversationID: Int64, title: LocalizedText, intro: LocalizedText = LocalizedText(), createdBy: Int64?
    ) async throws(IPAIError) -> PaperRecord {
        guard !title.isEmpty else {
            throw IPAIError(.invalidInput, "an issues paper needs a title in at least one language", at: InputLocation(field: "title"))
        }
        let now = Clock.milliseconds()
        let paper = PaperRecord(id: IdentifierGenerator.next(), conversationID: conversationID, createdAt: now, createdBy: createdBy)
        _ = try await database.transaction([
            SQLStatement(
                "INSERT INTO cons_papers (id, conversation_id, created_at, created_by) VALUES (?, ?, ?, ?)",
                [.integer(paper.id), .integer(conversationID), .integer(now), SQLValue(createdBy)]),
            SQLStatement(
                "INSERT INTO cons_versions (id, paper_id, number, title, intro, status, created_at) VALUES (?, ?, 1, ?, ?, 'draft', ?)",
                [.integer(IdentifierGenerator.next()), .integer(paper.id), .text(title.json), .text(intro.json), .integer(now)]),
        ])
        return paper
    }

    public func paper(id: Int64) async throws(IPAIError) -> PaperRecord? {
        try await store.rows("SELECT * FROM cons_papers WHERE id = ?", [.integer(id)]).first.map(Self.paper)
    }

    /// Every paper (or a conversation's papers), newest first.
    public func papers(conversationID: Int64? = nil) async throws(IPAIError) -> [PaperRecord] {
        let rows = if let conversationID {
            try await store.rows("SELECT * FROM cons_papers WHERE conversation_id = ? ORDER BY id DESC", [.integer(conversationID)])
        } else {
            try await store.rows("SELECT * FROM cons_papers ORDER BY id DESC")
        }
        var result: [PaperRecord] = []
        for row in rows { result.append(try Self.paper(row)) }
        return result
    }

    static func paper(_ row: SQLRow) throws(IPAIError) -> PaperRecord {
        PaperRecord(
            id: try row.int64("id"), conversationID: try row.int64("conversation_id"), createdAt: try row.int64("created_at"),
            createdBy: row.optionalInt64("created_by"))
    }

    // MARK: Versions

    static let versionSelect = """
        SELECT v.*, p.conversation_id AS conversation_id, c.opens_on AS opens_on, c.closes_on AS closes_on,
          c.created_at AS call_created_at
        FROM cons_versions v JOIN cons_papers p ON p.id = v.paper_id LEFT JOIN cons_calls c ON c.version_id = v.id
        """

    public func version(id: Int64) async throws(IPAIError) -> PaperVersionRecord? {
        try await store.rows("\(Self.versionSelect) WHERE v.id = ?", [.integer(id)]).first.map(Self.version)
    }

    /// A paper's versions, oldest first.
    public func versions(paperID: Int64) async throws(IPAIError) -> [PaperVersionRecord] {
        var result: [PaperVersionRecord] = []
        for row in try await store.rows("\(Self.versionSelect) WHERE v.paper_id = ? ORDER BY v.number", [.integer(paperID)]) {
            result.append(try Self.version(row))
        }
        return result
    }

    /// The paper's newest version, draft or published.
    public func latestVersion(paperID: Int64) async throws(IPAIError) -> PaperVersionRecord? {
        try await versions(paperID: paperID).last
    }

    /// The paper's newest published version (what the public reads).
    public func latestPublishedVersion(paperID: Int64) async throws(IPAIError) -> PaperVersionRecord? {
        try await versions(paperID: paperID).last(where: \.isPublished)
    }

    static func version(_ row: SQLRow) throws(IPAIError) -> PaperVersionRecord {
        let status = try row.string("status")
        guard let parsed = VersionStatus(rawValue: status) else {
            throw IPAIError(.storageFailure, "stored paper version status '\(status)' is unknown")
        }
        let id = try row.int64("id")
        var call: CallRecord?
        if let opens = row.optionalString("opens_on"), let closes = row.optionalString("closes_on") {
            call = CallRecord(versionID: id, opensOn: opens, closesOn: closes, createdAt: row.optionalInt64("call_created_at") ?? 0)
        }
        return PaperVersionRecord(
            id: id, paperID: try row.int64("paper_id"), conversationID: try row.int64("conversation_id"),
            number: try row.int("number"), title: LocalizedText(json: try row.string("title")),
            intro: LocalizedText(json: try row.string("intro")), status: parsed, publishedAt: row.optionalInt64("published_at"),
            createdAt: try row.int64("created_at"), call: call)
    }

    /// Starts the next version of a paper as a draft copy of its latest version (title, intro,
    /// issues and questions), to be edited into the revised paper.
    /// - Throws: `conflict` while the latest version is still a draft; `notFound` for an unknown paper.
    public func createVersion(paperID: Int64) async throws(IPAIError) -> PaperVersionRecord {
        guard let latest = try await latestVersion(paperID: paperID) else {
            throw IPAIError(.notFound, "issues paper \(paperID) does not exist", at: InputLocation(field: "paper_id", value: String(paperID)))
        }
        guard latest.isPublished else {
            throw IPAIError(
                .conflict, "version \(latest.number) of this paper is still a draft; edit or publish it before starting version \(latest.number + 1)")
        }
        let now = Clock.milliseconds()
        let versionID = IdentifierGenerator.next()
        var statements = [
            SQLStatement(
                "INSERT INTO cons_versions (id, paper_id, number, title, intro, status, created_at) VALUES (?, ?, ?, ?, ?, 'draft', ?)",
                [.integer(versionID), .integer(paperID), .integer(Int64(latest.number + 1)), .text(latest.title.json),
                 .text(latest.intro.json), .integer(now)])
        ]
        for issue in try await issues(versionID: latest.id) {
            let issueID = IdentifierGenerator.next()
            statements.append(Self.insertIssue(id: issueID, versionID: versionID, number: issue.number, title: issue.title, body: issue.body))
            for question in issue.questions {
                statements.append(Self.insertQuestion(issueID: issueID, number: question.number, text: question.text))
            }
        }
        do {
            _ = try await database.transaction(statements)
        } catch let error where error.code == .conflict {
            throw IPAIError(.conflict, "version \(latest.number + 1) of this paper was just started by someone else; reload the paper")
        }
        guard let created = try await version(id: versionID) else {
            throw IPAIError(.storageFailure, "the new version \(versionID) was not found after it was stored")
        }
        return created
    }

    /// Replaces a draft's title, intro, issues and questions with `document`. Issues and questions
    /// keep their ids when their numbers stay (agenda items and sources point at them).
    /// - Throws: `conflict` for a published version; `invalidInput` naming the field for bad content.
    public func updateVersion(id: Int64, document: VersionDocument) async throws(IPAIError) -> PaperVersionRecord {
        guard let current = try await version(id: id) else {
            throw IPAIError(.notFound, "paper version \(id) does not exist", at: InputLocation(field: "version_id", value: String(id)))
        }
        guard !current.isPublished else {
            throw IPAIError(.conflict, "version \(current.number) is published and can no longer change; start a new version to revise it")
        }
        try Self.check(document)
        let existing = try await issues(versionID: id)
        let byNumber = Dictionary(existing.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var statements = [
            SQLStatement("UPDATE cons_versions SET title = ?, intro = ? WHERE id = ?", [.text(document.title.json), .text(document.intro.json), .integer(id)])
        ]
        let kept = Set(document.issues.map(\.number))
        for old in existing where !kept.contains(old.number) {
            statements.append(SQLStatement("DELETE FROM cons_issues WHERE id = ?", [.integer(old.id)]))
        }
        for issue in document.issues {
            if let old = byNumber[issue.number] {
                statements.append(SQLStatement(
                    "UPDATE cons_issues SET title = ?, body = ? WHERE id = ?", [.text(issue.title.json), .text(issue.body.json), .integer(old.id)]))
                let oldQuestions = Dictionary(old.questions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
                let keptQuestions = Set(issue.questions.map(\.number))
                for question in old.questions where !keptQuestions.contains(question.number) {
                    statements.append(SQLStatement("DELETE FROM cons_questions WHERE id = ?", [.integer(question.id)]))
                }
                for question in issue.questions {
                    if let previous = oldQuestions[question.number] {
                        statements.append(SQLStatement("UPDATE cons_questions SET text = ? WHERE id = ?", [.text(question.text.json), .integer(previous.id)]))
                    } else {
                        statements.append(Self.insertQuestion(issueID: old.id, number: question.number, text: question.text))
                    }
                }
            } else {
                let issueID = IdentifierGenerator.next()
                statements.append(Self.insertIssue(id: issueID, versionID: id, number: issue.number, title: issue.title, body: issue.body))
                for question in issue.questions {
                    statements.append(Self.insertQuestion(issueID: issueID, number: question.number, text: question.text))
                }
            }
        }
        _ = try await database.transaction(statements)
        return try await version(id: id) ?? current
    }

    /// Publishes a draft version: it can no longer change, and a call for comments may open on it.
    /// - Throws: `conflict` if already published or if it has no issues.
    public func publishVersion(id: Int64) async throws(IPAIError) -> PaperVersionRecord {
        guard let current = try await version(id: id) else {
            throw IPAIError(.notFound, "paper version \(id) does not exist", at: InputLocation(field: "version_id", value: String(id)))
        }
        guard !current.isPublished else {
            throw IPAIError(.conflict, "version \(current.number) is already published")
        }
        guard try await !issues(versionID: id).isEmpty else {
            throw IPAIError(.conflict, "version \(current.number) has no issues yet; add at least one numbered issue before publishing")
        }
        _ = try await store.rows(
            "UPDATE cons_versions SET status = 'published', published_at = ? WHERE id = ? AND status = 'draft'",
            [.integer(Clock.milliseconds()), .integer(id)])
        return try await version(id: id) ?? current
    }

    // MARK: Issues

    /// A version's issues with their questions, in number order.
    public func issues(versionID: Int64) async throws(IPAIError) -> [IssueRecord] {
        let issueRows = try await store.rows("SELECT * FROM cons_issues WHERE version_id = ? ORDER BY number", [.integer(versionID)])
        let questionRows = try await store.rows(
            """
            SELECT q.* FROM cons_questions q JOIN cons_issues i ON i.id = q.issue_id WHERE i.version_id = ? ORDER BY q.issue_id, q.number
            """, [.integer(versionID)])
        var questions: [Int64: [QuestionRecord]] = [:]
        for row in questionRows { questions[try row.int64("issue_id"), default: []].append(try Self.question(row)) }
        var result: [IssueRecord] = []
        for row in issueRows {
            var issue = try Self.issue(row)
            issue.questions = questions[issue.id] ?? []
            result.append(issue)
        }
        return result
    }

    /// One issue with its questions (what agenda items link to).
    public func issue(id: Int64) async throws(IPAIError) -> IssueRecord? {
        guard let row = try await store.rows("SELECT * FROM cons_issues WHERE id = ?", [.integer(id)]).first else { return nil }
        var issue = try Self.issue(row)
        for question in try await store.rows("SELECT * FROM cons_questions WHERE issue_id = ? ORDER BY number", [.integer(id)]) {
            issue.questions.append(try Self.question(question))
        }
        return issue
    }

    static func issue(_ row: SQLRow) throws(IPAIError) -> IssueRecord {
        IssueRecord(
            id: try row.int64("id"), versionID: try row.int64("version_id"), number: try row.int("number"),
            title: LocalizedText(json: try row.string("title")), body: LocalizedText(json: try row.string("body")), questions: [])
    }

    static func question(_ row: SQLRow) throws(IPAIError) -> QuestionRecord {
        QuestionRecord(id: try row.int64("id"), number: try row.int("number"), text: LocalizedText(json: try row.string("text")))
    }

    static func insertIssue(id: Int64, versionID: Int64, number: Int, title: LocalizedText, body: LocalizedText) -> SQLStatement {
        SQLStatement(
            "INSERT INTO cons_issues (id, version_id, number, title, body) VALUES (?, ?, ?, ?, ?)",
            [.integer(id), .integer(versionID), .integer(Int64(number)), .text(title.json), .text(body.json)])
    }

    static func insertQuestion(issueID: Int64, number: Int, text: LocalizedText) -> SQLStatement {
        SQLStatement(
            "INSERT INTO cons_questions (id, issue_id, number, text) VALUES (?, ?, ?, ?)",
            [.integer(IdentifierGenerator.next()), .integer(issueID), .integer(Int64(number)), .text(text.json)])
    }

    static func check(_ document: VersionDocument) throws(IPAIError) {
        guard !document.title.isEmpty else {
            throw IPAIError(.invalidInput, "a paper version needs a title in at least one language", at: InputLocation(field: "title"))
        }
        guard document.issues.count <= 500 else {
            throw IPAIError(.invalidInput, "a paper holds at most 500 issues (got \(document.issues.count))", at: InputLocation(field: "issues"))
        }
        var numbers = Set<Int>()
        for (index, issue) in document.issues.enumerated() {
            let field = "issues[\(index)]"
            guard (1...9999).contains(issue.number) else {
                throw IPAIError(.invalidInput, "issue numbers run from 1 to 9999", at: InputLocation(field: "\(field).number", value: String(issue.number)))
            }
            guard numbers.insert(issue.number).inserted else {
                throw IPAIError(.invalidInput, "issue number \(issue.number) appears twice; number each issue once", at: InputLocation(field: "\(field).number", value: String(issue.number)))
            }
            guard !issue.title.isEmpty else {
                throw IPAIError(.invalidInput, "issue \(issue.number) needs a title in at least one language", at: InputLocation(field: "\(field).title"))
            }
            var questionNumbers = Set<Int>()
            for (questionIndex, question) in issue.questions.enumerated() {
                let questionField = "\(field).questions[\(questionIndex)]"
                guard (1...9999).contains(question.number), questionNumbers.insert(question.number).inserted else {
                    throw IPAIError(
                        .invalidInput, "question numbers of issue \(issue.number) run from 1 to 9999, each once",
                        at: InputLocation(field: "\(questionField).number", value: String(question.number)))
                }
                guard !question.text.isEmpty else {
                    throw IPAIError(.invalidInput, "question \(question.number) of issue \(issue.number) needs a text", at: InputLocation(field: "\(questionField).text"))
                }
            }
        }
    }
}
