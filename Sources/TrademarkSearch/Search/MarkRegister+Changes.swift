import Core
import Imaging

extension MarkRegister {
    /// Adds a mark with its image (decoded and described first, so a bad image adds nothing).
    /// - Throws: `invalid_input` for a bad image or field, `conflict` for an id already in the register.
    @discardableResult
    public func add(_ details: MarkDetails, image: [UInt8]?, name: String = "image") async throws(IPAIError) -> Mark {
        let stored = try image.map { bytes throws(IPAIError) in try imaging.stored(bytes, name: name).0 }
        let mark = try await marks.add(details, image: stored)
        await published(mark.id)
        return mark
    }

    /// Adds an already described image (the importer describes images on several cores first).
    @discardableResult
    public func add(_ details: MarkDetails, stored: StoredMarkImage?, replacing: Bool) async throws(IPAIError) -> Mark {
        let mark: Mark
        if replacing, let existing = try await marks.mark(externalID: details.externalID) {
            mark = try await marks.update(id: existing.id, details: details, image: stored)
        } else {
            mark = try await marks.add(details, image: stored)
        }
        guard let stored else {
            await published(mark.id)
            return mark
        }
        // The signature is at hand: index it without reading it back.
        let indexed = IndexedMark(
            id: mark.id, externalID: details.externalID, vienna: details.vienna, nice: details.nice, status: details.status,
            signature: stored.signature, signatureVersion: stored.signatureVersion)
        try state.withLock { state throws(IPAIError) in
            state.remove(mark.id)
            try state.insert(indexed)
        }
        try? await marks.store.database.notify(Self.changeMessage(mark.id))
        return mark
    }

    /// Changes a mark's data and/or image; a new image's signature is recomputed.
    /// - Throws: `not_found`, `invalid_input`, `conflict`.
    @discardableResult
    public func update(id: Int64, details: MarkDetails?, image: [UInt8]?, name: String = "image") async throws(IPAIError) -> Mark {
        let stored = try image.map { bytes throws(IPAIError) in try imaging.stored(bytes, name: name).0 }
        let mark = try await marks.update(id: id, details: details, image: stored)
        await published(mark.id)
        return mark
    }

    /// Deletes a mark; false if it was not there.
    @discardableResult
    public func delete(id: Int64) async throws(IPAIError) -> Bool {
        let deleted = try await marks.delete(id: id)
        if deleted { await published(id) }
        return deleted
    }
}
