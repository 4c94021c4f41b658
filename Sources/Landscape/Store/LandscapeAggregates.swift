/// The counts of a report that the database aggregates (`GROUP BY` over the records and the
/// run's category memberships): documents and families per year, per category, per category
/// and year, and per publishing office. ``LandscapeReport/apply(_:)`` puts them in a report.
public struct LandscapeAggregates: Sendable, Hashable {
    public struct CategoryCount: Sendable, Hashable {
        public var dimension: String
        public var category: String
        public var documents: Int
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

    public static func == (a: Self, b: Self) -> Bool {
        a.documents == b.documents && a.families == b.families && a.familiesPerYear == b.familiesPerYear
            && a.documentsPerYear == b.documentsPerYear && a.categories == b.categories && a.categoryYears == b.categoryYears
            && a.offices.map { "\($0.office) \($0.documents) \($0.families)" } == b.offices.map { "\($0.office) \($0.documents) \($0.families)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(documents)
        hasher.combine(families)
        hasher.combine(familiesPerYear)
    }
}

extension LandscapeReport {
    /// Replaces the summary counts, the per-year, per-category, per-category-per-year and
    /// per-country tables (and the growth rates computed from them) with the database's numbers.
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
        let total = max(1, aggregates.families)
        countries = aggregates.offices.map { office in
            CountryCount(
                country: office.office, name: OfficeNames.name(office.office), documents: office.documents, families: office.families,
                share: Double(office.families) / Double(total))
        }.sorted { $0.families != $1.families ? $0.families > $1.families : $0.country < $1.country }
    }
}
