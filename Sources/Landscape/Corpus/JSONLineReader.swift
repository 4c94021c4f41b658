/// A byte-level reader for one line of JSONL holding a flat patent record: an object whose values
/// are strings, numbers, booleans, null or lists of those (anything nested deeper is skipped).
///
/// `JSONSerialization` boxes every value in Foundation objects; reading the bytes directly is several
/// times faster, which matters when a collection has a million abstracts.
struct JSONLineReader {
    enum Value {
        case string(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        case null
        /// A list; non-string items are kept as nil so a caller can refuse them.
        case list([String?])
        /// A nested object, or a list holding objects or lists.
        case nested

        /// The value as shown in an error message.
        var shown: String {
            switch self {
            case .string(let text): text
            case .integer(let value): String(value)
            case .number(let value): String(value)
            case .bool(let value): String(value)
            case .null: "null"
            case .list(let items): "[" + items.map { $0.map { "\"\($0)\"" } ?? "…" }.joined(separator: ", ") + "]"
            case .nested: "{…}"
            }
        }
    }

    /// What went wrong and at which byte (0-based) of the line.
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The members of the object on the line.
    static func object(_ line: ArraySlice<UInt8>) throws(Failure) -> [String: Value] {
        let result: Result<[String: Value], Failure> = line.withUnsafeBufferPointer { buffer in
            var reader = JSONLineReader(buffer)
            do throws(Failure) {
                return .success(try reader.readObject())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private mutating func readObject() throws(Failure) -> [String: Value] {
        skipSpace()
        try expect(UInt8(ascii: "{"), "a JSON object starting with '{'")
        var members: [String: Value] = [:]
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw fail("a member name in double quotes") }
                let key = try readString()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                skipSpace()
                members[key] = try readValue()
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}' after a value")
                break
            }
        }
        skipSpace()
        guard position == bytes.count else { throw fail("the end of the line after the object") }
        return members
    }

    private mutating func readValue() throws(Failure) -> Value {
        guard let byte = peek() else { throw fail("a value") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "["): return try readList()
        case UInt8(ascii: "{"):
            try skipNested()
            return .nested
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default: return try readNumber()
        }
    }

    private mutating func readList() throws(Failure) -> Value {
        position += 1
        var items: [String?] = []
        var nested = false
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .list([])
        }
        while true {
            skipSpace()
            switch try readValue() {
            case .string(let text): items.append(text)
            case .nested, .list: nested = true
            default: items.append(nil)
            }
            skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "]"), "',' or ']' in a list")
            return nested ? .nested : .list(items)
        }
    }

    /// Skips a nested object or list, strings and all.
    private mutating func skipNested() throws(Failure) {
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""): _ = try readString(); continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { position += 1; return }
            default: break
            }
            position += 1
        }
        throw fail("the end of a nested value")
    }

    private mutating func readNumber() throws(Failure) -> Value {
        let start = position
        var integer = true
        while let byte = peek() {
            if byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "-") {
                position += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") {
                integer = false
                position += 1
            } else {
                break
            }
        }
        guard position > start else { throw fail("a value") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if integer, let value = Int(text) { return .integer(value) }
        guard let value = Double(text) else {
            position = start
            throw fail("a number")
        }
        return .number(value)
    }

    private mutating func readString() throws(Failure) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            position += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: buffer, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else { buffer.append(byte); continue }
            guard let escape = peek() else { break }
            position += 1
            switch escape {
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), peek() == UInt8(ascii: "\\"),
                   position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) { scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(character).utf8))
            default:
                position -= 1
                throw fail("a valid escape after '\\'")
            }
        }
        throw fail("the closing '\"' of a string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw fail("four hex digits after \\u")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("a value") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw fail("a value") }
        position += count
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard peek() == byte else { throw fail(what) }
        position += 1
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0D {
            position += 1
        }
    }

    private func fail(_ expected: String) -> Failure {
        Failure(message: "expected \(expected)", offset: position)
    }
}
