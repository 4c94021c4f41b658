import Core
import Initiatives

/// The questionnaire as the administration page's form writes it, one question per line:
///
/// ```text
/// single*: Do you use AI in examination? | Yes | No | Planned
/// multiple: Which tasks? | Classification | Prior-art search | Translation
/// number: How many staff work on AI?
/// text public: What would you share with other offices?
/// ```
/// `*` marks a required question; `text public` lists its answers in the public results. A translation
/// has the same lines in the same order without the kind (`Utilisez-vous l'IA ? | Oui | Non | Prévu`).
enum SurveyQuestionnaireText {
    static func parse(_ english: String, translations: [String: String]) throws(IPAIError) -> [SurveyQuestion] {
        let lines = english.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var translated: [String: [[String]]] = [:]
        for (language, text) in translations {
            translated[language] = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { cells($0) }
        }
        var questions: [SurveyQuestion] = []
        for (index, line) in lines.enumerated() {
            guard let colon = line.firstIndex(of: ":") else {
                throw IPAIError(.invalidInput, "line \(index + 1): start with single:, multiple:, number: or text:", at: InputLocation(field: "questionnaire", value: line))
            }
            var head = line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)
            let publicAnswers = head.hasSuffix(" public")
            if publicAnswers { head = String(head.dropLast(" public".count)).trimmingCharacters(in: .whitespaces) }
            let required = head.hasSuffix("*")
            if required { head = String(head.dropLast()).trimmingCharacters(in: .whitespaces) }
            let kinds: [String: SurveyQuestion.Kind] = ["single": .singleChoice, "multiple": .multipleChoice, "number": .number, "text": .freeText]
            guard let kind = kinds[head] else {
                throw IPAIError(.invalidInput, "line \(index + 1): unknown kind '\(head)'; use single, multiple, number or text", at: InputLocation(field: "questionnaire", value: line))
            }
            let parts = cells(String(line[line.index(after: colon)...]))
            func text(_ position: Int) -> LocalizedText {
                var values = ["en": position < parts.count ? parts[position] : ""]
                for (language, rows) in translated where index < rows.count && position < rows[index].count { values[language] = rows[index][position] }
                return LocalizedText(values)
            }
            let options = kind.hasOptions ? (1..<max(parts.count, 1)).map { SurveyQuestion.Option(id: "o\($0)", label: text($0)) } : []
            if !kind.hasOptions && parts.count > 1 {
                throw IPAIError(.invalidInput, "line \(index + 1): only single and multiple questions have options", at: InputLocation(field: "questionnaire", value: line))
            }
            questions.append(SurveyQuestion(
                id: "q\(index + 1)", kind: kind, text: text(0), options: options, required: required, publicAnswers: kind == .freeText && publicAnswers))
        }
        return questions
    }

    static func cells(_ text: String) -> [String] {
        text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
