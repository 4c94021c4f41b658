import Core
import Foundation
import Imaging

/// Imports marks into a register from a directory of images (id = file name without extension)
/// or a JSONL manifest (`{"id", "image", "name", "vienna", "nice", "owner", "status", "filed",
/// "registered"}`, `image` relative to the manifest). Images are described on every core; each
/// mark is written in its own transaction, so a bad file costs only itself.
///
/// ```swift
/// let report = try await MarkImporter(register: register).run(path: "logos/")
/// print(report.imported, report.failures)
/// ```
public struct MarkImporter: Sendable {
    public let register: MarkRegister
    /// Worker threads describing images.
    public var threads: Int
    /// Marks described per step (then written).
    public var chunk: Int

    public init(register: MarkRegister, threads: Int = Parallel.defaultThreadCount, chunk: Int = 256) {
        self.register = register
        self.threads = max(1, threads)
        self.chunk = max(1, chunk)
    }

    /// One file that could not be imported, and why.
    public struct Failure: Sendable, Codable, Equatable {
        public var file: String
        public var reason: String
    }

    public struct Report: Sendable {
        public var imported: Int
        public var failures: [Failure]
        public var seconds: Double
    }

    /// A mark to import: its details (or why they are wrong) and where its image is.
    struct Source: Sendable {
        var file: String
        var details: Result<MarkDetails, IPAIError>
        var imagePath: String?
    }

    /// The image extensions a directory import reads.
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg"]

    /// Imports a directory or a `.jsonl` manifest. Existing marks (same id) are updated.
    /// - Parameter progress: told of each step (`import`, completed, total).
    /// - Throws: `file_unreadable` if the path cannot be read; bad entries are reported, not thrown.
    public func run(path: String, progress: (any ProgressReporter)? = nil) async throws(IPAIError) -> Report {
        let started = Date()
        let sources = try Self.sources(path)
        var imported = 0
        var failures: [Failure] = []
        var start = 0
        let imaging = register.imaging
        while start < sources.count {
            let slice = Array(sources[start..<min(sources.count, start + chunk)])
            start += slice.count
            let described: [Result<StoredMarkImage?, IPAIError>] = Parallel.map(count: slice.count, threads: threads, chunkSize: 4) { range in
                range.map { index in
                    guard let imagePath = slice[index].imagePath else { return .success(nil) }
                    guard let data = FileManager.default.contents(atPath: imagePath) else {
                        return .failure(IPAIError(.fileUnreadable, "cannot read the image", at: InputLocation(file: imagePath)))
                    }
                    let bytes = [UInt8](data)
                    let name = (imagePath as NSString).lastPathComponent
                    return Result { () throws(IPAIError) -> StoredMarkImage? in try imaging.stored(bytes, name: name).0 }
                }
            }
            for (source, image) in zip(slice, described) {
                do {
                    let details = try source.details.get()
                    try await register.add(details, stored: try image.get(), replacing: true)
                    imported += 1
                } catch {
                    failures.append(Failure(file: source.file, reason: error.description))
                }
            }
            progress?.report(phase: "import", completed: start, total: sources.count)
        }
        return Report(imported: imported, failures: failures, seconds: Date().timeIntervalSince(started))
    }

    static func sources(_ path: String) throws(IPAIError) -> [Source] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IPAIError(.fileUnreadable, "no such file or directory", at: InputLocation(file: path))
        }
        if isDirectory.boolValue { return try directorySources(path) }
        return try manifestSources(path)
    }

    static func directorySources(_ path: String) throws(IPAIError) -> [Source] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw IPAIError(.fileUnreadable, "cannot list the directory", at: InputLocation(file: path), cause: error)
        }
        return names.compactMap { name in
            let ext = (name as NSString).pathExtension.lowercased()
            guard imageExtensions.contains(ext), !name.hasPrefix(".") else { return nil }
            let file = (path as NSString).appendingPathComponent(name)
            let id = (name as NSString).deletingPathExtension
            return Source(file: file, details: Result { () throws(IPAIError) in try MarkDetails(externalID: id) }, imagePath: file)
        }
    }

    struct ManifestLine: Decodable {
        var id: String
        var image: String?
        var name: String?
        var vienna: [String]?
        var nice: [Int]?
        var owner: String?
        var status: String?
        var filed: String?
        var registered: String?
    }

    static func manifestSources(_ path: String) throws(IPAIError) -> [Source] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IPAIError(.fileUnreadable, "cannot read the manifest", at: InputLocation(file: path))
        }
        let base = (path as NSString).deletingLastPathComponent
        var sources: [Source] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            let where_ = "\(path):\(number + 1)"
            let entry: ManifestLine
            do {
                entry = try JSONDecoder().decode(ManifestLine.self, from: Data(text.utf8))
            } catch {
                sources.append(Source(
                    file: where_, details: .failure(IPAIError(.invalidInput, "not a manifest line (needs at least \"id\")", at: InputLocation(file: path, line: number + 1), cause: error)),
                    imagePath: nil))
                continue
            }
            let details = Result { () throws(IPAIError) -> MarkDetails in
                do throws(IPAIError) {
                    return try MarkDetails(
                        externalID: entry.id, name: entry.name ?? "", vienna: entry.vienna ?? [], nice: entry.nice ?? [],
                        owner: entry.owner ?? "", status: try entry.status.map { raw throws(IPAIError) in try MarkStatus.parse(raw) } ?? .filed,
                        filed: entry.filed, registered: entry.registered)
                } catch {
                    var error = error
                    error.location?.file = path
                    error.location?.line = number + 1
                    throw error
                }
            }
            let image = entry.image.map { $0.hasPrefix("/") ? $0 : (base as NSString).appendingPathComponent($0) }
            sources.append(Source(file: image ?? where_, details: details, imagePath: image))
        }
        return sources
    }
}
