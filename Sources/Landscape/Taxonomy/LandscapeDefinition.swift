import Core
import Foundation

/// What a landscape counts: a name, an optional corpus scope (a PatentSearch query), and up to
/// three dimensions of categories, each category a query, a flag column, or "everything else".
///
/// The file format (JSON) is documented in `docs/landscape.md`:
///
/// ```json
/// {"name": "AI", "scope": "G06N OR machine 1W learning+",
///  "dimensions": [{"id": "techniques", "label": "AI techniques", "categories": [
///     {"id": "ml", "label": "Machine learning", "query": "G06N20 OR machine 1W learn+", "flag": "Machine_Learning"},
///     {"id": "other", "label": "Other", "otherwise": true}]}]}
/// ```
public struct LandscapeDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    /// The documents the landscape covers, as a PatentSearch query; nil: the whole corpus.
    public var scope: String?
    /// One to three dimensions.
    public var dimensions: [Dimension]

    /// One way of splitting the landscape (AI techniques, functional applications, application fields).
    public struct Dimension: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var categories: [Category]

        public init(id: String, label: String, categories: [Category]) {
            self.id = id
            self.label = label
            self.categories = categories
        }
    }

    /// A category: its documents are those matching `query` (on a text corpus), or whose `flag`
    /// column is true (on a flag corpus such as CSET's), or — with `otherwise` — the documents in
    /// scope that no other category of the dimension holds.
    public struct Category: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var query: String?
        public var flag: String?
        public var otherwise: Bool?
        /// A remark shown in the report (where the definition departs from its source).
        public var note: String?

        public init(id: String, label: String, query: String? = nil, flag: String? = nil, otherwise: Bool? = nil, note: String? = nil) {
            self.id = id
            self.label = label
            self.query = query
            self.flag = flag
            self.otherwise = otherwise
            self.note = note
        }
    }

    public init(name: String, description: String? = nil, scope: String? = nil, dimensions: [Dimension]) {
        self.name = name
        self.description = description
        self.scope = scope
        self.dimensions = dimensions
    }

    /// All categories with their dimension, in order.
    public var allCategories: [(dimension: Dimension, category: Category)] {
        dimensions.flatMap { dimension in dimension.categories.map { (dimension, $0) } }
    }

    /// Reads and validates a definition file.
    /// - Throws: ``IPAIError`` naming the file, the JSON path (`$.dimensions[1].categories[4].query`)
    ///   and the value; a query's syntax error keeps the query's own position.
    public static func load(path: String) throws(IPAIError) -> LandscapeDefinition {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw IPAIError(.fileUnreadable, "cannot read the landscape definition", at: InputLocation(file: path), cause: error)
        }
        return try parse(data, file: path)
    }

    /// The shipped definition of AI in the WITT-2019 / CSET structure (`ai-witt-cset.json`).
    public static func artificialIntelligence() throws(IPAIError) -> LandscapeDefinition {
        guard let url = Bundle.module.url(forResource: "ai-witt-cset", withExtension: "json", subdirectory: "Resources")
        else {
            throw IPAIError(.notFound, "the bundled definition ai-witt-cset.json is missing: deploy the Landscape resource bundle beside the binary")
        }
        return try load(path: url.path)
    }

    /// The names of the definitions shipped with IPAI (`ai-witt-cset`).
    public static let bundledNames = ["ai-witt-cset"]
}
