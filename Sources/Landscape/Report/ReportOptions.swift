/// Choices for a report: the growth window, how many applicants to list, the years shown.
public struct ReportOptions: Sendable, Hashable, Codable {
    /// First and last year of the CAGR window; nil: the default window (see ``LandscapeReport``).
    public var growthStart: Int?
    public var growthEnd: Int?
    /// Applicants listed overall and per category.
    public var topApplicants: Int
    /// Years shown in per-year tables; nil: from the first to the last year with families.
    public var firstYear: Int?
    public var lastYear: Int?

    public init(growthStart: Int? = nil, growthEnd: Int? = nil, topApplicants: Int = 20, firstYear: Int? = nil, lastYear: Int? = nil) {
        self.growthStart = growthStart
        self.growthEnd = growthEnd
        self.topApplicants = topApplicants
        self.firstYear = firstYear
        self.lastYear = lastYear
    }
}
