import Core
import Foundation

/// The persisted form: `IPAIPSIX` magic, a `UInt32` format version, the body's byte count (`UInt64`),
/// the body, and a 64-bit checksum of the body. The body holds the columns and streams in a fixed order,
/// each count-prefixed (see ``BinaryWriter``). Little-endian.
extension SearchIndex {
    static let magic: [UInt8] = Array("IPAIPSIX".utf8)
    /// Version 1: text terms with positions, symbols, year/date/country columns, sorted id order.
    /// Version 2: and skip entries every 128 documents in the postings of frequent terms.
    static let formatVersion: UInt32 = 2

    /// The index as bytes, to store in a file or a database column; read back with ``init(bytes:sourceName:)``.
    public var bytes: [UInt8] {
        var body = BinaryWriter()
        body.write(documentIDs)
        body.write(idOrder)
        body.write(publicationYears)
        body.write(priorityYears)
        body.write(publicationDates)
        body.write(countryNumbers)
        body.write(countries)
        body.write(termBlob)
        body.write(termEnds)
        body.write(termDocumentStarts)
        body.write(termPositionStarts)
        body.write(termDocumentCounts)
        body.write(documentStream)
        body.write(positionStream)
        body.write(symbolBlob)
        body.write(symbolEnds)
        body.write(symbolStarts)
        body.write(symbolStream)
        body.write(skips.termStarts)
        body.write(skips.firstDocuments)
        body.write(skips.previousDocuments)
        body.write(skips.documentOffsets)
        body.write(skips.positionOffsets)
        var file = BinaryWriter()
        file.writeRaw(Self.magic)
        file.write(Self.formatVersion)
        file.write(UInt64(body.bytes.count))
        file.writeRaw(body.bytes)
        file.write(Checksum.of(body.bytes))
        return file.bytes
    }

    /// Reads an index from the bytes ``bytes`` produced.
    ///
    /// - Parameters:
    ///   - bytes: the persisted index.
    ///   - sourceName: names the source (a path, a database row) in error messages.
    /// - Throws: `IPAIError` `unsupported_format` if the bytes are not an IPAI search index or a newer version;
    ///   `corrupt_model` if they are truncated, fail the checksum or are inconsistent.
    public init(bytes: [UInt8], sourceName: String = "index") throws(IPAIError) {
        var reader = BinaryReader(bytes, sourceName: sourceName)
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw IPAIError(
                .unsupportedFormat,
                "\(sourceName) is not an IPAI search index (it does not start with 'IPAIPSIX'); build one with SearchIndex(documents:)")
        }
        _ = try reader.readRaw(Self.magic.count)
        let version: UInt32 = try reader.read()
        guard version == Self.formatVersion else {
            throw IPAIError(
                .unsupportedFormat,
                "\(sourceName) is a search index of format version \(version); this IPAI reads version \(Self.formatVersion): rebuild the index")
        }
        let bodyCount: UInt64 = try reader.read()
        let bodyStart = reader.position
        guard bodyCount <= UInt64(reader.remaining), Int(bodyCount) + 8 == reader.remaining else {
            throw reader.corrupt("body of \(bodyCount) bytes and checksum expected, \(reader.remaining) bytes present")
        }
        let computed = bytes.withUnsafeBytes { raw in
            Checksum.of(UnsafeRawBufferPointer(rebasing: raw[bodyStart..<bodyStart + Int(bodyCount)]))
        }
        let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: bodyStart + Int(bodyCount), as: UInt64.self) }
        guard computed == UInt64(littleEndian: stored) else {
            throw IPAIError(.corruptModel, "\(sourceName) is corrupted: its checksum does not match its contents; rebuild the index")
        }
        self.init(
            documentIDs: try reader.readStrings(), idOrder: try reader.readArray(),
            publicationYears: try reader.readArray(), priorityYears: try reader.readArray(),
            publicationDates: try reader.readArray(), countryNumbers: try reader.readArray(),
            countries: try reader.readStrings(), termBlob: try reader.readArray(), termEnds: try reader.readArray(),
            termDocumentStarts: try reader.readArray(), termPositionStarts: try reader.readArray(),
            termDocumentCounts: try reader.readArray(), documentStream: try reader.readArray(),
            positionStream: try reader.readArray(), symbolBlob: try reader.readArray(),
            symbolEnds: try reader.readArray(), symbolStarts: try reader.readArray(), symbolStream: try reader.readArray(),
            skips: SkipTable(
                termStarts: try reader.readArray(), firstDocuments: try reader.readArray(),
                previousDocuments: try reader.readArray(), documentOffsets: try reader.readArray(),
                positionOffsets: try reader.readArray()))
        guard reader.remaining == 8 else { throw reader.corrupt("\(reader.remaining - 8) unexpected bytes after the index body") }
        try validate(reader)
    }

    /// Checks that every offset stays inside its array, so a consistent-looking but wrong body cannot crash a query.
    private func validate(_ reader: BinaryReader) throws(IPAIError) {
        let count = documentIDs.count
        guard idOrder.count == count, publicationYears.count == count, priorityYears.count == count,
            publicationDates.count == count, countryNumbers.count == count
        else { throw reader.corrupt("document columns of different lengths") }
        guard idOrder.allSatisfy({ Int($0) < count }) else { throw reader.corrupt("id order out of range") }
        guard countryNumbers.allSatisfy({ Int($0) <= countries.count }) else { throw reader.corrupt("country number out of range") }
        let terms = termEnds.count
        guard termDocumentStarts.count == terms + 1, termPositionStarts.count == terms + 1, termDocumentCounts.count == terms
        else { throw reader.corrupt("term tables of different lengths") }
        guard Self.ascending(termEnds, limit: termBlob.count), Self.ascending(termDocumentStarts, limit: documentStream.count),
            Self.ascending(termPositionStarts, limit: positionStream.count)
        else { throw reader.corrupt("term offsets out of order or out of range") }
        guard symbolStarts.count == symbolEnds.count + 1, Self.ascending(symbolEnds, limit: symbolBlob.count),
            Self.ascending(symbolStarts, limit: symbolStream.count)
        else { throw reader.corrupt("symbol offsets out of order or out of range") }
        let blocks = skips.count
        guard skips.termStarts.count == terms + 1, Self.ascending(skips.termStarts, limit: blocks),
            skips.previousDocuments.count == blocks, skips.documentOffsets.count == blocks, skips.positionOffsets.count == blocks,
            skips.documentOffsets.allSatisfy({ $0 <= UInt64(documentStream.count) }),
            skips.positionOffsets.allSatisfy({ $0 <= UInt64(positionStream.count) })
        else { throw reader.corrupt("skip entries out of range") }
    }

    private static func ascending<T: FixedWidthInteger>(_ values: [T], limit: Int) -> Bool {
        var previous: T = 0
        for value in values {
            if value < previous { return false }
            previous = value
        }
        return Int(previous) <= limit
    }

    /// Reads an index file written by ``write(to:)``.
    ///
    /// - Throws: `IPAIError` `file_unreadable`, `unsupported_format` or `corrupt_model`, naming the path.
    public init(contentsOf path: String) throws(IPAIError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw IPAIError(.fileUnreadable, "cannot read the search index \(path)", at: InputLocation(file: path), cause: error)
        }
        try self.init(bytes: [UInt8](data), sourceName: path)
    }

    /// Writes the index to a file (a temporary file renamed into place, so readers never see half a file).
    ///
    /// - Throws: `IPAIError` `file_unwritable` naming the path.
    public func write(to path: String) throws(IPAIError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot write the search index to \(path)", at: InputLocation(file: path), cause: error)
        }
    }
}
