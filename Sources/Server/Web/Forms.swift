import Foundation
import Hummingbird
import NIOCore

/// A submitted HTML form: `application/x-www-form-urlencoded` or `multipart/form-data`.
struct FormData: Sendable {
    struct File: Sendable {
        var fileName: String
        var contentType: String?
        var bytes: [UInt8]
    }

    var fields: [String: [String]] = [:]
    var files: [String: File] = [:]

    /// The first value of `name`, trimmed of surrounding spaces; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every value of `name` (checkboxes).
    func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// The value of `name` exactly as sent (for texts and passwords).
    func raw(_ name: String) -> String? { fields[name]?.first }

    /// Whether a checkbox was ticked.
    func isChecked(_ name: String) -> Bool { fields[name] != nil }

    /// Reads the request's form body (at most `limit` bytes).
    static func read(_ request: Request, limit: Int) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", in: contentType) else {
                throw APIError.badRequest("the form upload has no multipart boundary")
            }
            return try Multipart.parse(bytes, boundary: boundary)
        }
        return urlEncoded(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses `a=1&b=x+y`.
    static func urlEncoded(_ text: String) -> FormData {
        var form = FormData()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            form.fields[name, default: []].append(value)
        }
        return form
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `boundary` from `multipart/form-data; boundary=xyz` (quoted or not).
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pieces[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

/// A small `multipart/form-data` reader (RFC 7578) for the page forms' file fields.
enum Multipart {
    static func parse(_ body: [UInt8], boundary: String) throws -> FormData {
        let delimiter = Array("--\(boundary)".utf8)
        var form = FormData()
        var positions: [Int] = []
        var searchFrom = 0
        while let found = find(delimiter, in: body, from: searchFrom) {
            positions.append(found)
            searchFrom = found + delimiter.count
        }
        guard positions.count >= 2 else { throw APIError.badRequest("the form upload is not valid multipart data") }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            // Skip the line break after the delimiter.
            if partStart + 1 < body.count && body[partStart] == 13 && body[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            // The line break before the next delimiter belongs to the delimiter.
            if partEnd >= 2 && body[partEnd - 2] == 13 && body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd, let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: partStart), headerEnd <= partEnd
            else { continue }
            let headerText = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            let content = Array(body[(headerEnd + 4)..<max(headerEnd + 4, partEnd)])
            var name: String? = nil
            var fileName: String? = nil
            var contentType: String? = nil
            for line in headerText.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = FormData.parameter("name", in: line)
                    fileName = FormData.parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            guard let name else { continue }
            if let fileName {
                if !fileName.isEmpty || !content.isEmpty {
                    form.files[name] = FormData.File(fileName: fileName, contentType: contentType, bytes: content)
                }
            } else {
                form.fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
        }
        return form
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

/// CSRF protection for the sign-in form, before there is a session: a random token in a cookie
/// that the form must echo (double submit). Signed-in forms carry the session's token instead.
enum LoginCSRF {
    static let cookieName = "ipai_login_csrf"

    /// The token to put in the form, and the cookie to set when the browser has none yet.
    static func token(for request: Request, secure: Bool) -> (token: String, cookie: Cookie?) {
        if let existing = request.cookies[cookieName]?.value, existing.count >= 20 { return (existing, nil) }
        let token = Secrets.token(bytes: 24)
        let cookie = Cookie(
            name: cookieName, value: token, maxAge: 3600 * 12, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
        return (token, cookie)
    }

    /// Whether the form's `_csrf` matches the cookie.
    static func isValid(_ request: Request, form: FormData) -> Bool {
        guard let cookie = request.cookies[cookieName]?.value, let sent = form.raw("_csrf"), !cookie.isEmpty else { return false }
        return Secrets.equal(cookie, sent)
    }
}
