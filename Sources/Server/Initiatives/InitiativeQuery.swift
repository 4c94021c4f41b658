import Hummingbird
import Initiatives

/// The index filter from a request's query: `category`, `status` (repeated or comma-separated),
/// `office_id`, `country`, `q`, `since_from`, `since_to`.
enum InitiativeQuery {
    /// - Parameter strict: the API answers 400 for a bad value; pages ignore it.
    static func filter(_ request: Request, strict: Bool) throws -> IndexFilter {
        let query = request.uri.queryParameters
        func values(_ name: String) -> [String] {
            query.getAll(name).flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func bad(_ name: String, _ value: String, _ expected: String) throws {
            if strict { throw APIError.badRequest("\(name) '\(value)': \(expected)") }
        }
        var filter = IndexFilter()
        for value in values("category") {
            if let category = UseCategory(rawValue: value) { filter.categories.insert(category) } else {
                try bad("category", value, "use one of " + UseCategory.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        for value in values("status") {
            if let status = ApplicationStatus(rawValue: value) { filter.statuses.insert(status) } else {
                try bad("status", value, "use one of " + ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        if let raw = query.get("office_id"), !raw.isEmpty {
            if let id = Int64(raw) { filter.officeID = id } else { try bad("office_id", raw, "not an id") }
        }
        if let raw = query.get("country")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if raw.count == 2, raw.allSatisfy({ $0.isASCII && $0.isLetter }) { filter.country = raw.uppercased() } else {
                try bad("country", raw, "use a two-letter code such as JP")
            }
        }
        if let text = query.get("q")?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty { filter.text = String(text.prefix(200)) }
        for name in ["since_from", "since_to"] {
            guard let raw = query.get(name), !raw.isEmpty else { continue }
            guard let year = Int(raw), (1900...2200).contains(year) else {
                try bad(name, raw, "use a year such as 2019")
                continue
            }
            if name == "since_from" { filter.sinceFrom = year } else { filter.sinceTo = year }
        }
        return filter
    }
}
