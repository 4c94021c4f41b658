import Classifications
import Core

/// A document with its labels at the chosen level, and where it was read from.
public struct LabelledDocument: Sendable {
    public var document: PatentDocument
    /// Labels in source order, deduplicated; the first is the main symbol if the source marks it so.
    public var labels: [ClassificationSymbol]
    public var line: Int
}

/// What an import read, kept, and left out — so that nothing is dropped silently.
public struct ImportReport: Sendable, Codable, Equatable {
    /// Records read (blank lines excluded).
    public var records = 0
    /// Documents kept.
    public var documents = 0
    /// Records skipped because they were invalid (only with `skipInvalid`).
    public var skippedInvalid = 0
    /// Documents kept out of training because they have no labels in the label field.
    public var withoutLabels = 0
    /// Documents whose text fields were all empty.
    public var withoutText = 0
    /// The first few problems, as one-line messages with file and line.
    public var problems: [String] = []

    enum CodingKeys: String, CodingKey {
        case records, documents, problems
        case skippedInvalid = "skipped_invalid", withoutLabels = "without_labels", withoutText = "without_text"
    }

    public init() {}

    mutating func note(_ error: IPAIError) {
        if problems.count < 20 { problems.append(error.description) }
    }

    /// One line for people: "7,524 documents; skipped 3 invalid records; 465 without labels".
    public var summary: String {
        var parts = ["\(documents) documents from \(records) records"]
        if skippedInvalid > 0 { parts.append("\(skippedInvalid) invalid records skipped") }
        if withoutLabels > 0 { parts.append("\(withoutLabels) without labels not used") }
        if withoutText > 0 { parts.append("\(withoutText) without text not used") }
        return parts.joined(separator: "; ")
    }
}

/// Reads a labelled corpus (JSONL or CSV) for training or evaluation.
///
/// ```swift
/// let corpus = try LabelledCorpus.read(
///     path: "train.jsonl", labels: LabelSource(field: "cpc", level: .subclass), textFields: [.abstract])
/// print(corpus.report.summary)
/// ```
public struct LabelledCorpus: Sendable {
    public var documents: [LabelledDocument]
    public var report: ImportReport

    public init(documents: [LabelledDocument], report: ImportReport) {
        self.documents = documents
        self.report = report
    }

    /// Reads every record; documents without labels or without text are counted, not kept.
    /// - Parameters:
    ///   - skipInvalid: go on after a malformed record or invalid symbol (counted in the report);
    ///     otherwise the first one throws with its file, line and field.
    ///   - requireLabels: keep only documents with labels (training, evaluation).
    public static func read(
        path: String, format: CorpusReader.Format? = nil, labels: LabelSource, textFields: [TextField],
        skipInvalid: Bool = false, requireLabels: Bool = true, progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> LabelledCorpus {
        var reader = try CorpusReader(path: path, format: format)
        var report = ImportReport()
        var documents: [LabelledDocument] = []
        let total = reader.fileSize
        while true {
            let record: CorpusReader.Record
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                report.records += 1
                guard skipInvalid else { throw error }
                report.skippedInvalid += 1
                report.note(error)
                continue
            }
            report.records += 1
            let location = InputLocation(file: path == "-" ? "<stdin>" : path, line: record.line)
            if let document = try accept(
                record.document, line: record.line, location: location, labels: labels, textFields: textFields,
                skipInvalid: skipInvalid, requireLabels: requireLabels, report: &report)
            {
                documents.append(document)
            }
            if report.records % 1000 == 0 {
                progress?.report(phase: "reading", completed: reader.bytesRead, total: total)
            }
        }
        progress?.report(phase: "reading", completed: reader.bytesRead, total: total)
        return LabelledCorpus(documents: documents, report: report)
    }

    /// Builds a corpus from documents already in memory (e.g. a stored collection), with the same
    /// checks and counts as ``read(path:format:labels:textFields:skipInvalid:requireLabels:progress:)``.
    public static func make(
        documents source: some Sequence<PatentDocument>, sourceName: String, labels: LabelSource, textFields: [TextField],
        skipInvalid: Bool = false, requireLabels: Bool = true
    ) throws(IPAIError) -> LabelledCorpus {
        var report = ImportReport()
        var documents: [LabelledDocument] = []
        for (index, document) in source.enumerated() {
            report.records += 1
            let location = InputLocation(file: sourceName, line: index + 1, field: nil, value: nil)
            if let accepted = try accept(
                document, line: index + 1, location: location, labels: labels, textFields: textFields,
                skipInvalid: skipInvalid, requireLabels: requireLabels, report: &report)
            {
                documents.append(accepted)
            }
        }
        return LabelledCorpus(documents: documents, report: report)
    }

    /// Checks one document's labels and text; counts it in the report either way.
    private static func accept(
        _ document: PatentDocument, line: Int, location: InputLocation, labels: LabelSource, textFields: [TextField],
        skipInvalid: Bool, requireLabels: Bool, report: inout ImportReport
    ) throws(IPAIError) -> LabelledDocument? {
        let symbols: [ClassificationSymbol]
        do {
            symbols = try labels.labels(of: document, location: location)
        } catch {
            guard skipInvalid else { throw error }
            report.skippedInvalid += 1
            report.note(error)
            return nil
        }
        if requireLabels && symbols.isEmpty {
            report.withoutLabels += 1
            return nil
        }
        if document.text(textFields).isEmpty {
            report.withoutText += 1
            return nil
        }
        report.documents += 1
        return LabelledDocument(document: document, labels: symbols, line: line)
    }
}
