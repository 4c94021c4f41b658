import Foundation

/// The one error type every IPAI module throws.
///
/// An `IPAIError` carries a stable machine-readable ``code`` (the HTTP edge maps it to a status,
/// scripts can match on it), a message a person can act on, and where the problem is
/// (file, line, field, value) when the input had a place.
///
/// ```swift
/// throw IPAIError(.invalidSymbol, "'G06X 17/30' is not an IPC symbol: class G06 has no subclass X")
/// ```
public struct IPAIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier of the kind of failure, e.g. `invalid_symbol`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var code: Code
    /// What is wrong and, where it helps, what to do about it.
    public var message: String
    /// Where the offending input is, if it came from a file or a record.
    public var location: InputLocation?
    /// A description of the underlying error, if this one wraps another.
    public var cause: String?

    public init(_ code: Code, _ message: String, at location: InputLocation? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause.map(Self.describe)
    }

    /// The useful part of another error's description: Foundation's JSON and decoding errors carry
    /// their explanation in a debug description buried in the default `Error Domain=… Code=…` text.
    static func describe(_ error: any Error) -> String {
        if let error = error as? IPAIError { return error.description }
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
                 .valueNotFound(_, let context):
                return context.debugDescription
            @unknown default:
                return String(describing: error)
            }
        }
        let bridged = error as NSError
        if let debug = bridged.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        if bridged.domain == NSCocoaErrorDomain || bridged.domain == NSPOSIXErrorDomain {
            return bridged.localizedDescription
        }
        return String(describing: error)
    }

    /// One line: `file:line: field 'x': message (cause)`.
    public var description: String {
        var text = ""
        if let location, !location.description.isEmpty { text += location.description + ": " }
        text += message
        if let cause { text += " (\(cause))" }
        return text
    }
}

extension IPAIError.Code {
    public static let invalidArgument = Self("invalid_argument")
    public static let invalidInput = Self("invalid_input")
    public static let invalidSymbol = Self("invalid_symbol")
    public static let notFound = Self("not_found")
    public static let fileUnreadable = Self("file_unreadable")
    public static let fileUnwritable = Self("file_unwritable")
    public static let corruptModel = Self("corrupt_model")
    public static let unsupportedFormat = Self("unsupported_format")
    public static let emptyInput = Self("empty_input")
    public static let cancelled = Self("cancelled")
    /// The caller may not do this (wrong participant category, not the panel's moderator…).
    public static let forbidden = Self("forbidden")
}

/// Where in the input a problem was found. Every part is optional; `description` prints the known parts.
public struct InputLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    /// 1-based line (JSONL, CSV record start, TSV).
    public var line: Int?
    public var field: String?
    public var value: String?

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, value: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value
    }

    public var description: String {
        var parts: [String] = []
        switch (file, line) {
        case let (file?, line?): parts.append("\(file):\(line)")
        case let (file?, nil): parts.append(file)
        case let (nil, line?): parts.append("line \(line)")
        case (nil, nil): break
        }
        if let field { parts.append("field '\(field)'") }
        if let value {
            let shown = value.count > 60 ? String(value.prefix(57)) + "..." : value
            parts.append("value '\(shown)'")
        }
        return parts.joined(separator: ": ")
    }
}
