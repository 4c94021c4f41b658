import Core

/// Turns a round's answers into ``SurveyResults`` (pure, so it is tested without a database).
public enum SurveyAggregation {
    /// - Parameters:
    ///   - officeNames: names for the free-text listing.
    ///   - includePrivateTexts: whether free text of questions not marked public is listed.
    public static func results(
        _ survey: SurveyRecord, responses: [SurveyResponseRecord], officeNames: [Int64: LocalizedText], includePrivateTexts: Bool
    ) -> SurveyResults {
        var questions: [QuestionResult] = []
        for question in survey.questions {
            let answers = responses.compactMap { response in response.answers[question.id].map { (response.officeID, $0) } }
            var result = QuestionResult(
                question: question, answered: answers.count, options: [], numbers: nil, texts: [], textsWithheld: false)
            switch question.kind {
            case .singleChoice, .multipleChoice:
                result.options = question.options.map { option in
                    let count = answers.filter { ($0.1.choices ?? []).contains(option.id) }.count
                    return QuestionResult.OptionCount(option: option, count: count, share: answers.isEmpty ? 0 : Double(count) / Double(answers.count))
                }
            case .number:
                let numbers = answers.compactMap(\.1.number).sorted()
                if let first = numbers.first, let last = numbers.last {
                    result.numbers = QuestionResult.NumberSummary(minimum: first, median: median(numbers), maximum: last)
                }
            case .freeText:
                if question.publicAnswers || includePrivateTexts {
                    result.texts = answers.compactMap { officeID, answer in
                        answer.text.map { QuestionResult.TextAnswer(officeID: officeID, officeName: officeNames[officeID] ?? LocalizedText(), text: $0) }
                    }
                } else {
                    result.textsWithheld = !answers.isEmpty
                }
            }
            questions.append(result)
        }
        return SurveyResults(respondents: responses.count, questions: questions)
    }

    /// The middle value of sorted numbers (the mean of the two middle ones for an even count).
    public static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
