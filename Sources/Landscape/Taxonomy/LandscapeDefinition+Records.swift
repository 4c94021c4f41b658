import Core
import PatentSearch

extension LandscapeRecord {
    /// The record as a PatentSearch document (same id, texts, symbols, years and office).
    public var searchDocument: SearchDocument {
        SearchDocument(
            id: id, title: title ?? "", abstract: abstract ?? "", claims: claims ?? "", applicants: applicants,
            classifications: symbols, publicationYear: publicationYear, priorityYear: priorityYear, country: office)
    }
}

extension LandscapeRecord {
    /// The records with repeated ids left out (the first one is kept), and the repeated ids.
    public static func uniqued(_ records: [LandscapeRecord]) -> (records: [LandscapeRecord], duplicates: [String]) {
        var seen = Set<String>(minimumCapacity: records.count)
        var unique: [LandscapeRecord] = []
        unique.reserveCapacity(records.count)
        var duplicates: [String] = []
        for record in records {
            if seen.insert(record.id).inserted { unique.append(record) } else { duplicates.append(record.id) }
        }
        return (unique, duplicates)
    }
}

extension LandscapeDefinition {
    /// Builds a corpus and a search index over the records and categorises them: the path for text
    /// corpora (category queries and the scope run on the index).
    ///
    /// - Returns: the categorised corpus and the index (keep it to run more queries or store it).
    public func categorise(
        records: [LandscapeRecord], progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> (categorised: CategorisedCorpus, index: SearchIndex) {
        let (unique, duplicates) = LandscapeRecord.uniqued(records)
        let corpus = try LandscapeCorpus(records: unique)
        let index = try SearchIndex(documents: unique.map(\.searchDocument), progress: progress)
        var categorised = try categorise(corpus, index: index, progress: progress)
        if !duplicates.isEmpty {
            categorised.notes.append("\(duplicates.count) records repeat an earlier id and were left out (first: \(duplicates[0])).")
        }
        return (categorised, index)
    }
}
