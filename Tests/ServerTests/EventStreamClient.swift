import Core
import Foundation
import Glibc
import Synchronization
import Testing
import TestSupport

/// A client of a server-sent event stream over a plain socket (the test client waits for a whole
/// response, and an event stream never ends): a thread reads the stream while the test goes on.
final class EventStreamClient: Sendable {
    private let socket: Int32
    /// What the reading thread shares with the test.
    private final class Received: Sendable {
        let text = Mutex("")
    }

    private let received = Received()

    /// Opens `GET path` on 127.0.0.1:`port` with `headers` (e.g. `Authorization`).
    init(port: Int, path: String, headers: [String: String] = [:]) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw IPAIError(.storageFailure, "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw IPAIError(.storageFailure, "cannot connect to 127.0.0.1:\(port)")
        }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        _ = request.withCString { Glibc.send(fd, $0, strlen($0), 0) }
        socket = fd
        let received = self.received
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = Glibc.recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                received.text.withLock { $0 += text }
            }
        }
    }

    /// Everything received so far (headers, comments, events).
    var text: String { received.text.withLock { $0 } }

    /// Waits until the stream's first comment or event arrived (the server is sending).
    func waitUntilConnected() async throws {
        try await eventually("the event stream to open") { self.text.contains("\n\n") && self.text.contains("200") }
    }

    /// The JSON object of every `data:` line received so far, in order.
    func dataObjects() -> [[String: Any]] {
        text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any]
        }
    }

    func close() {
        Glibc.shutdown(socket, Int32(SHUT_RDWR))
        Glibc.close(socket)
    }
}
