import Core

/// One JSON object whose values matter only when they are strings: the shape of a JSONL scheme line.
///
/// Scheme files hold tens of thousands of such lines; reading them straight from bytes is several
/// times faster than a general JSON parser and gives precise messages. Numbers, booleans and null
/// are kept as text; nested arrays and objects are validated and skipped.
struct FlatJSONObject {
    enum Value: Equatable {
        /// A string, unescaped.
        case string(String)
        /// A number, `true`, `false` or `null`, as written.
        case scalar(String)
        /// An array or object (skipped).
        case nested
    }

    /// Fields in file order.
    private(set) var fields: [(key: String, value: Value)] = []

    /// Parses `bytes` as exactly one JSON object.
    ///
    /// - Throws: `IPAIError` (`invalid_input`) saying what was expected at which column.
    init(bytes: UnsafeBufferPointer<UInt8>) throws(IPAIError) {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        try reader.expect(UInt8(ascii: "{"), "a JSON object starting with '{'")
        reader.skipSpace()
        if reader.peek == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            while true {
                reader.skipSpace()
                guard reader.peek == UInt8(ascii: "\"") else { throw reader.failure("expected a quoted field name") }
                let key = try reader.string()
                reader.skipSpace()
                try reader.expect(UInt8(ascii: ":"), "':' after field name \"\(key)\"")
                reader.skipSpace()
                fields.append((key, try reader.value()))
                reader.skipSpace()
                if reader.peek == UInt8(ascii: ",") {
                    reader.index += 1
                    continue
                }
                try reader.expect(UInt8(ascii: "}"), "',' or '}' after the value of \"\(key)\"")
                break
            }
        }
        reader.skipSpace()
        guard reader.index == bytes.count else { throw reader.failure("unexpected text after the JSON object") }
    }


    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

        static func endsScalar(_ byte: UInt8) -> Bool {
            isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(IPAIError) {
            guard peek == byte else { throw failure("expected \(what)") }
            index += 1
        }

        func failure(_ message: String) -> IPAIError {
            let found = index < bytes.count ? "found '\(Unicode.Scalar(bytes[index]).escaped(asASCII: false))'" : "found the end of the line"
            return IPAIError(.invalidInput, "not valid JSON: \(message) at column \(index + 1), \(found)")
        }

        mutating func value() throws(IPAIError) -> Value {
            switch peek {
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipNested()
                return .nested
            default:
                let start = index
                while index < bytes.count, !Self.endsScalar(bytes[index]) { index += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                guard text == "true" || text == "false" || text == "null" || Double(text) != nil else {
                    index = start
                    throw failure("expected a value")
                }
                return .scalar(text)
            }
        }

        mutating func skipNested() throws(IPAIError) {
            var stack: [UInt8] = []
            repeat {
                guard let byte = peek else { throw failure("unterminated array or object") }
                switch byte {
                case UInt8(ascii: "\""):
                    _ = try string()
                    continue
                case UInt8(ascii: "{"): stack.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): stack.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard stack.popLast() == byte else { throw failure("mismatched bracket") }
                default: break
                }
                index += 1
            } while !stack.isEmpty
        }

        /// A quoted string starting at `index`, unescaped.
        mutating func string() throws(IPAIError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes, the common case in scheme files.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
            guard index < bytes.count else { throw failure("unterminated string") }
            if bytes[index] == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            var scalars = Array(bytes[start..<index])
            while true {
                guard let byte = peek else { throw failure("unterminated string") }
                index += 1
                if byte == UInt8(ascii: "\"") { break }
                guard byte == UInt8(ascii: "\\") else {
                    scalars.append(byte)
                    continue
                }
                guard let escaped = peek else { throw failure("unterminated string") }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), peek == UInt8(ascii: "\\"), index + 1 < bytes.count,
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    scalars.append(contentsOf: Array(String(scalar).utf8))
                default:
                    index -= 1
                    throw failure("invalid escape in string")
                }
            }
            return String(decoding: scalars, as: UTF8.self)
        }

        mutating func hex4() throws(IPAIError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("\\u needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 48
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 87
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 55
                default: throw failure("\\u needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
