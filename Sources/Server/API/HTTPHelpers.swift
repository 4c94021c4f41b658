import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension Request {
    /// `?limit=` (1...1000, default 50).
    var limit: Int { min(1000, max(1, uri.queryParameters.get("limit", as: Int.self) ?? 50)) }
    /// `?cursor=` from a previous page's `next_cursor`.
    var cursor: Int64? { uri.queryParameters.get("cursor", as: Int64.self) }
}

extension Response {
    /// A JSON response with the given status.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
