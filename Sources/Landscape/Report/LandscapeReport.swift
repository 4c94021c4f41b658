/// The numbers of a patent landscape, as typed rows: per-year counts, growth, applicants,
/// offices, co-occurrence and countries. Built by ``init(_:options:)``; exported as tables
/// (``tables``, one CSV each), JSON and a self-contained HTML page (``html()``).
///
/// Counting conventions (also in ``notes``): patent families (inventions), each counted once per
/// year by its first publication year (or its earliest priority year when the corpus has no
/// publication dates); a family is in a category when any of its documents is.
/// Growth is the compound annual growth rate of families between two years:
/// `CAGR = (end / start)^(1 / (endYear − startYear)) − 1`, undefined when the start count is 0.
///
/// ```swift
/// let report = LandscapeReport(categorised, options: ReportOptions(growthStart: 2013, growthEnd: 2016))
/// try report.html().write(toFile: "ai.html", atomically: true, encoding: .utf8)
/// ```
public struct LandscapeReport: Sendable, Codable {
    public var name: String
    public var description: String?
    public var summary: Summary
    public var options: ReportOptions
    public var dimensions: [DimensionSummary]
    public var years: [YearCount]
    public var categoryYears: [CategoryYearCount]
    public var growth: [Growth]
    public var topApplicants: [ApplicantCount]
    public var organisationTypes: [OrganisationTypeCount]
    public var offices: [OfficeCount]
    public var cooccurrence: [Cooccurrence]
    public var countries: [CountryCount]
    /// What the numbers mean and where the data fell short, in sentences.
    public var notes: [String]

    public struct Summary: Sendable, Hashable, Codable {
        public var documents: Int
        public var families: Int
        public var applicants: Int
        public var firstYear: Int?
        public var lastYear: Int?
        /// `publication` (first publication year), `priority` (earliest priority year) or `mixed`.
        public var yearBasis: String
        public var growthStart: Int?
        public var growthEnd: Int?
    }

    public struct DimensionSummary: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var categories: [CategorySummary]
    }

    public struct CategorySummary: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        /// nil when the category could not be counted on this corpus.
        public var documents: Int?
        public var families: Int?
        /// `flag:<column>`, `query`, `otherwise` or `unavailable`.
        public var source: String
        public var note: String?
    }

    public struct YearCount: Sendable, Hashable, Codable {
        public var year: Int
        public var families: Int
        public var documents: Int
    }

    public struct CategoryYearCount: Sendable, Hashable, Codable {
        public var dimension: String
        public var category: String
        public var year: Int
        public var families: Int
    }

    public struct Growth: Sendable, Hashable, Codable {
        /// nil for the whole landscape.
        public var dimension: String?
        public var category: String?
        public var label: String
        public var startYear: Int
        public var endYear: Int
        public var startFamilies: Int
        public var endFamilies: Int
        /// The compound annual growth rate as a fraction (0.28 = +28 %/yr); nil when undefined.
        public var cagr: Double?
    }

    public struct ApplicantCount: Sendable, Hashable, Codable {
        /// `all` or `<dimension>/<category>`.
        public var scope: String
        public var rank: Int
        public var name: String
        public var key: String
        public var type: OrganisationType
        public var families: Int
    }

    public struct OrganisationTypeCount: Sendable, Hashable, Codable {
        public var type: OrganisationType
        public var applicants: Int
        public var families: Int
    }

    public struct OfficeCount: Sendable, Hashable, Codable {
        public var office: String
        public var name: String
        /// Families first filed at this office.
        public var firstFilings: Int
        /// Of those, families with a document at another office.
        public var filedAbroad: Int
        public var shareFiledAbroad: Double
    }

    public struct Cooccurrence: Sendable, Hashable, Codable {
        public var rowDimension: String
        public var row: String
        public var columnDimension: String
        public var column: String
        public var families: Int
    }

    public struct CountryCount: Sendable, Hashable, Codable {
        public var country: String
        public var name: String
        public var documents: Int
        /// Families with at least one document published there.
        public var families: Int
        /// `families` over all families in the landscape.
        public var share: Double
    }
}
