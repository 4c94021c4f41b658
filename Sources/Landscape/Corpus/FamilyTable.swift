/// What a landscape needs per patent family, derived once from the document columns.
///
/// - Year: the earliest publication year among the family's documents; a family none of whose
///   documents has one is counted by its earliest priority year (``yearBasis`` says which).
/// - Office of first filing: the office of the earliest priority when a document names it; else
///   the office of the earliest-published document; when documents tie (or have no dates, as in
///   CSET) a national office comes before a regional one (`WO`, `EP`, `EA`, `AP`, `OA`, `GC`), then
///   the office with most of the family's documents, then the alphabetically first. It is inferred,
///   and the report says so.
/// - Filed abroad: the family has a document at an office other than the first-filing office
///   (a PCT or EP publication counts as abroad).
package struct FamilyTable: Sendable {
    /// How a family's year was found.
    package enum YearBasis: UInt8, Sendable { case unknown, publication, priority }

    package let count: Int
    /// The family's counting year (0 when unknown).
    package let years: [Int16]
    package let yearBasis: [YearBasis]
    /// Office of first filing, an index into the corpus's office codes (or `noOffice`).
    package let firstOffices: [UInt16]
    /// Whether the first office came from a priority claim (as opposed to being inferred).
    package let firstOfficeFromPriority: MemberSet
    package let filedAbroad: MemberSet
    /// Documents per family (CSR).
    package let documentStarts: [Int32]
    package let documents: [Int32]
    /// Distinct applicants per family (CSR).
    package let applicantStarts: [Int32]
    package let applicantIDs: [Int32]
    package let publicationYearFamilies: Int
    package let priorityYearFamilies: Int

    static let regionalOffices: Set<String> = ["WO", "EP", "EA", "AP", "OA", "GC", "EM", "IB", "XN", "XV"]

    init(
        documentCount: Int, familyCount: Int, families: [Int32], offices: [UInt16], officeCodes: [String],
        publicationYears: [Int16], priorityYears: [Int16], priorityOffices: [UInt16],
        applicantStarts docApplicantStarts: [Int32], applicantIDs docApplicantIDs: [Int32]
    ) {
        count = familyCount
        // Counting sort of documents by family.
        var starts = [Int32](repeating: 0, count: familyCount + 1)
        for family in families { starts[Int(family) + 1] += 1 }
        for index in 0..<familyCount { starts[index + 1] += starts[index] }
        var fill = starts
        var members = [Int32](repeating: 0, count: documentCount)
        for (document, family) in families.enumerated() {
            members[Int(fill[Int(family)])] = Int32(document)
            fill[Int(family)] += 1
        }
        documentStarts = starts
        documents = members

        let regional = officeCodes.map { Self.regionalOffices.contains($0) }
        var years = [Int16](repeating: 0, count: familyCount)
        var basis = [YearBasis](repeating: .unknown, count: familyCount)
        var firstOffices = [UInt16](repeating: LandscapeCorpus.noOffice, count: familyCount)
        var fromPriority = MemberSet(capacity: familyCount)
        var abroad = MemberSet(capacity: familyCount)
        var famApplicantStarts: [Int32] = [0]
        famApplicantStarts.reserveCapacity(familyCount + 1)
        var famApplicants: [Int32] = []
        var publicationCount = 0
        var priorityCount = 0
        var officeTally: [(office: UInt16, documents: Int, year: Int16)] = []
        var applicantScratch: [Int32] = []

        for family in 0..<familyCount {
            let range = Int(starts[family])..<Int(starts[family + 1])
            var publication: Int16 = 0
            var priority: Int16 = 0
            var priorityOffice = LandscapeCorpus.noOffice
            var priorityOfficeYear: Int16 = .max
            officeTally.removeAll(keepingCapacity: true)
            applicantScratch.removeAll(keepingCapacity: true)
            for slot in range {
                let document = Int(members[slot])
                let pub = publicationYears[document]
                if pub > 0, publication == 0 || pub < publication { publication = pub }
                let pri = priorityYears[document]
                if pri > 0, priority == 0 || pri < priority { priority = pri }
                let pOffice = priorityOffices[document]
                if pOffice != LandscapeCorpus.noOffice {
                    let when = pri > 0 ? pri : Int16.max - 1
                    if when < priorityOfficeYear { priorityOffice = pOffice; priorityOfficeYear = when }
                }
                let office = offices[document]
                if office != LandscapeCorpus.noOffice {
                    let year = pub > 0 ? pub : Int16.max
                    if let at = officeTally.firstIndex(where: { $0.office == office }) {
                        officeTally[at].documents += 1
                        officeTally[at].year = min(officeTally[at].year, year)
                    } else {
                        officeTally.append((office, 1, year))
                    }
                }
                for slot in Int(docApplicantStarts[document])..<Int(docApplicantStarts[document + 1]) {
                    let id = docApplicantIDs[slot]
                    if !applicantScratch.contains(id) { applicantScratch.append(id) }
                }
            }
            if publication > 0 {
                years[family] = publication
                basis[family] = .publication
                publicationCount += 1
            } else if priority > 0 {
                years[family] = priority
                basis[family] = .priority
                priorityCount += 1
            }
            var first = LandscapeCorpus.noOffice
            if priorityOffice != LandscapeCorpus.noOffice {
                first = priorityOffice
                fromPriority.insert(family)
            } else if !officeTally.isEmpty {
                var best = officeTally[0]
                for candidate in officeTally.dropFirst() {
                    let a = (candidate.year, regional[Int(candidate.office)] ? 1 : 0, -candidate.documents)
                    let b = (best.year, regional[Int(best.office)] ? 1 : 0, -best.documents)
                    if a < b || (a == b && officeCodes[Int(candidate.office)] < officeCodes[Int(best.office)]) {
                        best = candidate
                    }
                }
                first = best.office
            }
            firstOffices[family] = first
            if first != LandscapeCorpus.noOffice, officeTally.contains(where: { $0.office != first }) {
                abroad.insert(family)
            }
            famApplicants.append(contentsOf: applicantScratch)
            famApplicantStarts.append(Int32(famApplicants.count))
        }
        self.years = years
        self.yearBasis = basis
        self.firstOffices = firstOffices
        self.firstOfficeFromPriority = fromPriority
        self.filedAbroad = abroad
        self.applicantStarts = famApplicantStarts
        self.applicantIDs = famApplicants
        self.publicationYearFamilies = publicationCount
        self.priorityYearFamilies = priorityCount
    }
}
