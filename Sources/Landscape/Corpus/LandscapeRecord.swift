/// One patent document as a landscape reads it: bibliographic fields for counting, text and
/// symbols for query-based categories, and flag names for flag-based corpora (CSET).
///
/// Every field but `id` may be missing; the report says what it could not count.
///
/// ```swift
/// let record = LandscapeRecord(id: "EP3000001A1", familyID: "5501", office: "EP", publicationYear: 2016,
///                              applicants: ["Siemens AG"], abstract: "A neural network …")
/// ```
public struct LandscapeRecord: Sendable, Hashable, Codable {
    /// Publication number or any id unique in the corpus.
    public var id: String
    /// Simple-family id when the source has one (documents sharing it are one invention).
    public var familyID: String?
    /// The earliest priority (office and number, e.g. `GB 9800760`): families fall back to it.
    public var priorityKey: String?
    /// Publishing office, as an ISO 3166 two-letter code or a regional office (`EP`, `WO`, `EA`, …).
    public var office: String?
    /// Kind code (`A1`, `B2`).
    public var kind: String?
    /// A broad document type (`Granted Patent`, `Patent Application`).
    public var patentType: String?
    public var publicationYear: Int?
    public var priorityYear: Int?
    /// Office of the earliest priority filing, when known.
    public var priorityOffice: String?
    /// Applicant names as written; the corpus normalises them (``ApplicantName``).
    public var applicants: [String]
    public var title: String?
    public var abstract: String?
    public var claims: String?
    /// IPC/CPC symbols as written (`G06N 3/08`).
    public var symbols: [String]
    /// Names of the flag columns that are true for this document (CSET category flags).
    public var flags: [String]

    public init(
        id: String, familyID: String? = nil, priorityKey: String? = nil, office: String? = nil, kind: String? = nil,
        patentType: String? = nil, publicationYear: Int? = nil, priorityYear: Int? = nil, priorityOffice: String? = nil,
        applicants: [String] = [], title: String? = nil, abstract: String? = nil, claims: String? = nil,
        symbols: [String] = [], flags: [String] = []
    ) {
        self.id = id
        self.familyID = familyID
        self.priorityKey = priorityKey
        self.office = office
        self.kind = kind
        self.patentType = patentType
        self.publicationYear = publicationYear
        self.priorityYear = priorityYear
        self.priorityOffice = priorityOffice
        self.applicants = applicants
        self.title = title
        self.abstract = abstract
        self.claims = claims
        self.symbols = symbols
        self.flags = flags
    }
}
