import Foundation
import Hummingbird
import Landscape

struct LandscapeDatasetDTO: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var source: String
    var fileName: String
    var collectionID: String?
    var status: String
    var message: String
    var documents: Int
    var families: Int
    var flags: [String]
    var hasText: Bool
    var indexBytes: Int64
    var jobID: String?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, source, fileName = "file_name", collectionID = "collection_id", status, message, documents, families, flags
        case hasText = "has_text", indexBytes = "index_bytes", jobID = "job_id", createdAt = "created_at"
    }

    init(_ dataset: LandscapeDataset) {
        id = String(dataset.id)
        name = dataset.name
        source = dataset.source.rawValue
        fileName = dataset.fileName
        collectionID = dataset.collectionID.map(String.init)
        status = dataset.status.rawValue
        message = dataset.message
        documents = dataset.documents
        families = dataset.families
        flags = dataset.flagNames
        hasText = dataset.hasText
        indexBytes = dataset.indexBytes
        jobID = dataset.jobID.map(String.init)
        createdAt = Date(timeIntervalSince1970: Double(dataset.createdAt) / 1000)
    }
}

struct LandscapeReportDTO: ResponseEncodable, Sendable {
    struct Options: Codable, Sendable {
        var growthStart: Int?
        var growthEnd: Int?
        var topN: Int
        var firstYear: Int?
        var lastYear: Int?

        enum CodingKeys: String, CodingKey {
            case growthStart = "growth_start", growthEnd = "growth_end", topN = "top_n", firstYear = "first_year", lastYear = "last_year"
        }
    }

    var id: String
    var datasetID: String
    var name: String
    var status: String
    var message: String
    var aggregatedIn: String
    var jobID: String?
    var options: Options
    var createdAt: Date
    var finishedAt: Date?
    /// Documents and families in the landscape, when done.
    var documents: Int?
    var families: Int?
    /// Ids of the tables (`…/tables/{id}.csv`), when done.
    var tables: [String]?

    enum CodingKeys: String, CodingKey {
        case id, datasetID = "dataset_id", name, status, message, aggregatedIn = "aggregated_in", jobID = "job_id", options
        case createdAt = "created_at", finishedAt = "finished_at", documents, families, tables
    }

    init(_ record: LandscapeReportRecord, options: ReportOptions, report: LandscapeReport?) {
        id = String(record.id)
        datasetID = String(record.datasetID)
        name = record.name
        status = record.status.rawValue
        message = record.message
        aggregatedIn = record.aggregatedIn
        jobID = record.jobID.map(String.init)
        self.options = Options(
            growthStart: options.growthStart, growthEnd: options.growthEnd, topN: options.topApplicants,
            firstYear: options.firstYear, lastYear: options.lastYear)
        createdAt = Date(timeIntervalSince1970: Double(record.createdAt) / 1000)
        finishedAt = record.finishedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        documents = report?.summary.documents
        families = report?.summary.families
        tables = report?.tables.map(\.id)
    }
}

struct LandscapeCreatedDTO<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var item: Item
    var job: JobDTO
    var key: String

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(item, forKey: DynamicKey(key))
        try container.encode(job, forKey: DynamicKey("job"))
    }

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

struct LandscapeSearchDTO: ResponseEncodable, Sendable {
    var query: String
    var count: Int
    var ids: [String]
    var elapsedMs: Double

    enum CodingKeys: String, CodingKey { case query, count, ids, elapsedMs = "elapsed_ms" }
}
