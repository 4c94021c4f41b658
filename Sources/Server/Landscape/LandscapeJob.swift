import Core
import Foundation
import Landscape
import PatentSearch
import Storage

/// What a `landscape` job does: import a dataset (from an upload or a collection) and build its
/// index, or run a landscape report over a dataset.
struct LandscapeJobParameters: Codable, Sendable {
    enum Action: String, Codable, Sendable { case importDataset = "import", report }

    var action: Action
    @StringID var datasetID: Int64
    /// Import from an upload (`csv` or `jsonl`); nil for a collection.
    var uploadID: StringID?
    var format: String?
    /// The report run.
    var reportID: StringID?

    enum CodingKeys: String, CodingKey {
        case action, datasetID = "dataset_id", uploadID = "upload_id", format, reportID = "report_id"
    }
}

/// The work of `landscape` jobs. Failures mark the dataset or report failed with the message
/// (file, line, field from the readers) and leave no records behind.
struct LandscapeJob {
    let services: ServerServices
    var store: Store { services.store }
    var landscapes: LandscapeStore { LandscapeStore(services.store) }

    /// Phases and their share of the bar; import and report phases have distinct names.
    static let plan: [(phase: String, start: Double, span: Double)] = [
        ("parsing", 0, 0.2), ("reading", 0, 0.2), ("storing", 0.2, 0.35), ("indexing", 0.55, 0.4), ("persisting", 0.95, 0.05),
        ("loading", 0, 0.25), ("categories", 0.25, 0.3), ("report", 0.55, 0.15), ("aggregating", 0.7, 0.25), ("finishing", 0.95, 0.05),
    ]

    func run(_ job: JobRecord, progress: JobProgress) async throws -> JobExecutor.Outcome {
        let parameters = try JSONCoding.decode(LandscapeJobParameters.self, job.parameters, what: "landscape job settings")
        switch parameters.action {
        case .importDataset:
            if let outcome = await attempt({ try await importDataset(parameters, progress: progress) }, failed: { message in
                try? await landscapes.failDataset(id: parameters.datasetID, message: message)
            }) { return try outcome.get() }
        case .report:
            guard let reportID = parameters.reportID?.wrappedValue else { throw IPAIError(.invalidInput, "the landscape job names no report") }
            if let outcome = await attempt({ try await report(reportID, datasetID: parameters.datasetID, progress: progress) }, failed: { message in
                try? await landscapes.setReportStatus(id: reportID, .failed, message: message)
            }) { return try outcome.get() }
        }
        throw IPAIError(.invalidInput, "the landscape job did nothing")
    }

    /// Runs `work`; on failure records the message through `failed` and returns the error as a result.
    private func attempt(
        _ work: () async throws -> JobExecutor.Outcome, failed: (String) async -> Void
    ) async -> Result<JobExecutor.Outcome, any Error>? {
        do {
            return .success(try await work())
        } catch {
            let message = (error as? IPAIError)?.description ?? "\(error)"
            await failed(message)
            return .failure(error)
        }
    }

    // MARK: Import

    func importDataset(_ parameters: LandscapeJobParameters, progress: JobProgress) async throws -> JobExecutor.Outcome {
        guard let dataset = try await landscapes.dataset(id: parameters.datasetID) else {
            throw IPAIError(.notFound, "landscape dataset \(parameters.datasetID) no longer exists")
        }
        var records: [LandscapeRecord]
        var flagNames: [String] = []
        if let uploadID = parameters.uploadID?.wrappedValue {
            let file = try await uploadFile(uploadID)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let name = dataset.fileName.isEmpty ? "upload.\(parameters.format ?? "csv")" : dataset.fileName
            if parameters.format == "jsonl" {
                progress.report(phase: "reading", completed: 0, total: 1)
                records = try await offloaded { try LandscapeRecord.readJSONL(path: file, displayName: name) }
            } else {
                let corpus = try await offloaded { try LandscapeCorpus.loadCSV(path: file, displayName: name, progress: progress) }
                flagNames = corpus.flagNames
                records = corpus.records
            }
            try? await store.deleteUpload(id: uploadID)
        } else if let collectionID = dataset.collectionID {
            records = try await collectionRecords(collectionID, progress: progress)
        } else {
            throw IPAIError(.invalidInput, "dataset \(dataset.name) has neither an upload nor a collection to read")
        }
        if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
        var notes: [String] = []
        if parameters.uploadID != nil && parameters.format != "jsonl" {
            // CSV rows are documents as the file counts them (CSET repeats some ids, mangled by a
            // spreadsheet): a repeated id gets a suffix so every row is kept and stored.
            let renamed = Self.suffixRepeatedIDs(&records)
            if renamed > 0 { notes.append("\(renamed) repeated ids kept with a suffix ~2, ~3, …") }
        } else {
            let (unique, duplicates) = LandscapeRecord.uniqued(records)
            if let first = duplicates.first { notes.append("\(duplicates.count) records repeat an earlier id and were left out (first: \(first))") }
            records = unique
        }
        let checked = records
        let names = flagNames
        // Duplicate ids and empty input are refused here, before anything is stored.
        let corpus = try await offloaded { try LandscapeCorpus(records: checked, flagNames: names) }
        try await landscapes.saveRecords(
            records, flagNames: corpus.flagNames, families: corpus.familyCount, datasetID: dataset.id, progress: progress,
            shouldStop: { progress.shouldStop() })
        // Per-family rows (first filing, applicants) let the database count every report table.
        try await landscapes.saveFamilies(corpus, records: records, datasetID: dataset.id)
        var indexBytes = 0
        if records.contains(where: { $0.title != nil || $0.abstract != nil || $0.claims != nil }) {
            let documents = records.map(\.searchDocument)
            let index = try await offloaded { try SearchIndex(documents: documents, progress: progress) }
            progress.report(phase: "persisting", completed: 0, total: 1)
            try await landscapes.saveIndex(index, datasetID: dataset.id)
            indexBytes = index.bytes.count
        }
        let summary = ImportSummary(documents: corpus.documentCount, families: corpus.familyCount, flags: corpus.flagNames, indexBytes: indexBytes)
        var message = "\(corpus.documentCount) documents in \(corpus.familyCount) families"
        if !corpus.flagNames.isEmpty { message += ", \(corpus.flagNames.count) flag columns" }
        if indexBytes > 0 { message += ", index \(indexBytes / 1024) KiB" }
        if !notes.isEmpty { message += "; " + notes.joined(separator: "; ") }
        return JobExecutor.Outcome(message: message, result: JSONCoding.encode(summary))
    }

    /// Gives the second and later records of an id the suffix `~2`, `~3`, …; returns how many changed.
    static func suffixRepeatedIDs(_ records: inout [LandscapeRecord]) -> Int {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(records.count)
        var taken = Set(records.map(\.id))
        var renamed = 0
        for index in records.indices {
            let id = records[index].id
            let count = (seen[id] ?? 0) + 1
            seen[id] = count
            guard count > 1 else { continue }
            var suffix = count
            while taken.contains("\(id)~\(suffix)") { suffix += 1 }
            records[index].id = "\(id)~\(suffix)"
            taken.insert(records[index].id)
            renamed += 1
        }
        return renamed
    }

    struct ImportSummary: Codable {
        var documents: Int
        var families: Int
        var flags: [String]
        var indexBytes: Int

        enum CodingKeys: String, CodingKey { case documents, families, flags, indexBytes = "index_bytes" }
    }

    /// The upload's parts written to a temporary file (the readers work on files and name the upload in errors).
    func uploadFile(_ uploadID: Int64) async throws -> String {
        guard let upload = try await store.upload(id: uploadID) else {
            throw IPAIError(.notFound, "upload \(uploadID) no longer exists")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-landscape-upload-\(upload.id)").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for sequence in 0..<upload.chunks {
            guard let chunk = try await store.uploadChunk(id: upload.id, sequence: sequence) else {
                try? handle.close()
                throw IPAIError(.storageFailure, "upload \(upload.id) is missing part \(sequence + 1) of \(upload.chunks)")
            }
            handle.write(Data(chunk))
        }
        try handle.close()
        return path
    }

    /// A collection's documents as landscape records (every symbol field, the year as publication year).
    func collectionRecords(_ collectionID: Int64, progress: JobProgress) async throws -> [LandscapeRecord] {
        let total = try await store.documentCount(collectionID: collectionID)
        var records: [LandscapeRecord] = []
        records.reserveCapacity(total)
        var cursor: Int64? = nil
        repeat {
            let page = try await store.documents(collectionID: collectionID, limit: 1000, after: cursor)
            for item in page.items {
                let document = item.document
                records.append(LandscapeRecord(
                    id: document.id, office: document.country, publicationYear: document.year, applicants: document.applicants,
                    title: document.title, abstract: document.abstract, claims: document.claims,
                    symbols: document.symbols.keys.sorted().flatMap { document.symbols[$0] ?? [] }))
            }
            cursor = page.next
            progress.report(phase: "reading", completed: records.count, total: total)
            if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
        } while cursor != nil
        return records
    }

    // MARK: Report

    func report(_ reportID: Int64, datasetID: Int64, progress: JobProgress) async throws -> JobExecutor.Outcome {
        guard let run = try await landscapes.report(id: reportID) else { throw IPAIError(.notFound, "landscape report \(reportID) no longer exists") }
        guard let dataset = try await landscapes.dataset(id: run.datasetID), dataset.status == .ready else {
            throw IPAIError(.notFound, "the dataset of landscape report \(reportID) is gone or not imported")
        }
        try await landscapes.setReportStatus(id: reportID, .running)
        let definition = try LandscapeDefinition.parse(Data(run.definition.utf8), file: "definition of report \(run.name)")
        let options = landscapes.decodedOptions(run)
        let records = try await landscapes.records(datasetID: dataset.id, progress: progress)
        let index = try await landscapes.index(datasetID: dataset.id)
        if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
        let flagNames = dataset.flagNames
        let (categorised, built) = try await offloaded { () throws -> (CategorisedCorpus, LandscapeReport) in
            let corpus = try LandscapeCorpus(records: records, flagNames: flagNames)
            let categorised = try definition.categorise(corpus, index: index, progress: progress)
            return (categorised, try LandscapeReport(categorised, options: options, progress: progress))
        }
        var report = built
        var aggregatedIn = "memory"
        if store.dialect == .postgres {
            progress.report(phase: "aggregating", completed: 0, total: 2)
            try await landscapes.saveMembers(categorised, reportID: reportID)
            if try await !landscapes.hasFamilies(datasetID: dataset.id) {
                try await landscapes.saveFamilies(categorised.corpus, records: records, datasetID: dataset.id)
            }
            progress.report(phase: "aggregating", completed: 1, total: 2)
            report.apply(try await landscapes.aggregate(reportID: reportID, datasetID: dataset.id, topApplicants: options.topApplicants))
            aggregatedIn = "database"
        }
        progress.report(phase: "finishing", completed: 0, total: 1)
        try await landscapes.finishReport(id: reportID, report: report, aggregatedIn: aggregatedIn)
        let result = ["report_id": String(reportID), "families": String(report.summary.families), "documents": String(report.summary.documents)]
        return JobExecutor.Outcome(
            message: "\(report.summary.families) families, \(report.summary.documents) documents; \(report.tables.count) tables",
            result: JSONCoding.encode(result))
    }
}
