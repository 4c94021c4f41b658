import Classifications
import Core
import Foundation
import PatentClassification
import Storage

/// The work of each job kind.
struct JobExecutor {
    let services: ServerServices
    var store: Store { services.store }

    struct Outcome {
        var message: String
        var result: String?
        var modelID: Int64?
    }

    /// Each kind's phases and their share of the progress bar.
    static func plan(for kind: JobKind) -> [(phase: String, start: Double, span: Double)] {
        switch kind {
        case .importDocuments: [("checking", 0, 0.3), ("importing", 0.3, 0.7)]
        case .train:
            [("loading", 0, 0.05), ("vectorising", 0.05, 0.1), ("linear", 0.15, 0.5), ("parent", 0.65, 0.2),
             ("neighbours", 0.85, 0.02), ("tree", 0.87, 0.06), ("calibrating", 0.93, 0.03), ("packing", 0.96, 0.01),
             ("saving", 0.97, 0.03)]
        case .evaluate: [("loading", 0, 0.1), ("evaluating", 0.1, 0.9)]
        case .landscape: LandscapeJob.plan
        }
    }

    func run(_ job: JobRecord, progress: JobProgress) async throws -> Outcome {
        switch job.kind {
        case .importDocuments: try await importDocuments(job, progress: progress)
        case .train: try await train(job, progress: progress)
        case .evaluate: try await evaluate(job, progress: progress)
        case .landscape: try await LandscapeJob(services: services).run(job, progress: progress)
        }
    }

    // MARK: Import

    /// Reads an upload into its collection: every record is checked first, so a bad record (without
    /// `skip_invalid`) fails the job before anything is written; then documents go in by batches.
    func importDocuments(_ job: JobRecord, progress: JobProgress) async throws -> Outcome {
        let parameters = try JSONCoding.decode(ImportParameters.self, job.parameters, what: "import settings")
        guard let collectionID = job.collectionID, try await store.collection(id: collectionID) != nil else {
            throw IPAIError(.notFound, "the collection of this import no longer exists")
        }
        guard let upload = try await store.upload(id: parameters.uploadID) else {
            throw IPAIError(.notFound, "upload \(parameters.uploadID) no longer exists")
        }
        // The upload goes to a temporary file so the corpus reader (and its line numbers) apply as for the CLI;
        // ids made from positions and every message name the upload's own file, never the temporary path.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-upload-\(upload.id).\(parameters.format)")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        for sequence in 0..<upload.chunks {
            guard let chunk = try await store.uploadChunk(id: upload.id, sequence: sequence) else {
                throw IPAIError(.storageFailure, "upload \(upload.id) is missing part \(sequence + 1) of \(upload.chunks)")
            }
            handle.write(Data(chunk))
        }
        try handle.close()
        let format = CorpusReader.Format(rawValue: parameters.format) ?? .jsonl
        let name = upload.fileName.isEmpty ? "upload.\(format.rawValue)" : upload.fileName

        // Pass 1: check every record.
        progress.report(phase: "checking", completed: 0, total: 1)
        var report = ImportReport()
        var valid = 0
        do {
            var reader = try CorpusReader(path: file.path, format: format, displayName: name)
            while true {
                do {
                    guard let _ = try reader.next() else { break }
                    valid += 1
                } catch {
                    guard parameters.skipInvalid else { throw error }
                    report.skippedInvalid += 1
                    if report.problems.count < 20 { report.problems.append(error.description) }
                }
                report.records += 1
                if report.records % 2000 == 0 {
                    progress.report(phase: "checking", completed: reader.bytesRead, total: reader.fileSize)
                    if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
                }
            }
        }
        // Pass 2: write in batches.
        progress.report(phase: "importing", completed: 0, total: valid)
        var reader = try CorpusReader(path: file.path, format: format, displayName: name)
        var batch: [PatentDocument] = []
        var written = 0
        while true {
            let record: CorpusReader.Record?
            do {
                record = try reader.next()
            } catch {
                continue
            }
            if let record { batch.append(record.document) }
            if batch.count == 500 || (record == nil && !batch.isEmpty) {
                written += try await store.upsertDocuments(batch, collectionID: collectionID)
                batch.removeAll(keepingCapacity: true)
                progress.report(phase: "importing", completed: written, total: valid)
                if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
            }
            if record == nil { break }
        }
        report.documents = written
        try? await store.deleteUpload(id: upload.id)
        return Outcome(message: report.summary, result: JSONCoding.encode(report))
    }

    // MARK: Train

    func train(_ job: JobRecord, progress: JobProgress) async throws -> Outcome {
        let parameters = try JSONCoding.decode(TrainParameters.self, job.parameters, what: "training settings")
        let labelSource = try parameters.labelSource()
        let fields = try parameters.fields()
        guard let collectionID = job.collectionID, let collection = try await store.collection(id: collectionID) else {
            throw IPAIError(.notFound, "the collection of this training job no longer exists")
        }
        let documents = try await loadDocuments(collectionID: collectionID, progress: progress)
        let corpus = try LabelledCorpus.make(
            documents: documents, sourceName: "collection '\(collection.name)'", labels: labelSource, textFields: fields,
            skipInvalid: parameters.skipInvalid)
        let titles = services.titles
        let model = try await offloaded {
            try ClassificationModel.train(
                corpus: corpus, labelSource: labelSource, textFields: fields, titles: titles,
                configuration: .recommended(for: labelSource.level), source: "collection \(collection.name)",
                progress: progress)
        }
        progress.report(phase: "saving", completed: 0, total: 1)
        if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
        let bytes = try model.serialized()
        let record = try await store.saveModel(
            collectionID: collectionID, level: labelSource.level.name, metadata: try model.metadataJSON(), data: bytes,
            activate: parameters.activate, jobID: job.id)
        if parameters.activate { services.activeModels.invalidate() }
        let result = TrainResult(
            modelID: record.id, version: record.version, documents: corpus.documents.count, labels: model.metadata.labelCount,
            seconds: model.metadata.trainingSeconds, report: corpus.report)
        return Outcome(
            message: "model \(record.version) for \(labelSource.level.name): \(corpus.report.summary); \(model.metadata.labelCount) symbols",
            result: JSONCoding.encode(result), modelID: record.id)
    }

    /// All documents of a collection, page by page.
    func loadDocuments(collectionID: Int64, progress: JobProgress) async throws -> [PatentDocument] {
        let total = try await store.documentCount(collectionID: collectionID)
        var documents: [PatentDocument] = []
        documents.reserveCapacity(total)
        var cursor: Int64? = nil
        repeat {
            let page = try await store.documents(collectionID: collectionID, limit: 1000, after: cursor)
            documents += page.items.map(\.document)
            cursor = page.next
            progress.report(phase: "loading", completed: documents.count, total: total)
            if progress.shouldStop() { throw IPAIError(.cancelled, "cancelled") }
        } while cursor != nil
        return documents
    }

    // MARK: Evaluate

    func evaluate(_ job: JobRecord, progress: JobProgress) async throws -> Outcome {
        let parameters = try JSONCoding.decode(EvaluateParameters.self, job.parameters, what: "evaluation settings")
        guard let collectionID = job.collectionID, let collection = try await store.collection(id: collectionID) else {
            throw IPAIError(.notFound, "the collection to evaluate on no longer exists")
        }
        let model = try await services.models.model(id: parameters.modelID)
        var source = model.metadata.labels
        source.firstIsMain = parameters.firstIsMain
        let documents = try await loadDocuments(collectionID: collectionID, progress: progress)
        let corpus = try LabelledCorpus.make(
            documents: documents, sourceName: "collection '\(collection.name)'", labels: source,
            textFields: model.metadata.textFields, skipInvalid: true)
        let report = try await offloaded {
            try model.evaluate(
                corpus: corpus, corpusName: collection.name, firstIsMain: parameters.firstIsMain, progress: progress)
        }
        let json = JSONCoding.encode(report)
        try await store.attachEvaluation(modelID: parameters.modelID, report: json)
        return Outcome(
            message: String(format: "%d documents: P@1 %.3f, P@3 %.3f, R@5 %.3f", report.documents, report.main.precisionAt1,
                            report.main.precisionAt3, report.main.recallAt5),
            result: json, modelID: parameters.modelID)
    }
}

struct TrainResult: Codable {
    /// Written as a string, as every stored and served id (64 bits do not fit a JavaScript number).
    @StringID var modelID: Int64
    var version: Int
    var documents: Int
    var labels: Int
    var seconds: Double
    var report: ImportReport

    enum CodingKeys: String, CodingKey {
        case modelID = "model_id", version, documents, labels, seconds, report
    }
}
