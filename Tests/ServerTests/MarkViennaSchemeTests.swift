import Foundation
import Imaging
import Testing

@testable import Server

@Suite("API: Vienna titles from the scheme file the server was started with")
struct MarkViennaSchemeTests {
    static func schemeFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vienna-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("with --vienna-scheme, suggested codes carry their titles")
    func titles() async throws {
        let path = try Self.schemeFile("idcategory,categdesc\n26,GEOMETRICAL FIGURES AND SOLIDS\n2601,CIRCLES\n260101,Circles\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestServer.run(configure: { $0.viennaSchemeFile = path }) { api in
            let admin = try await api.adminToken()
            let disc = MarkImages.png(.disc, colour: RGBA(200, 30, 30))
            #expect(try await api.addMark(id: "M-DISC", name: "Sun", image: disc, vienna: "26.1.1", token: admin).status == .created)
            let advice = try await api.send(.post, "/api/v1/marks/suggest-vienna?count=3", token: admin, body: disc, contentType: "image/png")
            #expect(advice["titles"] as? Bool == true, "\(advice.body)")
            let section = (advice["suggestions"] as? [[String: Any]])?.first { $0["code"] as? String == "26.01.01" }
            #expect(section?["title"] as? String == "Circles", "\(advice.body)")
        }
    }

    @Test("an unreadable scheme file stops the start with a message naming the file and line")
    func badFile() async throws {
        let path = try Self.schemeFile("idcategory,categdesc\nnot-a-code,Circles\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try await TestServer.run(configure: { $0.viennaSchemeFile = path }) { _ in }
            Issue.record("the server started with a bad Vienna file")
        } catch {
            #expect("\(error)".contains(path) && "\(error)".contains(":2"), "\(error)")
        }
    }
}
