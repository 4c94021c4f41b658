import Core

/// Where a survey round is: prepared (draft), sent to the offices (open), or over (closed).
public enum SurveyStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case open
    case closed
}

/// A question of a survey's questionnaire.
public struct SurveyQuestion: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case singleChoice = "single_choice"
        case multipleChoice = "multiple_choice"
        case number
        case freeText = "free_text"

        public var hasOptions: Bool { self == .singleChoice || self == .multipleChoice }
    }

    /// A choice of a choice question.
    public struct Option: Sendable, Equatable, Codable {
        /// Stable within the question (`o1`, `yes`…): answers refer to it.
        public var id: String
        public var label: LocalizedText

        public init(id: String, label: LocalizedText) {
            self.id = id
            self.label = label
        }
    }

    /// Stable within the survey (`q1`…): answers refer to it.
    public var id: String
    public var kind: Kind
    public var text: LocalizedText
    public var options: [Option]
    public var required: Bool
    /// For free text: whether the answers appear in the public results (else administrators only).
    public var publicAnswers: Bool

    public init(
        id: String, kind: Kind, text: LocalizedText, options: [Option] = [], required: Bool = false, publicAnswers: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.options = options
        self.required = required
        self.publicAnswers = publicAnswers
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, text, options, required, publicAnswers = "public_answers"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        kind = try container.decode(Kind.self, forKey: .kind)
        text = try container.decode(LocalizedText.self, forKey: .text)
        options = try container.decodeIfPresent([Option].self, forKey: .options) ?? []
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        publicAnswers = try container.decodeIfPresent(Bool.self, forKey: .publicAnswers) ?? false
    }
}

/// A survey round: a questionnaire sent to every approved office for a window of dates.
public struct SurveyRecord: Sendable, Equatable {
    public var id: Int64
    public var title: LocalizedText
    /// First and last day answers are accepted, `YYYY-MM-DD` (UTC).
    public var opensOn: String
    public var closesOn: String
    public var status: SurveyStatus
    public var questions: [SurveyQuestion]
    public var createdAt: Int64
    public var createdBy: Int64?
    public var openedAt: Int64?
    public var closedAt: Int64?

    /// Whether offices may answer on `day` (`YYYY-MM-DD`): the round is open and the day within its dates.
    public func acceptsAnswers(on day: String) -> Bool {
        status == .open && opensOn <= day && day <= closesOn
    }

    /// Whether the round is over on `day`: closed, or past its last day. Results are public then.
    public func isOver(on day: String) -> Bool {
        status == .closed || (status == .open && day > closesOn)
    }
}

/// One office's answer to one question: the chosen option ids, a number or a text.
public struct SurveyAnswer: Sendable, Equatable, Codable {
    public var choices: [String]?
    public var number: Double?
    public var text: String?

    public init(choices: [String]? = nil, number: Double? = nil, text: String? = nil) {
        self.choices = choices
        self.number = number
        self.text = text
    }

    var isEmpty: Bool {
        (choices ?? []).isEmpty && number == nil && (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// An office's answers to a survey round (one per office and round; edited until the round closes).
public struct SurveyResponseRecord: Sendable, Equatable {
    public var surveyID: Int64
    public var officeID: Int64
    /// Answers by question id.
    public var answers: [String: SurveyAnswer]
    public var submittedBy: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// A round's answers, question by question.
public struct SurveyResults: Sendable, Equatable {
    /// How many offices answered.
    public var respondents: Int
    public var questions: [QuestionResult]
}

/// The aggregate of one question: counts for choices, min/median/max for numbers, the texts for free text.
public struct QuestionResult: Sendable, Equatable {
    public struct OptionCount: Sendable, Equatable {
        public var option: SurveyQuestion.Option
        public var count: Int
        /// Of the offices that answered this question, 0...1.
        public var share: Double
    }

    public struct NumberSummary: Sendable, Equatable {
        public var minimum: Double
        public var median: Double
        public var maximum: Double

        public init(minimum: Double, median: Double, maximum: Double) {
            self.minimum = minimum
            self.median = median
            self.maximum = maximum
        }
    }

    public struct TextAnswer: Sendable, Equatable {
        public var officeID: Int64
        public var officeName: LocalizedText
        public var text: String
    }

    public var question: SurveyQuestion
    /// Offices that answered this question.
    public var answered: Int
    public var options: [OptionCount]
    public var numbers: NumberSummary?
    /// Free-text answers; empty when withheld from the caller (not public, not an administrator).
    public var texts: [TextAnswer]
    /// Whether free-text answers were withheld.
    public var textsWithheld: Bool
}
