/// The counts of a report that the database aggregates (`GROUP BY` over the records, the
/// per-family rows stored at import, and the run's category memberships): documents and families
/// per year, per category, per category and year, and per publishing office; top applicants
/// overall and per category; applicants and families per organisation type; offices of first
/// filing with the families filed abroad; and category × category co-occurrence.
/// ``LandscapeReport/apply(_:)`` puts them in a report.
public struct LandscapeAggregates: Sendable, Hashable {
    public struct CategoryCount: Sendable, Hashable {
        public var dimension: String
        public var category: String
        public var documents: Int
        public var families: Int
    }

    /// Families first filed at an office, and of those, families with a document at another office.
    public struct FirstFilingCount: Sendable, Hashable {
        public var office: String
        public var firstFilings: Int
        public var filedAbroad: Int
    }

    /// Families in both of two categories (`dimension/category` ids); pairs without any are absent.
    public struct PairCount: Sendable, Hashable {
        public var row: String
        public var column: String
        public var families: Int
    }

    /// Documents and families in scope.
    public var documents: Int
    public var families: Int
    /// Families per counting year (first publication, else earliest priority); years without families are absent.
    public var familiesPerYear: [Int: Int]
    /// Documents per year (publication, else priority).
    public var documentsPerYear: [Int: Int]
    public var categories: [CategoryCount]
    /// Families per `dimension`, `category` and year.
    public var categoryYears: [String: [String: [Int: Int]]]
    /// Per publishing office: documents and families with a document there.
    public var offices: [(office: String, documents: Int, families: Int)]
    /// Whether the dataset names any applicant (else the report has no applicant tables).
    public var hasApplicants = false
    /// Ranked applicants per scope (`all` or `<dimension>/<category>`), at most the top-N each, ranks from 1.
    public var topApplicants: [LandscapeReport.ApplicantCount] = []
    /// Distinct applicants and families (with such an applicant) per organisation type; absent types count zero.
    public var organisationTypes: [OrganisationType: (applicants: Int, families: Int)] = [:]
    /// Per office of first filing; families without an office are absent.
    public var firstFilings: [FirstFilingCount] = []
    public var cooccurrence: [PairCount] = []

    public static func == (a: Self, b: Self) -> Bool {
        a.documents == b.documents && a.families == b.families && a.familiesPerYear == b.familiesPerYear
            && a.documentsPerYear == b.documentsPerYear && a.categories == b.categories && a.categoryYears == b.categoryYears
            && a.offices.map { "\($0.office) \($0.documents) \($0.families)" } == b.offices.map { "\($0.office) \($0.documents) \($0.families)" }
            && a.hasApplicants == b.hasApplicants && a.topApplicants == b.topApplicants
            && a.organisationTypes.mapValues { [$0.applicants, $0.families] } == b.organisationTypes.mapValues { [$0.applicants, $0.families] }
            && a.firstFilings == b.firstFilings && a.cooccurrence == b.cooccurrence
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(documents)
        hasher.combine(families)
        hasher.combine(familiesPerYear)
    }
}

extension LandscapeReport {
    /// Replaces the summary counts and every counted table — per year, per category, per category
    /// and year, growth (computed from those), top applicants, organisation types, offices of first
    /// filing, co-occurrence and countries — with the database's numbers. The notes stay as built.
    public mutating func apply(_ aggregates: LandscapeAggregates) {
        let dataFirst = aggregates.familiesPerYear.keys.min()
        let dataLast = aggregates.familiesPerYear.keys.max()
        let first = options.firstYear ?? dataFirst
        let last = options.lastYear ?? dataLast
        let yearList: [Int] = if let first, let last, first <= last { Array(first...last) } else { [] }
        years = yearList.map {
            YearCount(year: $0, families: aggregates.familiesPerYear[$0] ?? 0, documents: aggregates.documentsPerYear[$0] ?? 0)
        }
        summary.documents = aggregates.documents
        summary.families = aggregates.families
        summary.firstYear = yearList.first
        summary.lastYear = yearList.last
        var counted: [String: LandscapeAggregates.CategoryCount] = [:]
        for count in aggregates.categories { counted[count.dimension + "/" + count.category] = count }
        var categoryYears: [CategoryYearCount] = []
        for d in dimensions.indices {
            let dimension = dimensions[d].id
            for c in dimensions[d].categories.indices where dimensions[d].categories[c].families != nil {
                let category = dimensions[d].categories[c].id
                let count = counted[dimension + "/" + category]
                dimensions[d].categories[c].documents = count?.documents ?? 0
                dimensions[d].categories[c].families = count?.families ?? 0
                let perYear = aggregates.categoryYears[dimension]?[category] ?? [:]
                for year in yearList {
                    categoryYears.append(CategoryYearCount(dimension: dimension, category: category, year: year, families: perYear[year] ?? 0))
                }
            }
        }
        self.categoryYears = categoryYears
        growth = growth.map { entry in
            var entry = entry
            let perYear: [Int: Int] = if let dimension = entry.dimension, let category = entry.category {
                aggregates.categoryYears[dimension]?[category] ?? [:]
            } else {
                aggregates.familiesPerYear
            }
            entry.startFamilies = perYear[entry.startYear] ?? 0
            entry.endFamilies = perYear[entry.endYear] ?? 0
            entry.cagr = Self.compoundAnnualGrowth(start: entry.startFamilies, end: entry.endFamilies, years: entry.endYear - entry.startYear)
            return entry
        }
        applyApplicants(aggregates)
        offices = aggregates.firstFilings.map { office in
            OfficeCount(
                office: office.office, name: OfficeNames.name(office.office), firstFilings: office.firstFilings,
                filedAbroad: office.filedAbroad, shareFiledAbroad: Double(office.filedAbroad) / Double(max(1, office.firstFilings)))
        }.sorted { $0.firstFilings != $1.firstFilings ? $0.firstFilings > $1.firstFilings : $0.office < $1.office }
        let pairCategories: [(dimension: String, category: String)] = dimensions.flatMap { dimension in
            dimension.categories.filter { $0.families != nil }.map { (dimension.id, $0.id) }
        }
        var pairs: [String: Int] = [:]
        for pair in aggregates.cooccurrence { pairs[pair.row + "\u{1F}" + pair.column] = pair.families }
        var cells: [Cooccurrence] = []
        for row in pairCategories {
            for column in pairCategories {
                let key = row.dimension + "/" + row.category + "\u{1F}" + column.dimension + "/" + column.category
                cells.append(Cooccurrence(
                    rowDimension: row.dimension, row: row.category, columnDimension: column.dimension, column: column.category,
                    families: pairs[key] ?? 0))
            }
        }
        cooccurrence = cells
        let total = max(1, aggregates.families)
        countries = aggregates.offices.map { office in
            CountryCount(
                country: office.office, name: OfficeNames.name(office.office), documents: office.documents, families: office.families,
                share: Double(office.families) / Double(total))
        }.sorted { $0.families != $1.families ? $0.families > $1.families : $0.country < $1.country }
    }

    /// Top applicants in scope order (all, then the counted categories in definition order) and the
    /// organisation-type table; both empty when the dataset names no applicant.
    private mutating func applyApplicants(_ aggregates: LandscapeAggregates) {
        guard aggregates.hasApplicants else {
            topApplicants = []
            organisationTypes = []
            summary.applicants = 0
            return
        }
        var byScope: [String: [ApplicantCount]] = [:]
        for applicant in aggregates.topApplicants { byScope[applicant.scope, default: []].append(applicant) }
        var scopes = ["all"]
        for dimension in dimensions {
            for category in dimension.categories where category.families != nil { scopes.append(dimension.id + "/" + category.id) }
        }
        topApplicants = scopes.flatMap { (byScope[$0] ?? []).sorted { $0.rank < $1.rank } }
        organisationTypes = OrganisationType.allCases.map { type in
            let count = aggregates.organisationTypes[type]
            return OrganisationTypeCount(type: type, applicants: count?.applicants ?? 0, families: count?.families ?? 0)
        }
        summary.applicants = organisationTypes.reduce(0) { $0 + $1.applicants }
    }
}
