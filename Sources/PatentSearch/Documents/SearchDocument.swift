import Core

/// A patent document as the search index sees it: the text fields, applicants, classification symbols and
/// the bibliographic values that queries can restrict on. Every field may be empty.
///
/// ```swift
/// let document = SearchDocument(
///     id: "US1", title: "Neural network accelerator", abstract: "A deep learning chip…",
///     classifications: ["G06N 3/063"], publicationDate: 20190415, country: "US")
/// ```
public struct SearchDocument: Sendable, Hashable {
    public var id: String
    public var title: String
    public var abstract: String
    public var claims: String
    /// The full text (description).
    public var description: String
    public var applicants: [String]
    /// IPC and CPC symbols in any notation (`G06F 17/30`, `G06F17/30`, `G06F0017300000`); unparsable ones are skipped.
    public var classifications: [String]
    /// The publication date as `yyyymmdd` (20190415).
    public var publicationDate: Int?
    /// The publication year; taken from ``publicationDate`` when nil.
    public var publicationYear: Int?
    public var priorityYear: Int?
    /// The office or country code (`US`, `EP`, `WO`).
    public var country: String?

    public init(
        id: String, title: String = "", abstract: String = "", claims: String = "", description: String = "",
        applicants: [String] = [], classifications: [String] = [], publicationDate: Int? = nil,
        publicationYear: Int? = nil, priorityYear: Int? = nil, country: String? = nil
    ) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.claims = claims
        self.description = description
        self.applicants = applicants
        self.classifications = classifications
        self.publicationDate = publicationDate
        self.publicationYear = publicationYear
        self.priorityYear = priorityYear
        self.country = country
    }

    /// A document from an imported ``PatentDocument``: every symbol list (`ipc`, `cpc`, …) becomes
    /// ``classifications``; its `year` is the publication year.
    public init(_ document: PatentDocument) {
        self.init(
            id: document.id, title: document.title ?? "", abstract: document.abstract ?? "",
            claims: document.claims ?? "", description: document.description ?? "",
            applicants: document.applicants,
            classifications: document.symbols.keys.sorted().flatMap { document.symbols[$0] ?? [] },
            publicationYear: document.year, country: document.country)
    }

    /// The publication year, from ``publicationYear`` or else ``publicationDate``.
    var effectiveYear: Int? { publicationYear ?? publicationDate.map { $0 / 10000 } }
}
