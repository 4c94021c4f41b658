import Classifications
import Core
import Foundation

/// A mark of an office's register with the Vienna codes its classifiers gave it, as in EUIPO's
/// label files: the material of ``ViennaPriors`` and of evaluations.
public struct ViennaLabeledMark: Sendable, Hashable {
    /// The office's identifier of the mark (`"000001123"`).
    public var id: String
    /// The Vienna codes given, sorted, without duplicates.
    public var codes: [ViennaCode]
    /// The filing or publication date as the file gives it (`"1996-04-01"`), if any.
    public var date: String?
    /// The word element of the mark, if any.
    public var text: String?

    public init(id: String, codes: [ViennaCode], date: String? = nil, text: String? = nil) {
        self.id = id
        self.codes = Array(Set(codes)).sorted()
        self.date = date
        self.text = text
    }

    private struct Record: Decodable {
        var Codes: [String]
        var Date: String?
        var Text: String?
    }

    /// Reads an EUIPO Vienna label file: a JSON object from mark id to
    /// `{"Codes": ["011703", …], "Date": "1996-04-01", "Text": "SETA"}` (`Date` and `Text` optional).
    ///
    /// - Parameter path: the JSON file (e.g. `euipo-vienna-labels-validation.json`).
    /// - Returns: the marks, sorted by id.
    /// - Throws: `IPAIError`: `file_unreadable` for a missing file, `invalid_input` for JSON not of
    ///   this shape or a code that is not a Vienna code (naming file, mark id and code).
    public static func load(euipoLabels path: String) throws(IPAIError) -> [ViennaLabeledMark] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw IPAIError(.fileUnreadable, "cannot read the Vienna label file '\(path)'", cause: error)
        }
        let records: [String: Record]
        do {
            records = try JSONDecoder().decode([String: Record].self, from: data)
        } catch {
            throw IPAIError(
                .invalidInput,
                "'\(path)' is not a Vienna label file: expected {\"<mark id>\": {\"Codes\": [\"010102\", …], \"Date\": …, \"Text\": …}}",
                at: InputLocation(file: path), cause: error)
        }
        var marks: [ViennaLabeledMark] = []
        marks.reserveCapacity(records.count)
        for (id, record) in records {
            var codes: [ViennaCode] = []
            for text in record.Codes {
                do {
                    codes.append(try ViennaCode(parsing: text))
                } catch {
                    throw IPAIError(
                        .invalidInput, "mark \(id): \(error.message)",
                        at: InputLocation(file: path, field: "Codes", value: text))
                }
            }
            marks.append(ViennaLabeledMark(id: id, codes: codes, date: record.Date, text: record.Text))
        }
        return marks.sorted { $0.id < $1.id }
    }
}

extension ViennaPriors {
    /// The priors of an office whose register is given as an EUIPO Vienna label file
    /// (see ``ViennaLabeledMark/load(euipoLabels:)``).
    public init(euipoLabels path: String) throws(IPAIError) {
        self.init(codeSets: try ViennaLabeledMark.load(euipoLabels: path).map(\.codes))
    }
}
