#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or standard input line by line in large chunks, without loading it whole.
///
/// Lines end at `\n`; a trailing `\r` is removed. Line numbers are 1-based.
/// Complexity: O(n) in the file size, one copy per line.
public final class LineReader {
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Number of the line most recently returned.
    public private(set) var lineNumber = 0
    /// Bytes consumed so far (for progress against the file size).
    public private(set) var bytesRead = 0

    /// The name errors give the input: `path` unless the caller chose another.
    public let displayName: String

    /// Opens `path`, or standard input when `path` is `-`. Errors name the input `displayName`
    /// (default: `path`), e.g. the name of an uploaded file kept under a temporary path.
    public init(path: String, displayName: String? = nil) throws(IPAIError) {
        self.path = path
        self.displayName = displayName ?? path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw IPAIError(.fileUnreadable, "cannot open '\(displayName)': \(String(cString: strerror(errno)))")
            }
            fd = descriptor
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The file's size in bytes, or nil for standard input and pipes.
    public var fileSize: Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The next line as bytes, or nil at the end of the input.
    public func nextLine() throws(IPAIError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[start..<end]
                start = buffer.count
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    /// The next line decoded as UTF-8 (invalid sequences become U+FFFD), or nil at the end.
    public func nextString() throws(IPAIError) -> String? {
        guard let bytes = try nextLine() else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func fill() throws(IPAIError) {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let chunk = 1 << 20
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + chunk)
        var readCount = 0
        var readErrno: Int32 = 0
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        buffer.withUnsafeMutableBytes { raw in
            repeat {
                readCount = read(fd, raw.baseAddress! + oldCount, chunk)
                readErrno = errno
            } while readCount < 0 && readErrno == EINTR
        }
        guard readCount >= 0 else {
            buffer.removeLast(chunk)
            throw IPAIError(.fileUnreadable, "cannot read '\(displayName)': \(String(cString: strerror(readErrno)))")
        }
        buffer.removeLast(chunk - readCount)
        bytesRead += readCount
        if readCount == 0 { atEnd = true }
    }
}
