import Core
import Foundation
import Hummingbird
import Imaging
import NIOCore
import TrademarkSearch

/// What the marks API and pages share: reading an uploaded image (raw body or multipart), the
/// search options from query parameters or form fields, and results with their marks.
struct MarkQuery {
    let services: ServerServices
    var register: MarkRegister { services.marks }

    /// An uploaded image: its bytes, a name for messages, and the other form fields (multipart).
    struct Upload: Sendable {
        var bytes: [UInt8]
        var name: String
        var form: FormData
        /// The media type the client declared for the file, if any.
        var declaredType: String? = nil
    }

    /// Reads the request body: a `multipart/form-data` form (the file in field `image`), or the
    /// image itself as the body (`?file_name=` names it in messages).
    /// - Throws: 413 over the server's request limit or the image limit; 400 without an image.
    func upload(_ request: Request, required: Bool = true) async throws -> Upload {
        let limit = services.configuration.maxRequestBytes
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var upload: Upload
        if contentType.hasPrefix("multipart/form-data") || contentType.hasPrefix("application/x-www-form-urlencoded") {
            let form = try await readForm(request, limit: limit)
            let file = form.files["image"]
            upload = Upload(
                bytes: file?.bytes ?? [], name: file?.fileName.isEmpty == false ? file!.fileName : "image", form: form,
                declaredType: file?.contentType)
        } else {
            let bytes = try await readBody(request, limit: limit)
            upload = Upload(
                bytes: bytes, name: request.uri.queryParameters.get("file_name") ?? "image", form: FormData(),
                declaredType: contentType.isEmpty ? nil : contentType)
        }
        if required && upload.bytes.isEmpty {
            throw APIError.badRequest("no image: send a PNG, JPEG, GIF or SVG file as the body, or as the field 'image' of a multipart form")
        }
        try checkSize(upload.bytes.count)
        upload.name = String(upload.name.prefix(200))
        if !upload.bytes.isEmpty { try Self.checkType(upload.bytes, name: upload.name, declared: upload.declaredType) }
        return upload
    }

    /// 400 naming what was sent, for anything but PNG, JPEG, GIF or SVG (before any decoding).
    static func checkType(_ bytes: [UInt8], name: String, declared: String?) throws {
        guard ImageFormat.sniff(bytes) == nil else { return }
        var message = "'\(name)' is not a PNG, JPEG, GIF or SVG image"
        do {
            _ = try ImageFormat.detect(bytes, name: name)
        } catch {
            message = error.message
        }
        if let declared, !declared.isEmpty { message += " (it was sent as \(declared))" }
        throw APIError(.badRequest, code: "unsupported_format", message)
    }

    /// 413 for an image over the register's file limit.
    func checkSize(_ count: Int) throws {
        let limit = register.imaging.maxFileBytes
        guard count <= limit else { throw APIError.tooLarge(limit: limit, what: "image (\(count) bytes)") }
    }

    func readForm(_ request: Request, limit: Int) async throws -> FormData {
        do {
            return try await FormData.read(request, limit: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit, what: "upload")
        }
    }

    func readBody(_ request: Request, limit: Int) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit, what: "upload")
        }
    }

    /// Search options from parameters: `mode`, `count`, `weights` (or `weight_shape`,
    /// `weight_colour`, `weight_duplicate`), `vienna`, `nice`, `status` (lists comma-separated or repeated).
    /// - Throws: 400 naming the parameter and value.
    static func options(_ values: (String) -> [String], defaultCount: Int = 10) throws -> MarkSearchOptions {
        func first(_ name: String) -> String? {
            values(name).map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        }
        let mode = try first("mode").map { raw throws(IPAIError) in try MarkSearchMode.parse(raw) } ?? .composite
        var count = defaultCount
        if let raw = first("count") {
            guard let value = Int(raw), (1...1000).contains(value) else {
                throw APIError.badRequest("count '\(raw)': use a whole number from 1 to 1000")
            }
            count = value
        }
        var weightsText = first("weights")
        if weightsText == nil {
            let parts = MarkSearchOptions.weightNames.compactMap { name in first("weight_\(name)").map { "\(name)=\($0)" } }
            if !parts.isEmpty { weightsText = parts.joined(separator: ",") }
        }
        var weights = try MarkSearchOptions.weights(parsing: weightsText)
        if let given = weights, given.shape + given.colour + given.duplicate <= 0 {
            // All zero means nothing to fuse: the tuned defaults.
            weights = nil
        }
        let filter = try MarkFilter(vienna: values("vienna"), nice: values("nice"), status: values("status"))
        return MarkSearchOptions(mode: mode, count: count, weights: weights, filter: filter)
    }

    /// The marks of a list of hits, by id.
    func marks(of hits: [MarkHit]) async throws -> [Int64: Mark] {
        try await register.marks.marks(ids: hits.map(\.id))
    }

    /// Hits with their marks, as the API returns them.
    func results(_ hits: [MarkHit]) async throws -> [MarkHitDTO] {
        let marks = try await marks(of: hits)
        return hits.map { MarkHitDTO($0, mark: marks[$0.id]) }
    }

    /// The mark named by a path parameter: its row id, or else the office's number.
    func mark(_ raw: String) async throws -> Mark {
        if let id = Int64(raw), let mark = try await register.marks.mark(id: id) { return mark }
        if let mark = try await register.marks.mark(externalID: raw) { return mark }
        throw APIError.notFound("mark '\(raw)'")
    }

    /// Milliseconds since `start`.
    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        let value = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return (value * 100).rounded() / 100
    }
}

extension MarkQuery {
    /// ``upload(_:required:)`` for pages: the upload, or the message to show.
    func pageUpload(_ request: Request) async -> (upload: Upload?, error: String?) {
        do {
            return (try await upload(request, required: false), nil)
        } catch let error as APIError {
            return (nil, error.message)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// ``readBody(_:limit:)`` for pages: the bytes, or the message to show.
    func pageBody(_ request: Request, limit: Int) async -> (bytes: [UInt8]?, error: String?) {
        do {
            return (try await readBody(request, limit: limit), nil)
        } catch let error as APIError {
            return (nil, error.message)
        } catch {
            return (nil, "\(error)")
        }
    }
}
