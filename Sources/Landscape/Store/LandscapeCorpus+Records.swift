extension LandscapeCorpus {
    /// The corpus's documents as records, in order, so a CSV read by the byte-level parser can be
    /// stored row by row. Families keep their grouping (the family id is the corpus's family
    /// number), applicants their display names, flags their column names; texts are absent.
    public var records: [LandscapeRecord] {
        var flagsPerDocument = [[String]](repeating: [], count: documentCount)
        for (index, name) in flagNames.enumerated() {
            flags[index].forEach { flagsPerDocument[$0].append(name) }
        }
        func code(_ value: UInt16, _ names: [String]) -> String? {
            value == LandscapeCorpus.noOffice || Int(value) >= names.count ? nil : names[Int(value)]
        }
        var result: [LandscapeRecord] = []
        result.reserveCapacity(documentCount)
        for document in 0..<documentCount {
            let applicantRange = Int(applicantStarts[document])..<Int(applicantStarts[document + 1])
            result.append(LandscapeRecord(
                id: documentIDs[document], familyID: String(families[document]), office: code(offices[document], officeCodes),
                kind: code(kinds[document], kindNames), patentType: code(patentTypes[document], patentTypeNames),
                publicationYear: publicationYears[document] > 0 ? Int(publicationYears[document]) : nil,
                priorityYear: priorityYears[document] > 0 ? Int(priorityYears[document]) : nil,
                priorityOffice: code(priorityOffices[document], officeCodes),
                applicants: applicantRange.map { applicants[Int(applicantIDs[$0])].name },
                flags: flagsPerDocument[document]))
        }
        return result
    }
}
