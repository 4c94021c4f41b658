import Core
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes its output files (`-o`, `--symbols-csv`).
///
/// A regular file (or a new one) is written atomically: a temporary file beside it, renamed into
/// place, so a failed run never leaves half a file. A path that exists and is *not* a regular
/// file — `/dev/null`, `/dev/stdout`, a FIFO, a shell's process substitution — is written
/// directly: renaming over it would replace the device or pipe with a plain file.
enum OutputFile {
    /// Whether `path` exists (following symbolic links) and is something other than a regular file.
    static func isSpecial(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) != S_IFREG
    }

    /// Writes `data` to `path`: atomically for a regular or new file, directly otherwise.
    static func write(_ data: Data, to path: String) throws(IPAIError) {
        if isSpecial(path) {
            let handle = try stream(path)
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: data)
            } catch {
                throw IPAIError(.fileUnwritable, "cannot write to '\(path)'", cause: error)
            }
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw IPAIError(.fileUnwritable, "cannot write '\(path)'", cause: error)
        }
    }

    /// Opens `path` for streaming output, as a shell's `>` would: created if missing, truncated if
    /// a regular file, and never replaced (a device or FIFO stays what it is).
    static func stream(_ path: String) throws(IPAIError) -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw IPAIError(.fileUnwritable, "cannot open '\(path)' for writing: \(String(cString: strerror(errno)))")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
