import Core
import Foundation

/// What the register says about a mark, apart from its image: the office's number, the verbal
/// element, Vienna codes (6-digit EUIPO form, e.g. `030102`), Nice classes, owner, status and dates.
///
/// ```swift
/// let details = try MarkDetails(externalID: "018000001", name: "SETA", vienna: ["3.1.2"], nice: [25])
/// ```
public struct MarkDetails: Sendable, Equatable, Hashable {
    /// The office's number, unique in the register.
    public var externalID: String
    /// The verbal element or a name for the mark.
    public var name: String
    /// Vienna codes, normalised to digits (`"030102"`), sorted, without duplicates.
    public var vienna: [String]
    /// Nice classes 1–45, sorted, without duplicates.
    public var nice: [Int]
    public var owner: String
    public var status: MarkStatus
    /// Filing date, `YYYY-MM-DD`.
    public var filed: String?
    /// Registration date, `YYYY-MM-DD`.
    public var registered: String?

    /// Checks and normalises every field.
    /// - Throws: `invalid_input` naming the field and value (an empty id, a bad Vienna code, a Nice
    ///   class outside 1–45, a date not `YYYY-MM-DD`).
    public init(
        externalID: String, name: String = "", vienna: [String] = [], nice: [Int] = [], owner: String = "",
        status: MarkStatus = .filed, filed: String? = nil, registered: String? = nil
    ) throws(IPAIError) {
        let id = externalID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty, id.count <= 100, !id.contains(where: { $0.isNewline || $0 == "/" || $0 == "\\" }) else {
            throw IPAIError(
                .invalidInput, "a mark needs an id of 1 to 100 characters without slashes or line breaks",
                at: InputLocation(field: "id", value: externalID))
        }
        self.externalID = id
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var codes: [String] = []
        for code in vienna { codes.append(try ViennaNotation.digits(code, field: "vienna")) }
        self.vienna = Array(Set(codes)).sorted()
        for value in nice where !(1...45).contains(value) {
            throw IPAIError(.invalidInput, "Nice classes run from 1 to 45", at: InputLocation(field: "nice", value: String(value)))
        }
        self.nice = Array(Set(nice)).sorted()
        self.owner = owner.trimmingCharacters(in: .whitespacesAndNewlines)
        self.status = status
        self.filed = try Self.date(filed, field: "filed")
        self.registered = try Self.date(registered, field: "registered")
    }

    static func date(_ raw: String?, field: String) throws(IPAIError) -> String? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1800...2200).contains(year), (1...12).contains(month), (1...31).contains(day)
        else {
            throw IPAIError(.invalidInput, "a date is written YYYY-MM-DD, e.g. 2024-03-31", at: InputLocation(field: field, value: raw))
        }
        return raw
    }

    /// Parses Nice classes from text such as `"25, 35 9"`.
    /// - Throws: `invalid_input` naming `field` for anything but whole numbers 1–45.
    public static func niceClasses(_ raw: String, field: String = "nice") throws(IPAIError) -> [Int] {
        var classes: [Int] = []
        for part in raw.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            guard let value = Int(part), (1...45).contains(value) else {
                throw IPAIError(.invalidInput, "Nice classes are whole numbers from 1 to 45", at: InputLocation(field: field, value: String(part)))
            }
            classes.append(value)
        }
        return classes
    }

    /// Splits a list of codes written in one field (`"3.1.2, 26.4.1"`).
    public static func list(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    }
}
