/// A stored corpus for landscapes: records imported from a file or taken from a collection.
public struct LandscapeDataset: Sendable, Hashable {
    /// Where the records came from.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// A CSET-style CSV with flag columns.
        case csv
        /// Patent JSONL (one document a line).
        case jsonl
        /// An IPAI collection's documents.
        case collection
    }

    /// `importing` until its job stored every record, then `ready`; `failed` keeps the reason in ``message``.
    public enum Status: String, Sendable, Codable {
        case importing, ready, failed
    }

    public var id: Int64
    public var name: String
    public var source: Source
    public var fileName: String
    public var collectionID: Int64?
    public var status: Status
    public var message: String
    public var documents: Int
    public var families: Int
    /// CSET-style flag columns the records carry.
    public var flagNames: [String]
    /// Whether records have title, abstract or claims (so category queries can run on its index).
    public var hasText: Bool
    /// Size of the stored positional index (0: none).
    public var indexBytes: Int64
    public var jobID: Int64?
    public var createdBy: Int64?
    public var createdAt: Int64
}

/// A landscape run over a dataset: its definition, options, state, and the finished report.
public struct LandscapeReportRecord: Sendable {
    public enum Status: String, Sendable, Codable {
        case queued, running, done, failed
    }

    public var id: Int64
    public var datasetID: Int64
    public var name: String
    /// The definition as JSON (as uploaded or the shipped one).
    public var definition: String
    /// ``ReportOptions`` as JSON.
    public var options: String
    public var status: Status
    public var message: String
    /// The finished ``LandscapeReport`` as JSON (its Codable form), nil until done.
    public var report: String?
    /// `database` when the per-year, per-category and per-country counts were aggregated in SQL, else `memory`.
    public var aggregatedIn: String
    public var jobID: Int64?
    public var createdBy: Int64?
    public var createdAt: Int64
    public var finishedAt: Int64?
}
