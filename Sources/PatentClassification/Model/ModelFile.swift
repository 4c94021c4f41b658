import Core
import Foundation

/// The container of a trained model on disk: a magic number, a format version, JSON metadata
/// (readable without decoding the model), the binary body, and a checksum of both.
///
/// Layout (little-endian): `"IPAIMODL"`, UInt32 format version, UInt64 metadata length,
/// metadata JSON, UInt64 body length, body, UInt64 checksum of metadata and body.
/// Writing goes to a temporary file that is renamed into place, so a crash never leaves a
/// half-written model under the final name.
enum ModelFile {
    static let magic = Array("IPAIMODL".utf8)
    static let formatVersion: UInt32 = 1

    static func write(metadata: Data, body: [UInt8], to path: String) throws(IPAIError) {
        try write(encode(metadata: metadata, body: body), to: path)
    }

    /// The whole file's bytes.
    static func encode(metadata: Data, body: [UInt8]) -> [UInt8] {
        var header = BinaryWriter()
        header.writeRaw(magic)
        header.write(formatVersion)
        header.write(UInt64(metadata.count))
        let checksum = checksumOf(metadata: [UInt8](metadata), body: body[...])
        var bytes = header.bytes
        bytes.append(contentsOf: metadata)
        var middle = BinaryWriter()
        middle.write(UInt64(body.count))
        bytes.append(contentsOf: middle.bytes)
        bytes.append(contentsOf: body)
        var trailer = BinaryWriter()
        trailer.write(checksum)
        bytes.append(contentsOf: trailer.bytes)
        return bytes
    }

    /// Writes bytes to `path` through a temporary file renamed into place — unless `path` exists
    /// and is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`): that is written directly, as
    /// renaming over it would replace the device or pipe with a plain file.
    static func write(_ bytes: [UInt8], to path: String) throws(IPAIError) {
        if isSpecialFile(path) {
            try writeDirectly(bytes, to: path)
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temporary)
            // rename(2) replaces the target atomically: readers see the old or the new model, never a mix.
            guard rename(temporary.path, url.path) == 0 else {
                throw IPAIError(.fileUnwritable, "cannot move the new model into place at '\(path)': \(String(cString: strerror(errno)))")
            }
        } catch let error as IPAIError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw IPAIError(.fileUnwritable, "cannot write model to '\(path)'", cause: error)
        }
    }

    /// Whether `path` exists (following symbolic links) and is something other than a regular file.
    static func isSpecialFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) != S_IFREG
    }

    /// Writes all of `bytes` to an existing device or pipe, in place.
    private static func writeDirectly(_ bytes: [UInt8], to path: String) throws(IPAIError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IPAIError(.fileUnwritable, "cannot open '\(path)' to write the model: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw IPAIError(.fileUnwritable, "cannot write model to '\(path)': \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// The body's checksum seeded with the metadata's, so neither needs copying next to the other.
    private static func checksumOf(metadata: ArraySlice<UInt8>, body: ArraySlice<UInt8>) -> UInt64 {
        let seed = metadata.withUnsafeBytes { Checksum.of($0) }
        return body.withUnsafeBytes { Checksum.of($0, seed: seed) }
    }

    private static func checksumOf(metadata: [UInt8], body: ArraySlice<UInt8>) -> UInt64 {
        checksumOf(metadata: metadata[...], body: body)
    }

    /// Reads and verifies a model file; returns the metadata JSON and a reader over the body.
    static func read(path: String) throws(IPAIError) -> (metadata: Data, body: BinaryReader) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw IPAIError(.fileUnreadable, "cannot read model '\(path)'", cause: error)
        }
        return try parse([UInt8](data), name: path)
    }

    static func parse(_ bytes: [UInt8], name: String) throws(IPAIError) -> (metadata: Data, body: BinaryReader) {
        var reader = BinaryReader(bytes, sourceName: name)
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw IPAIError(.corruptModel, "'\(name)' is not an IPAI model file (it does not start with IPAIMODL)")
        }
        _ = try reader.readRaw(magic.count)
        let version = try reader.read(UInt32.self)
        guard version <= formatVersion else {
            throw IPAIError(
                .corruptModel,
                "'\(name)' was written in model format \(version); this ipai reads format \(formatVersion) and older — upgrade ipai")
        }
        let metadataLength = try reader.read(UInt64.self)
        guard metadataLength <= UInt64(reader.remaining) else {
            throw IPAIError(.corruptModel, "'\(name)' is truncated: the metadata runs past the end of the file")
        }
        let metadataStart = reader.position
        _ = try reader.readRaw(Int(metadataLength))
        let bodyLength = try reader.read(UInt64.self)
        guard bodyLength <= UInt64(reader.remaining), UInt64(reader.remaining) - bodyLength >= 8 else {
            throw IPAIError(
                .corruptModel,
                "'\(name)' is truncated: \(bytes.count) bytes, but its header announces \(bodyLength) more bytes of model than are left")
        }
        let bodyStart = reader.position
        _ = try reader.readRaw(Int(bodyLength))
        let stored = try reader.read(UInt64.self)
        guard reader.isAtEnd else {
            throw IPAIError(.corruptModel, "'\(name)' has \(reader.remaining) unexpected bytes after the model")
        }
        let computed = checksumOf(
            metadata: bytes[metadataStart..<metadataStart + Int(metadataLength)],
            body: bytes[bodyStart..<bodyStart + Int(bodyLength)])
        guard computed == stored else {
            throw IPAIError(.corruptModel, "'\(name)' is corrupted: its checksum does not match its contents")
        }
        let metadata = Data(bytes[metadataStart..<metadataStart + Int(metadataLength)])
        let body = BinaryReader(Array(bytes[bodyStart..<bodyStart + Int(bodyLength)]), sourceName: name)
        return (metadata, body)
    }
}
