import Foundation

/// A patent document as IPAI imports it: text fields, bibliographic fields, and classification
/// symbol lists kept raw (as written in the source) under their field name.
public struct PatentDocument: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var abstract: String?
    public var claims: String?
    public var description: String?
    /// ISO 639-1 code if the source gave one; otherwise IPAI detects it from the text.
    public var language: String?
    public var year: Int?
    public var country: String?
    public var applicants: [String]
    /// Symbol lists by source field name (`ipc`, `cpc`, `ipc_subclasses`, ...), unparsed.
    public var symbols: [String: [String]]

    public init(
        id: String, title: String? = nil, abstract: String? = nil, claims: String? = nil,
        description: String? = nil, language: String? = nil, year: Int? = nil, country: String? = nil,
        applicants: [String] = [], symbols: [String: [String]] = [:]
    ) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.claims = claims
        self.description = description
        self.language = language
        self.year = year
        self.country = country
        self.applicants = applicants
        self.symbols = symbols
    }

    /// The named text fields joined by newlines, skipping empty ones.
    public func text(_ fields: [TextField]) -> String {
        var parts: [String] = []
        for field in fields {
            if let value = self[field], !value.isEmpty { parts.append(value) }
        }
        return parts.joined(separator: "\n")
    }

    public subscript(field: TextField) -> String? {
        switch field {
        case .title: title
        case .abstract: abstract
        case .claims: claims
        case .description: description
        }
    }
}

/// The text fields of a patent document.
public enum TextField: String, Sendable, CaseIterable, Codable {
    case title, abstract, claims, description

    /// Parses a comma-separated list such as `title,abstract`.
    public static func list(_ text: String) throws(IPAIError) -> [TextField] {
        var fields: [TextField] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = TextField(rawValue: name) else {
                throw IPAIError(
                    .invalidArgument,
                    "unknown text field '\(name)'; use any of: \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !fields.contains(field) { fields.append(field) }
        }
        guard !fields.isEmpty else { throw IPAIError(.invalidArgument, "no text fields given") }
        return fields
    }
}

extension PatentDocument {
    /// The document as the JSON object IPAI imports and exports: the known fields, and every
    /// symbol list under its own name. Absent fields are left out.
    public var jsonObject: [String: Any] {
        var object: [String: Any] = ["id": id]
        if let title { object["title"] = title }
        if let abstract { object["abstract"] = abstract }
        if let claims { object["claims"] = claims }
        if let description { object["description"] = description }
        if let language { object["language"] = language }
        if let year { object["year"] = year }
        if let country { object["country"] = country }
        if !applicants.isEmpty { object["applicants"] = applicants }
        for (field, list) in symbols { object[field] = list }
        return object
    }

    /// One line of JSON (sorted keys), as written by exports.
    public var jsonLine: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a document from a JSON object (as in a corpus line); `location` names it in errors.
    public init(jsonObject: [String: Any], location: InputLocation = InputLocation()) throws(IPAIError) {
        self = try CorpusReader.document(from: jsonObject, file: location.file ?? "input", line: location.line ?? 1)
    }

    /// Reads a document from one line of JSON.
    public init(jsonLine: String, location: InputLocation = InputLocation()) throws(IPAIError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(jsonLine.utf8))
        } catch {
            throw IPAIError(.invalidInput, "not valid JSON", at: location, cause: error)
        }
        guard let fields = object as? [String: Any] else {
            throw IPAIError(.invalidInput, "expected a JSON object", at: location)
        }
        try self.init(jsonObject: fields, location: location)
    }
}
