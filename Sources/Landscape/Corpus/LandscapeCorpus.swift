import Core

/// A patent collection in columns: documents, their families, offices, years, applicants and
/// flag bitsets — what every landscape table is counted from.
///
/// Build it from records (``init(records:)``), from a CSV such as CSET's `patent_database.csv`
/// (``loadCSV(path:progress:)``) or from patent JSONL (``loadJSONL(path:progress:)``).
/// Families are grouped once here: by family id, else by earliest priority, else the document alone.
///
/// ```swift
/// let corpus = try LandscapeCorpus.loadCSV(path: "patent_database.csv")
/// print(corpus.documentCount, corpus.familyCount)   // 287532 155770
/// ```
public struct LandscapeCorpus: Sendable {
    /// The value of an office column when the document names none.
    package static let noOffice = UInt16.max

    /// Number of documents.
    public let documentCount: Int
    /// Number of patent families (inventions).
    public let familyCount: Int
    /// Names of the boolean flag columns the source had (CSET category flags), in source order.
    public let flagNames: [String]

    package let documentIDs: [String]
    /// Publishing office per document, an index into ``officeCodes`` (or ``noOffice``).
    package let offices: [UInt16]
    package let officeCodes: [String]
    package let kinds: [UInt16]
    package let kindNames: [String]
    package let patentTypes: [UInt16]
    package let patentTypeNames: [String]
    /// Years per document; 0 when unknown.
    package let publicationYears: [Int16]
    package let priorityYears: [Int16]
    package let priorityOffices: [UInt16]
    /// Family number per document.
    package let families: [Int32]
    /// Applicants per document (CSR: `applicantIDs[applicantStarts[d]..<applicantStarts[d+1]]`).
    package let applicantStarts: [Int32]
    package let applicantIDs: [Int32]
    package let applicants: [Applicant]
    /// One set of documents per flag name.
    package let flags: [MemberSet]
    /// What was derived per family.
    package let familyTable: FamilyTable

    /// A normalised applicant: the key names are grouped by, a display name, and its kind.
    package struct Applicant: Sendable, Hashable {
        package var key: String
        package var name: String
        package var type: OrganisationType
    }

    /// Builds a corpus from records (the path the server and tests take).
    ///
    /// - Parameter flagNames: flag columns to keep even if no record sets them (so a category on an
    ///   all-false column counts zero instead of being reported missing).
    /// - Throws: ``IPAIError`` `emptyInput` when there are no records, `invalidInput` for a duplicate id.
    public init(records: [LandscapeRecord], flagNames: [String] = []) throws(IPAIError) {
        var builder = CorpusBuilder()
        for name in flagNames { _ = builder.flag(name) }
        var seen = Set<String>(minimumCapacity: records.count)
        for (index, record) in records.enumerated() {
            guard seen.insert(record.id).inserted else {
                throw IPAIError(
                    .invalidInput, "the id appears twice; every document needs its own id",
                    at: InputLocation(line: index + 1, field: "id", value: record.id))
            }
            builder.append(record)
        }
        guard !records.isEmpty else { throw IPAIError(.emptyInput, "the corpus has no documents") }
        self.init(builder)
    }

    init(_ builder: consuming CorpusBuilder) {
        let count = builder.ids.count
        documentCount = count
        documentIDs = builder.ids
        offices = builder.offices
        officeCodes = builder.officeCodes.names
        kinds = builder.kinds
        kindNames = builder.kindNames.names
        patentTypes = builder.patentTypes
        patentTypeNames = builder.patentTypeNames.names
        publicationYears = builder.publicationYears
        priorityYears = builder.priorityYears
        priorityOffices = builder.priorityOffices
        families = builder.families
        familyCount = builder.familyCount
        applicantStarts = builder.applicantStarts
        applicantIDs = builder.applicantIDs
        applicants = builder.applicants
        flagNames = builder.flagNames
        flags = builder.flagMembers.map { MemberSet(capacity: count, members: $0.lazy.map(Int.init)) }
        familyTable = FamilyTable(
            documentCount: count, familyCount: builder.familyCount, families: builder.families,
            offices: builder.offices, officeCodes: builder.officeCodes.names,
            publicationYears: builder.publicationYears, priorityYears: builder.priorityYears,
            priorityOffices: builder.priorityOffices, applicantStarts: builder.applicantStarts,
            applicantIDs: builder.applicantIDs)
    }

    /// The documents whose flag column `name` is true, or nil if the corpus has no such column.
    public func documents(flagged name: String) -> MemberSet? {
        flagNames.firstIndex(of: name).map { flags[$0] }
    }

    /// Every document.
    public var allDocuments: MemberSet {
        MemberSet(capacity: documentCount, members: 0..<documentCount)
    }

    /// The id of document `index`.
    public func documentID(_ index: Int) -> String { documentIDs[index] }

    /// The family number of document `index` (`0..<familyCount`).
    public func family(of index: Int) -> Int { Int(families[index]) }

    /// Whether any document names an applicant.
    public var hasApplicants: Bool { !applicantIDs.isEmpty }
    /// Whether any document has a publication year.
    public var hasPublicationYears: Bool { familyTable.publicationYearFamilies > 0 }

    /// Maps a set of documents to the set of their families.
    public func familiesOf(_ documents: MemberSet) -> MemberSet {
        documents.mapped(through: families, capacity: familyCount)
    }
}
