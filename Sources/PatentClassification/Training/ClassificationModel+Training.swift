import Classifications
import Core
import Foundation
import Learning
import TextAnalysis

extension ClassificationModel {
    /// Trains a model on a labelled corpus.
    ///
    /// - Parameters:
    ///   - corpus: documents with labels at the level the model will suggest.
    ///   - labelSource: where the labels came from (recorded in the metadata).
    ///   - textFields: which text fields to read; the same fields are expected at prediction.
    ///   - titles: the scheme's titles; the model embeds those of its labels and, unless disabled
    ///     in `configuration`, trains on pseudo-documents built from them.
    ///   - configuration: analysis, weighting and ensemble settings.
    ///   - threads: worker threads.
    ///   - progress: receives progress of each phase.
    /// - Throws: `empty_input` if the corpus has no labelled documents.
    public static func train(
        corpus: LabelledCorpus, labelSource: LabelSource, textFields: [TextField], titles: SchemeTitles = SchemeTitles(),
        configuration: ClassifierConfiguration = ClassifierConfiguration(), source: String? = nil,
        threads: Int = Parallel.defaultThreadCount, progress: (any ProgressReporter)? = nil
    ) throws(IPAIError) -> ClassificationModel {
        let started = Date()
        let documents = corpus.documents
        guard !documents.isEmpty else {
            throw IPAIError(.emptyInput, "the corpus has no documents with labels in field '\(labelSource.field)' and text in \(textFields.map(\.rawValue).joined(separator: ", "))")
        }
        try configuration.analyzer.validate()
        let detector = LanguageDetector()
        let texts = documents.map { $0.document.text(textFields) }
        let languages: [Language] = Parallel.map(count: texts.count, threads: threads) { range in
            range.map { index in
                documents[index].document.language.flatMap(Language.init(code:)) ?? detector.detect(texts[index])
            }
        }
        progress?.report(phase: "vectorising", completed: 0, total: texts.count)
        let analyzer = Analyzer(configuration: configuration.analyzer)
        let vectorizer = Vectorizer(
            fitting: zip(texts, languages).lazy.map { (text: $0.0, language: Optional($0.1)) },
            analyzer: analyzer, options: configuration.vocabulary, weighting: configuration.weighting)
        var rows = vectorizer.vectors(for: texts, languages: languages, threads: threads)
        progress?.report(phase: "vectorising", completed: texts.count, total: texts.count)

        let labels = Array(Set(documents.flatMap(\.labels))).sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        var labelRows = documents.map { $0.labels.map { labelIndex[$0]! } }

        // Scheme titles as extra examples, in the corpus's main language.
        var languageCounts: [String: Int] = [:]
        for language in languages { languageCounts[language.rawValue, default: 0] += 1 }
        let mainLanguage = languageCounts.max { $0.value < $1.value }?.key ?? "en"
        var schemeDocumentCount = 0
        if configuration.schemeDocuments && !titles.isEmpty {
            let pseudo = SchemeDocuments.make(for: labels, titles: titles, language: titleLanguage(for: mainLanguage))
            let language = Language(code: mainLanguage)
            rows += vectorizer.vectors(
                for: pseudo.map(\.text), languages: Array(repeating: language, count: pseudo.count), threads: threads)
            labelRows += pseudo.map { [Int32($0.label)] }
            schemeDocumentCount = pseudo.count
        }
        let features = SparseMatrix(rows: rows, columnCount: vectorizer.vocabulary.count)
        let targets = LabelSets(documents: labelRows, labelCount: labels.count)

        var parents: (of: [Int32], count: Int)?
        if labels.first?.level != .section {
            let parentSymbols = labels.map { $0.parent! }
            let distinct = Array(Set(parentSymbols)).sorted()
            let parentIndex = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            parents = (parentSymbols.map { parentIndex[$0]! }, distinct.count)
        }
        let labelPaths = labels.map { $0.ancestors.map(\.description) }
        try progress.checkCancellation()
        let ensemble = try Ensemble.train(
            features: features, targets: targets, documentRows: documents.count, parents: parents,
            labelPaths: labelPaths, parameters: configuration.ensemble, threads: threads, progress: progress)

        progress?.report(phase: "packing", completed: 0, total: nil)
        let metadata = ModelMetadata(
            ipaiVersion: IPAIVersion.current, createdAt: Date(), labels: labelSource, textFields: textFields,
            scheme: labelSource.scheme, schemeVersion: titles.isEmpty ? nil : titles.version,
            corpus: fingerprint(corpus, languages: languageCounts, source: source),
            configuration: configuration, labelCount: labels.count, featureCount: vectorizer.vocabulary.count,
            schemeDocumentCount: schemeDocumentCount, trainingSeconds: Date().timeIntervalSince(started),
            calibration: ensemble.calibration,
            evaluations: [])
        return ClassificationModel(
            metadata: metadata, vectorizer: vectorizer, labels: labels, ensemble: ensemble,
            titles: titles.subset(for: labels))
    }

    /// The scheme-title language for a corpus language (scheme files use `zh` for Chinese).
    static func titleLanguage(for corpusLanguage: String) -> String {
        corpusLanguage == "und" ? "en" : corpusLanguage
    }

    static func fingerprint(_ corpus: LabelledCorpus, languages: [String: Int], source: String?) -> CorpusFingerprint {
        var bytes: [UInt8] = []
        for item in corpus.documents {
            bytes.append(contentsOf: item.document.id.utf8)
            bytes.append(9)
            for label in item.labels { bytes.append(contentsOf: label.description.utf8); bytes.append(59) }
            bytes.append(10)
        }
        let digest = String(Checksum.of(bytes), radix: 16)
        return CorpusFingerprint(
            documents: corpus.documents.count, languages: languages,
            digest: String(repeating: "0", count: 16 - digest.count) + digest, source: source)
    }
}
