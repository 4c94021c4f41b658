import Core
import Foundation
import Imaging
import Storage
import Synchronization

/// The register as searched: the store, plus every mark's signature and filter fields held in
/// memory (a ``MarkIndex``). A server keeps one for its life and follows other servers' changes
/// through the database's notifications (`marks:changed:<id>`); the CLI opens one per invocation.
///
/// ```swift
/// let register = try await MarkRegister.open(store)
/// let mark = try await register.add(details, image: bytes, name: "logo.png")
/// let hits = try register.search(image: queryBytes, name: "query.png", options: MarkSearchOptions(mode: .shape))
/// ```
public final class MarkRegister: Sendable {
    public let marks: MarkStore
    let state: Mutex<MarkRegisterState>
    /// How images are decoded and described (limits, pre-processing).
    public let imaging: MarkImaging

    init(marks: MarkStore, imaging: MarkImaging) {
        self.marks = marks
        self.imaging = imaging
        state = Mutex(MarkRegisterState())
    }

    /// Opens the register on `store`: migrates the marks tables and loads every signature.
    public static func open(_ store: Store, imaging: MarkImaging = MarkImaging()) async throws(IPAIError) -> MarkRegister {
        let marks = MarkStore(store)
        try await marks.migrate()
        let register = MarkRegister(marks: marks, imaging: imaging)
        try await register.upgradeSignatures()
        try await register.reload()
        return register
    }

    /// Recomputes, from the stored images, the signatures an older IPAI wrote (descriptors changed since), so
    /// a register carries over to a new version without re-importing. Idempotent: servers opening the same
    /// database at once write the same signatures.
    func upgradeSignatures() async throws(IPAIError) {
        let outdated = try await marks.outdatedSignatures(version: Int(ImageSignature.encodingVersion))
        let imaging = self.imaging
        for start in stride(from: 0, to: outdated.count, by: 256) {
            // One read and one transaction per batch of 256 marks; described on every core, as an import does.
            let batch = try await marks.originals(ids: Array(outdated[start..<min(outdated.count, start + 256)])).sorted { $0.key < $1.key }
            let described: [Result<StoredMarkImage, IPAIError>] = Parallel.map(count: batch.count) { range in
                range.map { index in
                    Result { () throws(IPAIError) in try imaging.stored(batch[index].value, name: "mark \(batch[index].key)").0 }
                }
            }
            var signatures: [(id: Int64, version: Int, data: [UInt8])] = []
            for (original, result) in zip(batch, described) {
                let stored = try result.get()
                signatures.append((original.key, stored.signatureVersion, stored.signature))
            }
            try await marks.replaceSignatures(signatures)
        }
    }

    /// Loads every signature from the store again (at start, or to resynchronise).
    public func reload() async throws(IPAIError) {
        var fresh = MarkRegisterState()
        try await marks.indexed { batch throws(IPAIError) in
            for mark in batch { try fresh.insert(mark) }
        }
        let loaded = fresh
        state.withLock { $0 = loaded }
    }

    /// How many marks are searchable.
    public var count: Int { state.withLock { $0.entries.count } }

    /// The message every server's register follows after a change of mark `id`.
    public static func changeMessage(_ id: Int64) -> String { "marks:changed:\(id)" }

    /// Brings one mark's entry in line with the store (added, changed or deleted).
    public func refresh(id: Int64) async throws(IPAIError) {
        let indexed = try await marks.indexed(id: id)
        try state.withLock { state throws(IPAIError) in
            state.remove(id)
            if let indexed { try state.insert(indexed) }
        }
    }

    /// Follows `marks:changed:<id>` notifications until the task is cancelled (servers run this).
    public func follow() async {
        for await message in marks.store.database.notifications() {
            guard message.hasPrefix("marks:changed:"), let id = Int64(message.dropFirst("marks:changed:".count)) else { continue }
            try? await refresh(id: id)
        }
    }

    func published(_ id: Int64) async {
        try? await refresh(id: id)
        try? await marks.store.database.notify(Self.changeMessage(id))
    }
}
