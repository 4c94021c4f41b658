import Core
import Foundation

extension LandscapeReport {
    /// Counts every table of the landscape.
    ///
    /// The default growth window ends two years before the last year with families (publication
    /// lags filing by about 18 months, so the last two years are incomplete) and spans three years,
    /// like WITT-2019's 2013→2016.
    ///
    /// - Throws: ``IPAIError`` `invalid_argument` when the growth window's start is not before its end.
    /// - Complexity: O(documents + families × categories / 64 + categories²× families / 64).
    public init(
        _ categorised: CategorisedCorpus, options: ReportOptions = ReportOptions(), progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) {
        if let start = options.growthStart, let end = options.growthEnd, start >= end {
            throw IPAIError(
                .invalidArgument, "the growth window must start before it ends (got \(start)–\(end))",
                at: InputLocation(field: "growth", value: "\(start)-\(end)"))
        }
        let corpus = categorised.corpus
        let definition = categorised.definition
        let table = corpus.familyTable
        let scopeFamilies = corpus.familiesOf(categorised.scope)
        progress?.report(phase: "report", completed: 0, total: 8)

        // Years.
        var familyYearCounts: [Int: Int] = [:]
        var basisCounts = [0, 0, 0]
        scopeFamilies.forEach { family in
            let year = Int(table.years[family])
            basisCounts[Int(table.yearBasis[family].rawValue)] += 1
            if year > 0 { familyYearCounts[year, default: 0] += 1 }
        }
        var documentYearCounts: [Int: Int] = [:]
        categorised.scope.forEach { document in
            let publication = Int(corpus.publicationYears[document])
            let year = publication > 0 ? publication : Int(corpus.priorityYears[document])
            if year > 0 { documentYearCounts[year, default: 0] += 1 }
        }
        let dataFirst = familyYearCounts.keys.min()
        let dataLast = familyYearCounts.keys.max()
        let firstYear = options.firstYear ?? dataFirst
        let lastYear = options.lastYear ?? dataLast
        let yearRange: ClosedRange<Int>? = {
            guard let firstYear, let lastYear, firstYear <= lastYear else { return nil }
            return firstYear...lastYear
        }()
        let yearList = yearRange.map(Array.init) ?? []
        years = yearList.map { YearCount(year: $0, families: familyYearCounts[$0] ?? 0, documents: documentYearCounts[$0] ?? 0) }
        progress?.report(phase: "report", completed: 1, total: 8)

        // Categories: documents → families, totals and per year.
        var categoryFamilies: [[MemberSet?]] = []
        var dimensionSummaries: [DimensionSummary] = []
        var categoryYears: [CategoryYearCount] = []
        for (d, dimension) in definition.dimensions.enumerated() {
            var row: [MemberSet?] = []
            var summaries: [CategorySummary] = []
            for (c, category) in dimension.categories.enumerated() {
                let documents = categorised.categories[d][c]
                let families = documents.map { corpus.familiesOf($0) }
                row.append(families)
                let source: String = switch categorised.sources[d][c] {
                case .flag(let name): "flag:" + name
                case .query: "query"
                case .otherwise: "otherwise"
                case .unavailable: "unavailable"
                }
                summaries.append(CategorySummary(
                    id: category.id, label: category.label, documents: documents?.count, families: families?.count,
                    source: source, note: category.note))
                if let families {
                    var counts: [Int: Int] = [:]
                    families.forEach { family in
                        let year = Int(table.years[family])
                        if year > 0 { counts[year, default: 0] += 1 }
                    }
                    for year in yearList {
                        categoryYears.append(CategoryYearCount(
                            dimension: dimension.id, category: category.id, year: year, families: counts[year] ?? 0))
                    }
                }
            }
            categoryFamilies.append(row)
            dimensionSummaries.append(DimensionSummary(id: dimension.id, label: dimension.label, categories: summaries))
        }
        self.dimensions = dimensionSummaries
        self.categoryYears = categoryYears
        progress?.report(phase: "report", completed: 2, total: 8)

        // Growth.
        var growthEnd = options.growthEnd
        var growthStart = options.growthStart
        if growthEnd == nil, let dataLast { growthEnd = max(dataFirst ?? dataLast, dataLast - 2) }
        if growthStart == nil, let end = growthEnd { growthStart = max(dataFirst ?? end, end - 3) }
        if let start = growthStart, let end = growthEnd, start >= end { growthStart = nil; growthEnd = nil }
        var growth: [Growth] = []
        if let start = growthStart, let end = growthEnd {
            growth.append(Self.growth(
                dimension: nil, category: nil, label: "All families", start: start, end: end,
                startFamilies: familyYearCounts[start] ?? 0, endFamilies: familyYearCounts[end] ?? 0))
            for (d, dimension) in definition.dimensions.enumerated() {
                for (c, category) in dimension.categories.enumerated() where categoryFamilies[d][c] != nil {
                    let counts = categoryYears.filter { $0.dimension == dimension.id && $0.category == category.id }
                    let startCount = counts.first { $0.year == start }?.families ?? Self.count(categoryFamilies[d][c]!, year: start, table)
                    let endCount = counts.first { $0.year == end }?.families ?? Self.count(categoryFamilies[d][c]!, year: end, table)
                    growth.append(Self.growth(
                        dimension: dimension.id, category: category.id, label: category.label, start: start, end: end,
                        startFamilies: startCount, endFamilies: endCount))
                }
            }
        }
        self.growth = growth
        progress?.report(phase: "report", completed: 3, total: 8)

        // Applicants.
        var topApplicants: [ApplicantCount] = []
        var organisationTypes: [OrganisationTypeCount] = []
        if corpus.hasApplicants {
            var counts = [Int32](repeating: 0, count: corpus.applicants.count)
            var touched: [Int32] = []
            func top(_ families: MemberSet, scope: String) {
                touched.removeAll(keepingCapacity: true)
                families.forEach { family in
                    for slot in Int(table.applicantStarts[family])..<Int(table.applicantStarts[family + 1]) {
                        let id = table.applicantIDs[slot]
                        if counts[Int(id)] == 0 { touched.append(id) }
                        counts[Int(id)] += 1
                    }
                }
                let ranked = touched.sorted { a, b in
                    counts[Int(a)] != counts[Int(b)] ? counts[Int(a)] > counts[Int(b)] : corpus.applicants[Int(a)].key < corpus.applicants[Int(b)].key
                }
                for (rank, id) in ranked.prefix(options.topApplicants).enumerated() {
                    let applicant = corpus.applicants[Int(id)]
                    topApplicants.append(ApplicantCount(
                        scope: scope, rank: rank + 1, name: applicant.name, key: applicant.key, type: applicant.type,
                        families: Int(counts[Int(id)])))
                }
                for id in touched { counts[Int(id)] = 0 }
            }
            top(scopeFamilies, scope: "all")
            for (d, dimension) in definition.dimensions.enumerated() {
                for (c, category) in dimension.categories.enumerated() {
                    if let families = categoryFamilies[d][c] { top(families, scope: dimension.id + "/" + category.id) }
                }
            }
            var applicantsPerType = [Int](repeating: 0, count: OrganisationType.allCases.count)
            var familiesPerType = [Int](repeating: 0, count: OrganisationType.allCases.count)
            var seen = [Bool](repeating: false, count: corpus.applicants.count)
            scopeFamilies.forEach { family in
                var types = 0
                for slot in Int(table.applicantStarts[family])..<Int(table.applicantStarts[family + 1]) {
                    let id = Int(table.applicantIDs[slot])
                    let type = OrganisationType.allCases.firstIndex(of: corpus.applicants[id].type)!
                    if !seen[id] { seen[id] = true; applicantsPerType[type] += 1 }
                    types |= 1 << type
                }
                for type in OrganisationType.allCases.indices where types & (1 << type) != 0 { familiesPerType[type] += 1 }
            }
            organisationTypes = OrganisationType.allCases.enumerated().map { index, type in
                OrganisationTypeCount(type: type, applicants: applicantsPerType[index], families: familiesPerType[index])
            }
        }
        self.topApplicants = topApplicants
        self.organisationTypes = organisationTypes
        progress?.report(phase: "report", completed: 4, total: 8)

        // Offices of first filing.
        var firstFilings = [Int](repeating: 0, count: corpus.officeCodes.count)
        var abroad = [Int](repeating: 0, count: corpus.officeCodes.count)
        var unknownOffice = 0
        scopeFamilies.forEach { family in
            let office = table.firstOffices[family]
            guard office != LandscapeCorpus.noOffice else { unknownOffice += 1; return }
            firstFilings[Int(office)] += 1
            if table.filedAbroad.contains(family) { abroad[Int(office)] += 1 }
        }
        offices = corpus.officeCodes.indices.filter { firstFilings[$0] > 0 }.map { index in
            OfficeCount(
                office: corpus.officeCodes[index], name: OfficeNames.name(corpus.officeCodes[index]),
                firstFilings: firstFilings[index], filedAbroad: abroad[index],
                shareFiledAbroad: Double(abroad[index]) / Double(firstFilings[index]))
        }.sorted { $0.firstFilings != $1.firstFilings ? $0.firstFilings > $1.firstFilings : $0.office < $1.office }
        progress?.report(phase: "report", completed: 5, total: 8)

        // Co-occurrence of every pair of categories, in families.
        var cells: [Cooccurrence] = []
        let flat: [(dimension: String, category: String, families: MemberSet)] = definition.dimensions.enumerated().flatMap { d, dimension in
            dimension.categories.enumerated().compactMap { c, category in
                categoryFamilies[d][c].map { (dimension.id, category.id, $0) }
            }
        }
        let pairCounts: [Int] = Parallel.map(count: flat.count, chunkSize: 1) { range in
            range.flatMap { i in flat.indices.map { j in j < i ? -1 : flat[i].families.intersectionCount(flat[j].families) } }
        }
        for i in flat.indices {
            for j in flat.indices {
                let value = j >= i ? pairCounts[i * flat.count + j] : pairCounts[j * flat.count + i]
                cells.append(Cooccurrence(
                    rowDimension: flat[i].dimension, row: flat[i].category, columnDimension: flat[j].dimension,
                    column: flat[j].category, families: value))
            }
        }
        cooccurrence = cells
        progress?.report(phase: "report", completed: 6, total: 8)

        // Countries (publishing offices): documents, and families with a document there.
        var documentsPerOffice = [Int](repeating: 0, count: corpus.officeCodes.count)
        var familiesPerOffice = [Int](repeating: 0, count: corpus.officeCodes.count)
        var officesSeen: [UInt16] = []
        scopeFamilies.forEach { family in
            officesSeen.removeAll(keepingCapacity: true)
            for slot in Int(table.documentStarts[family])..<Int(table.documentStarts[family + 1]) {
                let document = Int(table.documents[slot])
                guard categorised.scope.contains(document) else { continue }
                let office = corpus.offices[document]
                guard office != LandscapeCorpus.noOffice else { continue }
                documentsPerOffice[Int(office)] += 1
                if !officesSeen.contains(office) {
                    officesSeen.append(office)
                    familiesPerOffice[Int(office)] += 1
                }
            }
        }
        let familyTotal = max(1, scopeFamilies.count)
        countries = corpus.officeCodes.indices.filter { documentsPerOffice[$0] > 0 }.map { index in
            CountryCount(
                country: corpus.officeCodes[index], name: OfficeNames.name(corpus.officeCodes[index]),
                documents: documentsPerOffice[index], families: familiesPerOffice[index],
                share: Double(familiesPerOffice[index]) / Double(familyTotal))
        }.sorted { $0.families != $1.families ? $0.families > $1.families : $0.country < $1.country }
        progress?.report(phase: "report", completed: 7, total: 8)

        // Summary and notes.
        let basis: String = switch (basisCounts[1] > 0, basisCounts[2] > 0) {
        case (true, false): "publication"
        case (false, true): "priority"
        case (true, true): "mixed"
        case (false, false): "unknown"
        }
        let applicantCount = corpus.hasApplicants ? organisationTypes.reduce(0) { $0 + $1.applicants } : 0
        summary = Summary(
            documents: categorised.scope.count, families: scopeFamilies.count, applicants: applicantCount,
            firstYear: yearList.first, lastYear: yearList.last, yearBasis: basis,
            growthStart: growthStart, growthEnd: growthEnd)
        name = definition.name
        description = definition.description
        self.options = options

        var notes: [String] = []
        notes.append("Families are simple patent families (documents sharing a family id; else the earliest priority; else the document alone); a family counts once per table, in every category any of its documents is in, so category counts add up to more than the total.")
        switch basis {
        case "priority":
            notes.append("Years are earliest priority years: this corpus has no publication dates (CSET gives priority years only), so families are counted by priority year, not by first publication year as WITT-2019 does.")
        case "mixed":
            notes.append("Years are first publication years; \(basisCounts[2]) families without any publication date are counted by their earliest priority year.")
        case "publication":
            notes.append("Years are first publication years (the earliest publication of any document of the family).")
        default:
            notes.append("No document has a year: the per-year tables are empty.")
        }
        if basisCounts[0] > 0, basis != "unknown" { notes.append("\(basisCounts[0]) families have no year and are left out of the per-year tables.") }
        if let start = growthStart, let end = growthEnd {
            notes.append("Growth is the compound annual growth rate of families from \(start) to \(end): (families in \(end) / families in \(start))^(1/\(end - start)) − 1; it is undefined when \(start) has no families.\(options.growthEnd == nil ? " The window ends two years before the last year because recent years are incomplete (publication lags filing by about 18 months)." : "")")
        }
        let inferred = scopeFamilies.count - scopeFamilies.intersectionCount(table.firstOfficeFromPriority)
        if inferred > 0 {
            notes.append("Office of first filing: the office of the earliest priority claim where the corpus names it; for \(inferred) families without one it is inferred — the office of the earliest-published document, and on a tie (or without publication dates) a national office before WO/EP, then the office with most of the family's documents. A first filing is 'filed abroad' when its family has a document at any other office (WO and EP included).")
        }
        if unknownOffice > 0 { notes.append("\(unknownOffice) families have no office and are not in the office table.") }
        if !corpus.hasApplicants {
            notes.append("This corpus has no applicant names, so there is no applicant table.")
        } else {
            notes.append("Applicants are grouped by a normalised name (case, punctuation, diacritics and legal forms such as Inc, GmbH, S.A., 株式会社 removed); aliases (IBM / International Business Machines) are not merged. Types come from name rules; 'Individual' means a person-like name with an initial or 'Last, First'.")
        }
        self.notes = notes + categorised.notes
        progress?.report(phase: "report", completed: 8, total: 8)
    }

    static func count(_ families: MemberSet, year: Int, _ table: FamilyTable) -> Int {
        var total = 0
        families.forEach { if Int(table.years[$0]) == year { total += 1 } }
        return total
    }

    /// `(end/start)^(1/(endYear − startYear)) − 1`, nil when the start count is zero.
    public static func compoundAnnualGrowth(start: Int, end: Int, years: Int) -> Double? {
        guard start > 0, years > 0 else { return nil }
        return pow(Double(end) / Double(start), 1 / Double(years)) - 1
    }

    static func growth(
        dimension: String?, category: String?, label: String, start: Int, end: Int, startFamilies: Int, endFamilies: Int
    ) -> Growth {
        Growth(
            dimension: dimension, category: category, label: label, startYear: start, endYear: end,
            startFamilies: startFamilies, endFamilies: endFamilies,
            cagr: compoundAnnualGrowth(start: startFamilies, end: endFamilies, years: end - start))
    }
}
