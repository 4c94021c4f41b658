import Core
import Imaging

/// What a ``MarkRegister`` holds in memory: the index of signatures and each mark's filter fields.
struct MarkRegisterState: Sendable {
    struct Entry: Sendable {
        var externalID: String
        var vienna: [String]
        var nice: [Int]
        var status: MarkStatus
    }

    var entries: [Int64: Entry] = [:]
    var index = MarkIndex()
    /// The centre views of the marks that have one (see ``MarkPreprocessor/centre(of:)``).
    var centres = MarkIndex()

    mutating func insert(_ mark: IndexedMark) throws(IPAIError) {
        let signatures = try MarkImaging.signatures(decoding: mark.signature, version: mark.signatureVersion, of: mark.externalID)
        entries[mark.id] = Entry(externalID: mark.externalID, vienna: mark.vienna, nice: mark.nice, status: mark.status)
        index.add(mark.id, signatures.whole)
        if let centre = signatures.centre { centres.add(mark.id, centre) } else { centres.remove(mark.id) }
    }

    mutating func remove(_ id: Int64) {
        guard entries.removeValue(forKey: id) != nil else { return }
        _ = index.remove(id)
        _ = centres.remove(id)
    }
}
