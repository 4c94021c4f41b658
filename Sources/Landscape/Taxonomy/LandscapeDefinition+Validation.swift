import Core
import Foundation
import PatentSearch

extension LandscapeDefinition {
    /// Parses and validates definition JSON; `file` names it in errors.
    ///
    /// Checked: a non-empty `name`; 1–3 `dimensions` with unique ids; each category with a unique id
    /// in its dimension, a label, and at least one of `query`, `flag`, `otherwise`; at most one
    /// `otherwise` per dimension; every query (and the scope) parses; no unknown keys (a typo such
    /// as `"querry"` is an error, not a silently empty category).
    public static func parse(_ data: Data, file: String) throws(IPAIError) -> LandscapeDefinition {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw IPAIError(.invalidInput, "not valid JSON", at: InputLocation(file: file), cause: error)
        }
        var reader = DefinitionReader(file: file)
        return try reader.definition(root)
    }
}

/// Walks the JSON tree by hand so every error can name its JSON path.
struct DefinitionReader {
    let file: String

    func fail(_ path: String, _ value: Any?, _ message: String) -> IPAIError {
        let shown: String? = value.map { value in
            if let text = value as? String { return text }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                return String(decoding: data, as: UTF8.self)
            }
            return String(describing: value)
        }
        return IPAIError(.invalidInput, message, at: InputLocation(file: file, field: path, value: shown))
    }

    func object(_ value: Any, _ path: String, allowed: Set<String>) throws(IPAIError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw fail(path, value, "expected a JSON object") }
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw fail(path + "." + key, object[key], "unknown key '\(key)'; allowed here: \(allowed.sorted().joined(separator: ", "))")
        }
        return object
    }

    func string(_ object: [String: Any], _ key: String, _ path: String, required: Bool) throws(IPAIError) -> String? {
        switch object[key] {
        case nil, is NSNull:
            if required { throw fail(path + "." + key, nil, "'\(key)' is required") }
            return nil
        case let text as String:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { throw fail(path + "." + key, text, "'\(key)' must not be empty") }
            return trimmed
        case let other?:
            throw fail(path + "." + key, other, "expected a string")
        }
    }

    func identifier(_ object: [String: Any], _ path: String) throws(IPAIError) -> String {
        let id = try string(object, "id", path, required: true)!
        let valid = id.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
        }
        guard valid else {
            throw fail(path + ".id", id, "an id uses lower-case letters, digits, '_' and '-' only (it names CSV files and API fields)")
        }
        return id
    }

    func query(_ text: String, _ path: String) throws(IPAIError) {
        do {
            _ = try PatentQuery(parsing: text)
        } catch {
            throw IPAIError(
                error.code, "the query does not parse: \(error.message)",
                at: InputLocation(file: file, field: path, value: text))
        }
    }

    mutating func definition(_ root: Any) throws(IPAIError) -> LandscapeDefinition {
        let top = try object(root, "$", allowed: ["name", "description", "scope", "dimensions"])
        let name = try string(top, "name", "$", required: true)!
        let description = try string(top, "description", "$", required: false)
        let scope = try string(top, "scope", "$", required: false)
        if let scope { try query(scope, "$.scope") }
        guard let list = top["dimensions"] as? [Any] else {
            throw fail("$.dimensions", top["dimensions"], "expected a list of one to three dimensions")
        }
        guard (1...3).contains(list.count) else {
            throw fail("$.dimensions", nil, "a landscape has one to three dimensions, found \(list.count)")
        }
        var dimensions: [LandscapeDefinition.Dimension] = []
        for (index, item) in list.enumerated() {
            let path = "$.dimensions[\(index)]"
            let fields = try object(item, path, allowed: ["id", "label", "categories"])
            let id = try identifier(fields, path)
            if dimensions.contains(where: { $0.id == id }) {
                throw fail(path + ".id", id, "two dimensions have the id '\(id)'")
            }
            let label = try string(fields, "label", path, required: true)!
            guard let categoryList = fields["categories"] as? [Any], !categoryList.isEmpty else {
                throw fail(path + ".categories", fields["categories"], "expected a non-empty list of categories")
            }
            var categories: [LandscapeDefinition.Category] = []
            for (position, entry) in categoryList.enumerated() {
                let categoryPath = "\(path).categories[\(position)]"
                let values = try object(entry, categoryPath, allowed: ["id", "label", "query", "flag", "otherwise", "note"])
                let categoryID = try identifier(values, categoryPath)
                if categories.contains(where: { $0.id == categoryID }) {
                    throw fail(categoryPath + ".id", categoryID, "two categories of dimension '\(id)' have the id '\(categoryID)'")
                }
                let label = try string(values, "label", categoryPath, required: true)!
                let queryText = try string(values, "query", categoryPath, required: false)
                if let queryText { try query(queryText, categoryPath + ".query") }
                let flag = try string(values, "flag", categoryPath, required: false)
                var otherwise: Bool?
                switch values["otherwise"] {
                case nil: break
                case let value as Bool: otherwise = value
                case let other?: throw fail(categoryPath + ".otherwise", other, "expected true or false")
                }
                if otherwise == true, categories.contains(where: { $0.otherwise == true }) {
                    throw fail(categoryPath + ".otherwise", true, "only one category per dimension can be 'otherwise'")
                }
                if otherwise == true, queryText != nil {
                    throw fail(categoryPath + ".query", queryText, "an 'otherwise' category takes no query: it holds what the others do not")
                }
                guard queryText != nil || flag != nil || otherwise == true else {
                    throw fail(categoryPath, nil, "a category needs a 'query', a 'flag' or \"otherwise\": true")
                }
                let note = try string(values, "note", categoryPath, required: false)
                categories.append(.init(id: categoryID, label: label, query: queryText, flag: flag, otherwise: otherwise, note: note))
            }
            dimensions.append(.init(id: id, label: label, categories: categories))
        }
        return LandscapeDefinition(name: name, description: description, scope: scope, dimensions: dimensions)
    }
}
