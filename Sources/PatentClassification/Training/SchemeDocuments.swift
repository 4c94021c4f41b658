import Classifications
import Foundation

/// Builds training pseudo-documents from the classification scheme's own titles, so that labels
/// with few (or no) training documents still have the vocabulary the scheme uses for them.
///
/// For a main group: its title followed by its subgroups' titles. For a subclass (or a class or
/// section): one such document per main group below it, plus one with the label's own title.
/// For a subgroup: its main group's title and its own. Parenthesised references
/// ("(making furrows A01C 5/00)") are removed: they name other places in the scheme.
/// Measured on the three development corpora, this is worth +1 to +2 points of precision@1
/// (see `Benchmarks/classification/RECIPE.md`).
enum SchemeDocuments {
    /// Pseudo-documents for `labels` in `language`, each with the index of its label.
    static func make(
        for labels: [ClassificationSymbol], titles: SchemeTitles, language: String
    ) -> [(text: String, label: Int)] {
        var documents: [(text: String, label: Int)] = []
        var groupDocumentCache: [ClassificationSymbol: String?] = [:]
        func title(_ symbol: ClassificationSymbol) -> String? {
            titles.title(of: symbol, language: language).map(withoutReferences)
        }
        func groupDocument(_ mainGroup: ClassificationSymbol) -> String? {
            if let cached = groupDocumentCache[mainGroup] { return cached }
            let parts = ([title(mainGroup)] + titles.children(of: mainGroup).map(title)).compactMap { $0 }
            let document = parts.isEmpty ? nil : parts.joined(separator: " ; ")
            groupDocumentCache[mainGroup] = document
            return document
        }
        func mainGroups(under symbol: ClassificationSymbol) -> [ClassificationSymbol] {
            symbol.level == .mainGroup ? [symbol] : titles.children(of: symbol).flatMap { mainGroups(under: $0) }
        }
        for (index, label) in labels.enumerated() {
            switch label.level {
            case .subgroup:
                let parts = [label.parent.flatMap(title), title(label)].compactMap { $0 }
                if !parts.isEmpty { documents.append((parts.joined(separator: " ; "), index)) }
            case .mainGroup:
                if let document = groupDocument(label) { documents.append((document, index)) }
            case .section, .class, .subclass:
                for group in mainGroups(under: label) {
                    if let document = groupDocument(group) { documents.append((document, index)) }
                }
                if let own = title(label) { documents.append((own, index)) }
            }
        }
        return documents
    }

    /// Removes each innermost parenthesised span (ASCII or full-width), in one pass.
    static func withoutReferences(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        var pending: String? = nil
        var closing: Character = ")"
        for character in text {
            if character == "(" || character == "（" {
                if let pending { result += pending }
                pending = String(character)
                closing = character == "(" ? ")" : "）"
            } else if var open = pending {
                if character == closing {
                    result += " "
                    pending = nil
                } else {
                    open.append(character)
                    pending = open
                }
            } else {
                result.append(character)
            }
        }
        if let pending { result += pending }
        return result
    }
}
