import Core

/// The gold labels of each training document, as label ids `0..<labelCount`, plus the inverse
/// view (documents of each label).
///
/// ```swift
/// let targets = LabelSets(documents: [[0, 2], [1]], labelCount: 3)
/// targets.documents(withLabel: 2)   // [0]
/// ```
public struct LabelSets: Sendable {
    public let labelCount: Int
    private let offsets: [Int]
    private let labels: [Int32]
    private let labelOffsets: [Int]
    private let labelDocuments: [Int32]

    /// - Parameter documents: for each document, its label ids (duplicates are removed).
    public init(documents: [[Int32]], labelCount: Int) {
        var offsets = [0]
        var labels: [Int32] = []
        var counts = [Int](repeating: 0, count: labelCount + 1)
        for set in documents {
            let unique = Array(Set(set)).sorted()
            for label in unique {
                precondition(label >= 0 && Int(label) < labelCount, "label id out of range")
                counts[Int(label) + 1] += 1
            }
            labels.append(contentsOf: unique)
            offsets.append(labels.count)
        }
        for label in 0..<labelCount { counts[label + 1] += counts[label] }
        var fill = counts
        var labelDocuments = [Int32](repeating: 0, count: labels.count)
        for document in 0..<documents.count {
            for position in offsets[document]..<offsets[document + 1] {
                let label = Int(labels[position])
                labelDocuments[fill[label]] = Int32(document)
                fill[label] += 1
            }
        }
        self.labelCount = labelCount
        self.offsets = offsets
        self.labels = labels
        self.labelOffsets = counts
        self.labelDocuments = labelDocuments
    }

    public var documentCount: Int { offsets.count - 1 }

    public func labels(ofDocument document: Int) -> ArraySlice<Int32> {
        labels[offsets[document]..<offsets[document + 1]]
    }

    /// Documents carrying `label`, in increasing order.
    public func documents(withLabel label: Int) -> ArraySlice<Int32> {
        labelDocuments[labelOffsets[label]..<labelOffsets[label + 1]]
    }

    /// Number of documents carrying each label.
    public var labelFrequencies: [Int] {
        (0..<labelCount).map { labelOffsets[$0 + 1] - labelOffsets[$0] }
    }

    /// The label sets of the listed documents, in that order.
    public func subset(_ documents: [Int]) -> LabelSets {
        LabelSets(documents: documents.map { Array(labels(ofDocument: $0)) }, labelCount: labelCount)
    }
}

extension LabelSets {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(labelCount))
        writer.write(offsets.map { UInt64($0) })
        writer.write(labels)
    }

    public init(from reader: inout BinaryReader) throws(IPAIError) {
        let labelCount = Int(try reader.read(UInt64.self))
        let offsets: [UInt64] = try reader.readArray()
        let labels: [Int32] = try reader.readArray()
        guard offsets.first == 0, offsets.last == UInt64(labels.count),
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              labels.allSatisfy({ $0 >= 0 && Int($0) < labelCount })
        else { throw reader.corrupt("inconsistent label sets") }
        let documents = zip(offsets, offsets.dropFirst()).map { Array(labels[Int($0)..<Int($1)]) }
        self.init(documents: documents, labelCount: labelCount)
    }
}
