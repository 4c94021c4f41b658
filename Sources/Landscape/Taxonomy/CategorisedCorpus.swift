import Core
import PatentSearch

/// A corpus with a landscape definition applied: the documents in scope and, per category, its
/// documents (within scope) — what ``LandscapeReport`` counts.
///
/// ```swift
/// let corpus = try LandscapeCorpus.loadCSV(path: "patent_database.csv")
/// let categorised = try LandscapeDefinition.artificialIntelligence().categorise(corpus)
/// let report = LandscapeReport(categorised)
/// ```
public struct CategorisedCorpus: Sendable {
    /// Where a category's documents came from.
    public enum Source: Sendable, Hashable, Codable {
        case flag(String)
        case query
        case otherwise
        /// Neither the flag column nor a text index was available.
        case unavailable
    }

    public let corpus: LandscapeCorpus
    public let definition: LandscapeDefinition
    /// Documents in the landscape's scope.
    public let scope: MemberSet
    /// Documents per category (`[dimension][category]`), within scope; nil when unavailable.
    public let categories: [[MemberSet?]]
    public let sources: [[Source]]
    /// What a reader should know about how categories were found.
    public internal(set) var notes: [String]

    package init(
        corpus: LandscapeCorpus, definition: LandscapeDefinition, scope: MemberSet, categories: [[MemberSet?]],
        sources: [[Source]], notes: [String]
    ) {
        self.corpus = corpus
        self.definition = definition
        self.scope = scope
        self.categories = categories
        self.sources = sources
        self.notes = notes
    }
}

extension LandscapeDefinition {
    /// Applies the definition to a corpus: each category from its flag column when the corpus has
    /// it, else from its query on `index` (built over the same documents in the same order), else
    /// "otherwise" (scope minus the dimension's other categories). The scope query needs an index;
    /// without one the whole corpus is in scope and a note says so.
    ///
    /// - Throws: ``IPAIError`` `invalid_argument` when the index and corpus differ in size, or
    ///   `invalid_input` when no category at all could be resolved (no flag matched and no index).
    public func categorise(
        _ corpus: LandscapeCorpus, index: SearchIndex? = nil, progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> CategorisedCorpus {
        if let index, index.documentCount != corpus.documentCount {
            throw IPAIError(
                .invalidArgument,
                "the search index has \(index.documentCount) documents but the corpus \(corpus.documentCount): build the index over the same documents")
        }
        var notes: [String] = []
        var scopeSet = corpus.allDocuments
        if let scope {
            if let index {
                scopeSet = Self.members(try index.search(scope), capacity: corpus.documentCount)
            } else {
                notes.append("The scope query was not applied: this corpus has no text index (a flag corpus such as CSET's is already the landscape's universe).")
            }
        }
        // Queries to run (flags win where the corpus has the column).
        var pending: [(dimension: Int, category: Int, query: String)] = []
        var categories: [[MemberSet?]] = []
        var sources: [[CategorisedCorpus.Source]] = []
        var missingFlags: [String] = []
        for (d, dimension) in dimensions.enumerated() {
            var row: [MemberSet?] = []
            var rowSources: [CategorisedCorpus.Source] = []
            for (c, category) in dimension.categories.enumerated() {
                if let flag = category.flag, let set = corpus.documents(flagged: flag) {
                    row.append(set.intersection(scopeSet))
                    rowSources.append(.flag(flag))
                } else if let query = category.query, index != nil {
                    row.append(nil)
                    rowSources.append(.query)
                    pending.append((d, c, query))
                } else if category.otherwise == true {
                    row.append(nil)
                    rowSources.append(.otherwise)
                } else {
                    row.append(nil)
                    rowSources.append(.unavailable)
                    if let flag = category.flag { missingFlags.append("\(category.label) (column \(flag))") }
                }
            }
            categories.append(row)
            sources.append(rowSources)
        }
        if let index, !pending.isEmpty {
            let counter = ProgressCounter(phase: "categories", total: pending.count, reporter: progress)
            let queries = pending
            let capacity = corpus.documentCount
            let results: [Result<MemberSet, IPAIError>] = Parallel.map(count: queries.count, chunkSize: 1) { range in
                range.map { slot in
                    defer { counter.add(1) }
                    do throws(IPAIError) {
                        return .success(Self.members(try index.search(queries[slot].query), capacity: capacity))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for (slot, result) in results.enumerated() {
                let (d, c, _) = queries[slot]
                switch result {
                case .success(let set): categories[d][c] = set.intersection(scopeSet)
                case .failure(let error):
                    throw IPAIError(
                        error.code, error.message,
                        at: InputLocation(field: "$.dimensions[\(d)].categories[\(c)].query", value: queries[slot].query))
                }
            }
        }
        for d in dimensions.indices {
            guard let c = sources[d].firstIndex(of: .otherwise) else { continue }
            var rest = scopeSet
            for (other, set) in categories[d].enumerated() where other != c {
                if let set { rest = rest.subtracting(set) }
            }
            categories[d][c] = rest
        }
        let resolved = categories.joined().compactMap { $0 }.count
        guard resolved > 0 else {
            throw IPAIError(
                .invalidInput,
                "no category could be counted: the corpus has none of the definition's flag columns (it has: \(corpus.flagNames.prefix(12).joined(separator: ", ")))) and no text index was given")
        }
        if !missingFlags.isEmpty {
            notes.append("Not in this corpus, so not counted: \(missingFlags.joined(separator: "; ")).")
        }
        if index == nil, sources.joined().contains(where: { if case .flag = $0 { true } else { false } }) {
            notes.append("Categories come from the corpus's own flag columns.")
        }
        return CategorisedCorpus(
            corpus: corpus, definition: self, scope: scopeSet, categories: categories, sources: sources, notes: notes)
    }

    static func members(_ set: DocumentSet, capacity: Int) -> MemberSet {
        var result = MemberSet(capacity: capacity)
        for number in set where number < capacity { result.insert(number) }
        return result
    }
}
