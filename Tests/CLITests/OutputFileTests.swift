import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Outputs that are not regular files — `/dev/null`, `/dev/stdout`, FIFOs, process substitution —
/// must be written in place, never replaced by renaming a temporary file over them. These tests use
/// a FIFO of their own (and a symbolic link to it, as `/dev/stdout` is one), never the real devices.
@Suite struct OutputFileTests {
    /// A FIFO that collects what is written to it while `body` runs.
    final class FIFOReader: Sendable {
        let path: String
        private let descriptor: Int32
        private let state = Mutex<(data: Data, stop: Bool)>((Data(), false))
        private let finished = DispatchSemaphore(value: 0)

        init(path: String) throws {
            self.path = path
            guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            // Non-blocking: opens at once, and a writer's open succeeds because a reader exists.
            descriptor = open(path, O_RDONLY | O_NONBLOCK)
            guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            DispatchQueue.global().async { [self] in self.drain() }
        }

        private func drain() {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                // Everything the writer wrote before `stop` was set is in the pipe: read once more after it.
                let stopping = state.withLock { $0.stop }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    state.withLock { $0.data.append(contentsOf: buffer[0..<count]) }
                    continue
                }
                if stopping { break }
                usleep(5_000)
            }
            finished.signal()
        }

        /// Stops reading (once the writer has exited) and returns everything read.
        func collected() -> Data {
            state.withLock { $0.stop = true }
            finished.wait()
            close(descriptor)
            return state.withLock { $0.data }
        }
    }

    static func isFIFO(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    @Test func batchSuggestionsGoIntoAFIFOWhichStaysAFIFO() throws {
        let directory = try CLI.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = try CLI.corpus(in: directory)
        let model = directory.appendingPathComponent("m.ipaimodel").path
        #expect(try CLI.run(["classify", "train", corpus, "-o", model]).status == 0)

        let fifo = try FIFOReader(path: directory.appendingPathComponent("out.fifo").path)
        let batch = try CLI.run(["classify", "suggest", "-m", model, "--batch", corpus, "--count", "1", "-o", fifo.path])
        let written = String(decoding: fifo.collected(), as: UTF8.self)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(Self.isFIFO(fifo.path), "the FIFO was replaced")
        #expect(written.split(separator: "\n").count == 24, "\(written)")

        // Through a symbolic link, as with -o /dev/stdout: the link and the FIFO both stay.
        let target = try FIFOReader(path: directory.appendingPathComponent("linked.fifo").path)
        let link = directory.appendingPathComponent("stdout").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        let linked = try CLI.run(["classify", "suggest", "-m", model, "--batch", corpus, "-o", link])
        let viaLink = String(decoding: target.collected(), as: UTF8.self)
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(Self.isSymbolicLink(link) && Self.isFIFO(target.path))
        #expect(viaLink.split(separator: "\n").count == 24)
    }

    @Test func aModelAndTheSymbolCSVGoIntoFIFOsWhichStayFIFOs() throws {
        let directory = try CLI.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = try CLI.corpus(in: directory)

        let modelFIFO = try FIFOReader(path: directory.appendingPathComponent("model.fifo").path)
        let train = try CLI.run(["classify", "train", corpus, "-o", modelFIFO.path])
        let bytes = modelFIFO.collected()
        #expect(train.status == 0, "\(train.stderr)")
        #expect(Self.isFIFO(modelFIFO.path), "the FIFO was replaced by the model file")
        #expect(bytes.starts(with: Data("IPAIMODL".utf8)) && bytes.count > 1000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        // The streamed model is complete: saved as a file, it loads.
        let model = directory.appendingPathComponent("m.ipaimodel").path
        try bytes.write(to: URL(fileURLWithPath: model))
        let info = try CLI.run(["classify", "info", "-m", model])
        #expect(info.status == 0, "\(info.stderr)")

        let csvFIFO = try FIFOReader(path: directory.appendingPathComponent("symbols.fifo").path)
        let evaluate = try CLI.run(["classify", "evaluate", "-m", model, corpus, "--symbols-csv", csvFIFO.path])
        let csv = String(decoding: csvFIFO.collected(), as: UTF8.self)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(Self.isFIFO(csvFIFO.path), "the FIFO was replaced by the CSV file")
        #expect(csv.contains("H01M") && csv.contains("A47J"), "\(csv)")

        // Regular files are still written (atomically) as before.
        let file = directory.appendingPathComponent("symbols.csv").path
        #expect(try CLI.run(["classify", "evaluate", "-m", model, corpus, "--symbols-csv", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == csv)
    }
}
