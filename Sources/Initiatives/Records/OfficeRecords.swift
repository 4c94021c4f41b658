import Core

/// Whether an IP office serves one country or a region (EPO, ARIPO, OAPI, EUIPO…).
public enum OfficeKind: String, Sendable, Codable, CaseIterable {
    case national
    case regional
}

/// Where an office (or a person's wish to represent it) stands: offices publish only once approved.
public enum ApprovalStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case approved
    case rejected
}

/// An IP office in the index of AI initiatives.
public struct OfficeRecord: Sendable, Equatable {
    public var id: Int64
    public var name: LocalizedText
    /// Two capital letters: an ISO 3166-1 country code, or a WIPO ST.3 code for a regional office (`EP`, `AP`, `OA`).
    public var country: String
    public var kind: OfficeKind
    /// Empty, or an `http(s)://` link.
    public var website: String
    public var status: ApprovalStatus
    public var createdAt: Int64
    public var createdBy: Int64?
    public var decidedAt: Int64?
    public var decidedBy: Int64?

    public var isApproved: Bool { status == .approved }
}

/// A user who speaks for an office in the index: describes its AI applications and answers surveys,
/// once approved (together with a new office, or on its own for an office already listed).
public struct RepresentativeRecord: Sendable, Equatable {
    public var id: Int64
    public var officeID: Int64
    public var userID: Int64
    public var status: ApprovalStatus
    public var createdAt: Int64
    public var decidedAt: Int64?
    public var decidedBy: Int64?
}

/// What an AI application is used for, the categories of WIPO's index of AI initiatives.
public enum UseCategory: String, Sendable, Codable, CaseIterable {
    case classification
    case priorArtSearch = "prior_art_search"
    case figurativeElementSearch = "figurative_element_search"
    case examinationFormalityChecks = "examination_formality_checks"
    case helpdesk
    case machineTranslationTerminology = "machine_translation_terminology"
    case other
}

/// How far an application has come.
public enum ApplicationStatus: String, Sendable, Codable, CaseIterable {
    case planned
    case development
    case pilot
    case production
    case retired
}

/// What an office writes about one AI application (for creating and for replacing one).
public struct ApplicationDraft: Sendable, Equatable {
    public var name: LocalizedText
    public var description: LocalizedText
    public var category: UseCategory
    public var status: ApplicationStatus
    /// `YYYY` or `YYYY-MM`; empty when not known.
    public var since: String
    public var technology: String
    public var contactName: String
    public var contactEmail: String
    /// Whether the contact may be shown to the public (else only to the office and administrators).
    public var contactPublic: Bool
    /// Empty, or an `http(s)://` link.
    public var link: String

    public init(
        name: LocalizedText, description: LocalizedText = LocalizedText(), category: UseCategory, status: ApplicationStatus,
        since: String = "", technology: String = "", contactName: String = "", contactEmail: String = "",
        contactPublic: Bool = false, link: String = ""
    ) {
        self.name = name
        self.description = description
        self.category = category
        self.status = status
        self.since = since
        self.technology = technology
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPublic = contactPublic
        self.link = link
    }
}

/// An AI application of an office, as stored.
public struct ApplicationRecord: Sendable, Equatable {
    public var id: Int64
    public var officeID: Int64
    public var draft: ApplicationDraft
    public var createdAt: Int64
    public var updatedAt: Int64
    public var updatedBy: Int64?

    /// The year of ``ApplicationDraft/since``, if any.
    public var sinceYear: Int? { Int(draft.since.prefix(4)) }
}

/// One row of the public index: an application and the office it belongs to.
public struct IndexEntry: Sendable, Equatable {
    public var application: ApplicationRecord
    public var office: OfficeRecord
}

/// What the public index is narrowed to; empty sets and nils mean "any".
public struct IndexFilter: Sendable, Equatable {
    public var categories: Set<UseCategory>
    public var statuses: Set<ApplicationStatus>
    public var officeID: Int64?
    /// Two capital letters.
    public var country: String?
    /// Words that must all appear in the name, description, technology notes or office name (any case).
    public var text: String?
    public var sinceFrom: Int?
    public var sinceTo: Int?

    public init(
        categories: Set<UseCategory> = [], statuses: Set<ApplicationStatus> = [], officeID: Int64? = nil, country: String? = nil,
        text: String? = nil, sinceFrom: Int? = nil, sinceTo: Int? = nil
    ) {
        self.categories = categories
        self.statuses = statuses
        self.officeID = officeID
        self.country = country
        self.text = text
        self.sinceFrom = sinceFrom
        self.sinceTo = sinceTo
    }
}
