import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Imaging
import NIOCore
import Testing

@testable import Server

/// Marks drawn in code (PNG), multipart bodies and binary requests for the marks tests.
enum MarkImages {
    /// A 96×96 PNG: a filled shape of one colour on white.
    static func png(_ shape: Shape, colour: RGBA) -> [UInt8] {
        var raster = Raster(width: 96, height: 96)
        for y in 0..<96 {
            for x in 0..<96 where shape.contains(Double(x) + 0.5, Double(y) + 0.5) {
                raster[x, y] = colour
            }
        }
        return PNGEncoder.encode(raster)
    }

    enum Shape {
        case disc, square, triangle, cross, ring

        func contains(_ x: Double, _ y: Double) -> Bool {
            let (dx, dy) = (x - 48, y - 48)
            switch self {
            case .disc: return dx * dx + dy * dy <= 34 * 34
            case .square: return abs(dx) <= 30 && abs(dy) <= 30
            case .triangle: return y >= 14 && y <= 82 && abs(dx) <= (y - 14) / 2
            case .cross: return (abs(dx) <= 9 && abs(dy) <= 36) || (abs(dy) <= 9 && abs(dx) <= 36)
            case .ring: return dx * dx + dy * dy <= 36 * 36 && dx * dx + dy * dy >= 22 * 22
            }
        }
    }

    /// A `multipart/form-data` body: text fields, then files `(field, file name, type, bytes)`.
    static func multipart(
        fields: [(String, String)], files: [(String, String, String, [UInt8])], boundary: String = "ipai-test-boundary-7d1"
    ) -> (contentType: String, body: [UInt8]) {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, fileName, type, bytes) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
            body += bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }
}

extension API {
    /// A request with a binary body.
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String, body: [UInt8], contentType: String
    ) async throws -> Reply {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        headers[.contentType] = contentType
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: body))
        return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// The raw bytes of a GET.
    func bytes(_ path: String, token: String) async throws -> (status: HTTPResponse.Status, type: String?, bytes: [UInt8]) {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        let response = try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
        let buffer = response.body
        return (response.status, response.headers[.contentType], buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [])
    }

    /// Adds a mark with its image through `POST /api/v1/marks` (multipart); returns the reply.
    func addMark(
        id: String, name: String, image: [UInt8], vienna: String = "", nice: String = "", status: String = "registered", token: String
    ) async throws -> Reply {
        let form = MarkImages.multipart(
            fields: [("id", id), ("name", name), ("vienna", vienna), ("nice", nice), ("status", status)],
            files: [("image", "\(id).png", "image/png", image)])
        return try await send(.post, "/api/v1/marks", token: token, body: form.body, contentType: form.contentType)
    }
}

extension Reply {
    /// `results` of a search.
    var results: [[String: Any]] { object["results"] as? [[String: Any]] ?? [] }
}
