import Core

/// The image formats IPAI reads, recognised by their first bytes (never by file name or declared type).
public enum ImageFormat: String, Sendable, CaseIterable {
    case png
    case jpeg
    case gif
    case svg

    /// The MIME type of the format.
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .svg: "image/svg+xml"
        }
    }

    /// The format of `bytes` by its magic number (SVG: an XML document whose first element is `<svg`).
    /// Anything else is refused with ``IPAIError/Code/unsupportedFormat``, saying what the data looks like.
    public static func detect(_ bytes: [UInt8], name: String = "the image") throws(IPAIError) -> ImageFormat {
        if let format = sniff(bytes) { return format }
        throw IPAIError(
            .unsupportedFormat,
            "'\(name)' is not a PNG, JPEG, GIF or SVG image (it starts with \(describeStart(bytes))); send the mark as PNG, JPEG, GIF or SVG",
            at: InputLocation(field: "image")
        )
    }

    /// The format, or nil when the bytes are none of the four.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return .gif }
        if looksLikeSVG(bytes) { return .svg }
        return nil
    }

    /// An XML document (optional UTF-8 byte-order mark, white space, XML declaration, comments, DOCTYPE)
    /// whose first element is `svg` (with or without a namespace prefix), within the first 4 KiB.
    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let head = Array(bytes[start..<Swift.min(bytes.count, start + 4096)])
        guard let first = head.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }),
              head[first] == UInt8(ascii: "<") else { return false }
        let text = String(decoding: head[first...], as: UTF8.self)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let tag = rest[open...]
            if tag.hasPrefix("<?") {
                guard let end = tag.range(of: "?>") else { return false }
                rest = tag[end.upperBound...]
            } else if tag.hasPrefix("<!--") {
                guard let end = tag.range(of: "-->") else { return false }
                rest = tag[end.upperBound...]
            } else if tag.hasPrefix("<!") {
                // DOCTYPE, possibly with an internal subset in brackets.
                var depth = 0
                var index = tag.startIndex
                var closed = false
                while index < tag.endIndex {
                    let character = tag[index]
                    if character == "[" { depth += 1 }
                    if character == "]" { depth -= 1 }
                    if character == ">" && depth <= 0 { closed = true; break }
                    index = tag.index(after: index)
                }
                guard closed else { return false }
                rest = tag[tag.index(after: index)...]
            } else {
                let name = tag.dropFirst().prefix { !($0 == " " || $0 == ">" || $0 == "/" || $0 == "\n" || $0 == "\t" || $0 == "\r") }
                return name == "svg" || name.hasSuffix(":svg")
            }
        }
        return false
    }

    /// What the first bytes look like, for error messages: a known type's name, else the bytes themselves.
    static func describeStart(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "nothing: it is empty" }
        let known: [([UInt8], String)] = [
            (Array("%PDF".utf8), "a PDF document"),
            (Array("BM".utf8), "a BMP image"),
            ([0x49, 0x49, 0x2A, 0x00], "a TIFF image"),
            ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF image"),
            (Array("PK".utf8), "a ZIP archive or office document"),
            ([0x00, 0x00, 0x01, 0x00], "a Windows icon"),
        ]
        var kind: String?
        for (magic, name) in known where bytes.starts(with: magic) { kind = name }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { kind = "a WebP image" }
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) { kind = "an ISO media file (HEIC, AVIF or video)" }
        let prefix = bytes.prefix(8)
        let printable = prefix.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let shown = printable
            ? "\"" + String(decoding: prefix, as: UTF8.self) + "\""
            : prefix.map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: " ")
        return kind.map { "\(shown), \($0)" } ?? shown
    }
}
