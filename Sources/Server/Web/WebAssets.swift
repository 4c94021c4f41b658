import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The interface's one style sheet and one script, from `Resources/Web`, held in memory.
enum WebAssets {
    struct Asset: Sendable {
        var contentType: String
        var bytes: [UInt8]
    }

    static let files: [String: Asset] = {
        var result: [String: Asset] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        guard let directory = Bundle.module.url(forResource: "Resources/Web", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return result }
        for file in names {
            guard let type = types[file.pathExtension], let data = try? Data(contentsOf: file) else { continue }
            result[file.lastPathComponent] = Asset(contentType: type, bytes: [UInt8](data))
        }
        return result
    }()

    /// `ipai.css` first, then the parts' style sheets in name order.
    static let styleSheets: [String] = files.keys.filter { $0.hasSuffix(".css") }.sorted { a, b in
        a == "ipai.css" ? true : b == "ipai.css" ? false : a < b
    }

    /// Changes when an asset changes, so browsers may cache them for long.
    static let version: String = {
        var combined = ""
        for name in files.keys.sorted() { combined += name + String(decoding: files[name]!.bytes, as: UTF8.self) }
        return String(Secrets.digest(combined).prefix(10))
    }()

    static func response(for name: String) -> Response {
        guard let asset = files[name] else { return Response(status: .notFound) }
        return Response(
            status: .ok,
            headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=86400"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
