import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension Request {
    /// ``pageLimit`` for web pages, where a bad value in a hand-edited address means the default.
    var limit: Int { (try? pageLimit) ?? 50 }
    /// ``pageCursor`` for web pages, where a bad value means the first page.
    var cursor: Int64? { (try? pageCursor) ?? nil }

    /// `?limit=` (1...1000, default 50), as the API reads it.
    /// - Throws: 400 when `limit` is not a whole number within 1...1000.
    var pageLimit: Int {
        get throws {
            guard let raw = uri.queryParameters.get("limit") else { return 50 }
            guard let value = Int(raw), (1...1000).contains(value) else {
                throw APIError.badRequest("limit '\(raw)': use a whole number from 1 to 1000")
            }
            return value
        }
    }

    /// `?cursor=` from a previous page's `next_cursor`, as the API reads it.
    /// - Throws: 400 when `cursor` is not a cursor this API returned.
    var pageCursor: Int64? {
        get throws {
            guard let raw = uri.queryParameters.get("cursor"), !raw.isEmpty else { return nil }
            guard let value = Int64(raw) else {
                throw APIError.badRequest("cursor '\(raw)': pass the next_cursor of the previous page unchanged")
            }
            return value
        }
    }

    /// An optional id in the query (`?collection_id=`).
    /// - Throws: 400 when it is present but not an id.
    func idParameter(_ name: String) throws -> Int64? {
        guard let raw = uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        guard let value = Int64(raw) else { throw APIError.badRequest("\(name) '\(raw)' is not an id") }
        return value
    }

    /// A boolean query flag (`true`/`1`/`yes` or `false`/`0`/`no`); `defaultValue` when absent.
    func flag(_ name: String, default defaultValue: Bool = false) throws -> Bool {
        guard let raw = uri.queryParameters.get(name) else { return defaultValue }
        switch raw.lowercased() {
        case "", "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("\(name) '\(raw)': use true or false")
        }
    }

    /// The JSON body decoded as `T`, at most the context's body limit.
    /// - Throws: 413 for a body over the limit; 400 naming the field for a body that is not
    ///   valid JSON or not of the expected shape.
    func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: context.maxUploadSize, what: "JSON body")
        }
        guard buffer.readableBytes > 0 else {
            throw APIError(.badRequest, code: "invalid_json", "the request body is empty; send a JSON object")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                throw APIError(.badRequest, code: "invalid_json", "the request body is not valid JSON" + (detail.map { ": \($0)" } ?? ""))
            }
            throw APIError.badRequest("the request body is not valid: \(APIErrorMiddleware.describe(error))")
        }
    }
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
