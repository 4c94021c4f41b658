import Core
import Foundation
import Landscape
import PatentSearch
import Storage
import Synchronization

/// What the landscape API and pages both do: register a dataset and queue its import, queue a
/// report run, search a dataset's stored index.
struct LandscapeActions {
    let services: ServerServices
    var store: Store { services.store }
    var landscapes: LandscapeStore { LandscapeStore(services.store) }

    /// The upload format from an explicit `format`, else the file name, else the content type.
    /// - Throws: 400 for anything but `csv` or `jsonl`.
    static func format(explicit: String?, fileName: String, contentType: String?) throws -> String {
        let lowerName = fileName.lowercased()
        let guess = explicit?.lowercased()
            ?? (lowerName.hasSuffix(".jsonl") || lowerName.hasSuffix(".ndjson") ? "jsonl" : nil)
            ?? (lowerName.hasSuffix(".csv") ? "csv" : nil)
            ?? (contentType?.contains("json") == true ? "jsonl" : "csv")
        guard guess == "csv" || guess == "jsonl" else {
            throw APIError.badRequest("format '\(guess)': a landscape dataset is a CSV (CSET style, with flag columns) or patent JSONL file")
        }
        return guess
    }

    /// Refuses what is plainly not the declared text format before it is stored.
    static func checkType(_ head: [UInt8], format: String, fileName: String) throws {
        guard !head.isEmpty else { throw APIError.badRequest("'\(fileName)' is empty: send a CSV or JSONL file") }
        if head.prefix(8192).contains(0) || String(validating: head.prefix(4096).split(separator: 0x0A).first ?? [], as: UTF8.self) == nil {
            throw APIError(.unsupportedMediaType, code: "unsupported_format", "'\(fileName)' is not UTF-8 text: send a CSV or JSONL file")
        }
        let first = head.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if format == "jsonl", first != UInt8(ascii: "{") {
            throw APIError.badRequest("'\(fileName)' line 1: a JSONL file has one JSON object per line, starting with '{'")
        }
    }

    /// Stores an upload (already in memory) as a core upload, registers the dataset and queues its import.
    func importUpload(
        bytes: [UInt8], name: String, fileName: String, format: String, user: UserRecord
    ) async throws -> (LandscapeDataset, JobRecord) {
        try Self.checkType(Array(bytes.prefix(16384)), format: format, fileName: fileName)
        let upload = try await store.createUpload(fileName: fileName, format: format, createdBy: user.id)
        var start = 0
        var sequence = 0
        repeat {
            let end = min(start + (1 << 20), bytes.count)
            try await store.appendUpload(id: upload.id, chunk: Array(bytes[start..<end]), sequence: sequence)
            sequence += 1
            start = end
        } while start < bytes.count
        return try await queueImport(uploadID: upload.id, name: name, fileName: fileName, format: format, user: user)
    }

    /// Registers a dataset for a stored upload and queues its import job.
    func queueImport(uploadID: Int64, name: String, fileName: String, format: String, user: UserRecord) async throws -> (LandscapeDataset, JobRecord) {
        let source: LandscapeDataset.Source = format == "jsonl" ? .jsonl : .csv
        let dataset = try await landscapes.createDataset(name: name, source: source, fileName: fileName, createdBy: user.id)
        let parameters = LandscapeJobParameters(
            action: .importDataset, datasetID: dataset.id, uploadID: StringID(wrappedValue: uploadID), format: format)
        let job = try await store.enqueueJob(kind: .landscape, collectionID: nil, parameters: JSONCoding.encode(parameters), createdBy: user.id)
        try await landscapes.setDatasetJob(id: dataset.id, jobID: job.id)
        try await store.audit(user: user, action: "import landscape dataset", target: "dataset \(dataset.id)", details: "\(name) (\(fileName))")
        var updated = dataset
        updated.jobID = job.id
        return (updated, job)
    }

    /// Registers a dataset over a collection's documents and queues its import job.
    func importCollection(_ collectionID: Int64, name: String?, user: UserRecord) async throws -> (LandscapeDataset, JobRecord) {
        guard let collection = try await store.collection(id: collectionID) else { throw APIError.notFound("collection \(collectionID)") }
        let dataset = try await landscapes.createDataset(
            name: name ?? collection.name, source: .collection, fileName: collection.name, collectionID: collection.id, createdBy: user.id)
        let parameters = LandscapeJobParameters(action: .importDataset, datasetID: dataset.id)
        let job = try await store.enqueueJob(kind: .landscape, collectionID: collection.id, parameters: JSONCoding.encode(parameters), createdBy: user.id)
        try await landscapes.setDatasetJob(id: dataset.id, jobID: job.id)
        try await store.audit(user: user, action: "import landscape dataset", target: "dataset \(dataset.id)", details: "collection \(collection.name)")
        var updated = dataset
        updated.jobID = job.id
        return (updated, job)
    }

    /// The definition to run: uploaded JSON (validated now: 400 with the JSON path) or the shipped AI definition.
    static func definition(json: Data?) throws -> (LandscapeDefinition, String) {
        if let json, !json.isEmpty {
            let definition = try LandscapeDefinition.parse(json, file: "definition")
            return (definition, String(decoding: json, as: UTF8.self))
        }
        let definition = try LandscapeDefinition.artificialIntelligence()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (definition, String(decoding: try encoder.encode(definition), as: UTF8.self))
    }

    /// Queues a report run of a ready dataset.
    func runReport(
        dataset: LandscapeDataset, definitionJSON: Data?, options: ReportOptions, name: String?, user: UserRecord
    ) async throws -> (LandscapeReportRecord, JobRecord) {
        guard dataset.status == .ready else {
            throw APIError(.conflict, code: "conflict", "dataset '\(dataset.name)' is \(dataset.status.rawValue): wait until its import is done")
        }
        if let start = options.growthStart, let end = options.growthEnd, start >= end {
            throw APIError.badRequest("growth window \(start)–\(end): the first year must come before the last")
        }
        guard (1...500).contains(options.topApplicants) else {
            throw APIError.badRequest("top_n \(options.topApplicants): use a whole number from 1 to 500")
        }
        let (definition, text) = try Self.definition(json: definitionJSON)
        let report = try await landscapes.createReport(
            datasetID: dataset.id, name: name?.isEmpty == false ? name! : definition.name, definition: text, options: options, createdBy: user.id)
        let parameters = LandscapeJobParameters(
            action: .report, datasetID: dataset.id, reportID: StringID(wrappedValue: report.id))
        let job = try await store.enqueueJob(kind: .landscape, collectionID: nil, parameters: JSONCoding.encode(parameters), createdBy: user.id)
        try await landscapes.setReportJob(id: report.id, jobID: job.id)
        var updated = report
        updated.jobID = job.id
        return (updated, job)
    }

    /// Runs a query on a dataset's stored index: the hit count and the first `limit` ids.
    /// - Throws: 400 with the position for a syntax error; 409 when the dataset has no texts.
    func search(_ dataset: LandscapeDataset, query: String, limit: Int) async throws -> (count: Int, ids: [String], milliseconds: Double) {
        let parsed = try PatentQuery(parsing: query)
        guard let index = try await LandscapeIndexCache.shared.index(dataset, landscapes) else {
            throw APIError(.conflict, code: "no_index", "dataset '\(dataset.name)' has no texts to search (a flag-only CSV); upload JSONL with titles or abstracts")
        }
        let start = ContinuousClock.now
        let hits = index.search(parsed)
        var ids: [String] = []
        for number in hits {
            if ids.count >= limit { break }
            ids.append(index.documentID(number))
        }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return (hits.count, ids, milliseconds)
    }
}

/// The stored indexes of the last datasets searched, so queries do not reload them. A dataset's
/// index never changes after its import (a new import is a new dataset), so entries stay valid.
final class LandscapeIndexCache: Sendable {
    static let shared = LandscapeIndexCache()
    private let entries = Mutex<[(id: Int64, index: SearchIndex)]>([])

    func index(_ dataset: LandscapeDataset, _ landscapes: LandscapeStore) async throws(IPAIError) -> SearchIndex? {
        if let hit = entries.withLock({ list in list.first { $0.id == dataset.id }?.index }) { return hit }
        guard dataset.indexBytes > 0, let index = try await landscapes.index(datasetID: dataset.id) else { return nil }
        entries.withLock { list in
            list.removeAll { $0.id == dataset.id }
            list.insert((dataset.id, index), at: 0)
            if list.count > 2 { list.removeLast() }
        }
        return index
    }

    func forget(_ id: Int64) {
        entries.withLock { list in list.removeAll { $0.id == id } }
    }
}
