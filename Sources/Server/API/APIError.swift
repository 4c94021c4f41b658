import Core
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error as the API reports it: a status and `{"error": {"code": "...", "message": "..."}}`.
/// ``IPAIError`` codes map to statuses here, at the HTTP edge.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public init(_ error: IPAIError) {
        let status: HTTPResponse.Status
        switch error.code {
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .invalidArgument, .invalidInput, .invalidSymbol, .emptyInput, .unsupportedFormat: status = .badRequest
        case .corruptModel, .storageFailure, .fileUnreadable, .fileUnwritable: status = .internalServerError
        case .cancelled: status = .conflict
        case .forbidden: status = .forbidden
        case IPAIError.Code("image_too_large"): status = .contentTooLarge  // Imaging's limits on bytes and pixels
        default: status = .badRequest
        }
        self.init(status, code: error.code.rawValue, error.description)
    }

    public static func notFound(_ what: String) -> APIError { APIError(.notFound, code: "not_found", "\(what) does not exist") }
    public static let unauthenticated = APIError(.unauthorized, code: "unauthenticated", "sign in or send an API token (Authorization: Bearer …)")
    public static func forbidden(_ needed: String) -> APIError { APIError(.forbidden, code: "forbidden", "this needs the \(needed) role") }
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "invalid_input", message) }
    /// 413 for a body over `limit` bytes.
    static func tooLarge(limit: Int, what: String) -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large", "the \(what) is larger than the \(byteCount(limit)) this server accepts")
    }

    /// `512 bytes`, `8 KiB`, `2 GiB`.
    static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body: [String: [String: String]] = ["error": ["code": code, "message": message]]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns any error thrown by an API route into an ``APIError`` response, so clients always get
/// the documented JSON shape (Hummingbird's own errors, such as a too-large body, included).
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as IPAIError {
            throw APIError(error)
        } catch let error as HTTPError {
            let code = error.status == .contentTooLarge ? "payload_too_large" : "http_\(error.status.code)"
            throw APIError(error.status, code: code, error.body ?? error.status.reasonPhrase)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: context.maxUploadSize, what: "request body")
        } catch let error as DecodingError {
            throw APIError.badRequest("the request body is not valid: \(Self.describe(error))")
        }
    }

    /// A decoding error as "field a.b: what is wrong".
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "" : "field '\(keys)': "
        }
        switch error {
        case .keyNotFound(let key, let context): return path(context) + "missing '\(key.stringValue)'"
        case .typeMismatch(let type, let context): return path(context) + "expected \(type)"
        case .valueNotFound(_, let context): return path(context) + "missing value"
        case .dataCorrupted(let context): return path(context) + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
