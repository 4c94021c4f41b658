import Foundation

/// Collects documents column by column, interning repeated strings (offices, kinds, applicants,
/// family keys) as it goes; ``LandscapeCorpus/init(_:)`` freezes it.
struct CorpusBuilder {
    /// Strings numbered in order of first appearance.
    struct Interner {
        var index: [String: UInt16] = [:]
        var names: [String] = []

        mutating func id(_ name: String) -> UInt16 {
            if let id = index[name] { return id }
            // Past 65,534 distinct values the column stops distinguishing (never seen for offices or kinds).
            guard names.count < Int(UInt16.max) - 1 else { return UInt16.max - 1 }
            let id = UInt16(names.count)
            index[name] = id
            names.append(name)
            return id
        }

        mutating func optionalID(_ name: String?) -> UInt16 {
            guard let name, !name.isEmpty else { return LandscapeCorpus.noOffice }
            return id(name)
        }
    }

    var ids: [String] = []
    var offices: [UInt16] = []
    var officeCodes = Interner()
    var kinds: [UInt16] = []
    var kindNames = Interner()
    var patentTypes: [UInt16] = []
    var patentTypeNames = Interner()
    var publicationYears: [Int16] = []
    var priorityYears: [Int16] = []
    var priorityOffices: [UInt16] = []
    var families: [Int32] = []
    var familyIndex: [String: Int32] = [:]
    /// Families numbered so far (text keys in `familyIndex`, plus numeric ids a loader keeps itself).
    var familyCount = 0
    var applicantStarts: [Int32] = [0]
    var applicantIDs: [Int32] = []
    var applicants: [LandscapeCorpus.Applicant] = []
    var applicantIndex: [String: Int32] = [:]
    var flagNames: [String] = []
    var flagIndex: [String: Int] = [:]
    var flagMembers: [[Int32]] = []

    mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        offices.reserveCapacity(count)
        kinds.reserveCapacity(count)
        patentTypes.reserveCapacity(count)
        publicationYears.reserveCapacity(count)
        priorityYears.reserveCapacity(count)
        priorityOffices.reserveCapacity(count)
        families.reserveCapacity(count)
        applicantStarts.reserveCapacity(count + 1)
    }

    /// The number of flag `name`, adding the column if new.
    mutating func flag(_ name: String) -> Int {
        if let index = flagIndex[name] { return index }
        flagIndex[name] = flagNames.count
        flagNames.append(name)
        flagMembers.append([])
        return flagNames.count - 1
    }

    /// The family number for a key, numbering new keys in order.
    mutating func family(key: String) -> Int32 {
        if let family = familyIndex[key] { return family }
        let family = Int32(familyCount)
        familyCount += 1
        familyIndex[key] = family
        return family
    }

    /// The family key of a record: family id, else earliest priority, else the document alone.
    static func familyKey(familyID: String?, priorityKey: String?, documentIndex: Int) -> String {
        if let familyID, !familyID.isEmpty { return "F" + familyID }
        if let priorityKey, !priorityKey.isEmpty { return "P" + priorityKey }
        return "D\(documentIndex)"
    }

    /// Raw names already seen (normalising is the expensive part; names repeat).
    var rawApplicants: [String: Int32] = [:]

    mutating func applicant(_ raw: String) -> Int32? {
        if let id = rawApplicants[raw] { return id < 0 ? nil : id }
        let id = newApplicant(raw)
        rawApplicants[raw] = id ?? -1
        return id
    }

    private mutating func newApplicant(_ raw: String) -> Int32? {
        let key = ApplicantName.key(raw)
        guard !key.isEmpty else { return nil }
        if let id = applicantIndex[key] { return id }
        let id = Int32(applicants.count)
        applicantIndex[key] = id
        applicants.append(.init(key: key, name: ApplicantName.displayName(raw), type: ApplicantName.organisationType(raw)))
        return id
    }

    static func year(_ value: Int?) -> Int16 {
        guard let value, value > 0, value < Int(Int16.max) else { return 0 }
        return Int16(value)
    }

    mutating func append(_ record: LandscapeRecord) {
        let index = ids.count
        ids.append(record.id)
        offices.append(officeCodes.optionalID(record.office.map(Self.officeCode)))
        kinds.append(kindNames.optionalID(record.kind))
        patentTypes.append(patentTypeNames.optionalID(record.patentType))
        publicationYears.append(Self.year(record.publicationYear))
        priorityYears.append(Self.year(record.priorityYear))
        priorityOffices.append(officeCodes.optionalID(record.priorityOffice.map(Self.officeCode)))
        families.append(family(key: Self.familyKey(
            familyID: record.familyID, priorityKey: record.priorityKey, documentIndex: index)))
        var seen: [Int32] = []
        for name in record.applicants {
            if let id = applicant(name), !seen.contains(id) { seen.append(id) }
        }
        applicantIDs.append(contentsOf: seen)
        applicantStarts.append(Int32(applicantIDs.count))
        for name in record.flags {
            flagMembers[flag(name)].append(Int32(index))
        }
    }

    /// Office codes compare upper-case and trimmed (`ep ` is `EP`).
    static func officeCode(_ raw: String) -> String {
        let trimmed = LandscapeRecord.trimmed(raw)
        return trimmed.utf8.allSatisfy({ $0 < 0x61 || $0 > 0x7A }) ? trimmed : trimmed.uppercased()
    }
}
