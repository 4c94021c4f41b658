/// What kind of organisation an applicant is, as WIPO's landscapes split them.
public enum OrganisationType: String, Sendable, Codable, CaseIterable {
    /// A business (a legal form such as Inc, GmbH, 株式会社, or a business word in the name).
    case company
    /// A university or other higher-education institution (University, Universität, 大学, …).
    case university
    /// A public research organisation or government body (CNRS, Fraunhofer, CNR, Academy of Sciences, national laboratories, hospitals).
    case publicResearch = "public_research"
    /// A natural person (no organisation marker, two to four name words with an initial or `Last, First`).
    case individual
    /// None of the rules matched.
    case unknown

    /// A label for tables.
    public var label: String {
        switch self {
        case .company: "Company"
        case .university: "University"
        case .publicResearch: "Public research organisation"
        case .individual: "Individual"
        case .unknown: "Unknown"
        }
    }
}
