import Foundation
import HTTPTypes
import Hummingbird
import Imaging
import Logging
import Storage
import Testing
import TrademarkSearch

@testable import Server

@Suite("API: trademark image search and Vienna suggestions")
struct MarkAPITests {
    static let red = RGBA(200, 30, 30)
    static let blue = RGBA(30, 60, 200)
    static let green = RGBA(20, 150, 60)

    @Test("Examiners upload marks; viewers search by image with filters, see per-descriptor similarities, more like this and Vienna suggestions beside the baseline")
    func endToEnd() async throws {
        try await TestServer.run(configure: { $0.maxRequestBytes = 256 << 10 }) { api in
            let admin = try await api.adminToken()
            let examiner = try await api.token(forNewUser: "examiner", role: "examiner", admin: admin)
            let viewer = try await api.token(forNewUser: "viewer", role: "viewer", admin: admin)
            let disc = MarkImages.png(.disc, colour: Self.red)

            // Upload four marks drawn in code.
            var ids: [String: String] = [:]
            let uploads: [(String, String, [UInt8], String, String, String)] = [
                ("M-DISC", "Red <Sun> & Co", disc, "26.1.1", "25", "registered"),
                ("M-SQUARE", "Blue Square", MarkImages.png(.square, colour: Self.blue), "26.4.1", "9, 25", "registered"),
                ("M-TRIANGLE", "Green Peak", MarkImages.png(.triangle, colour: Self.green), "26.3.1", "35", "filed"),
                ("M-CROSS", "Red Cross", MarkImages.png(.cross, colour: Self.red), "24.13.1", "44", "registered"),
            ]
            for (id, name, image, vienna, nice, status) in uploads {
                let reply = try await api.addMark(id: id, name: name, image: image, vienna: vienna, nice: nice, status: status, token: examiner)
                #expect(reply.status == .created, "\(reply.body)")
                #expect(reply.string("external_id") == id)
                #expect((reply["image"] as? [String: Any])?["format"] as? String == "png")
                let markID = try #require(reply.string("id"))
                ids[id] = markID
            }
            let discID = try #require(ids["M-DISC"])
            let created = try await api.request(.get, "/api/v1/marks/\(discID)", as: .token(viewer))
            #expect(created.string("name") == "Red <Sun> & Co")
            #expect(created["vienna"] as? [String] == ["26.01.01"])
            #expect(created["nice"] as? [Int] == [25])
            // The office's number finds the mark too.
            #expect(try await api.request(.get, "/api/v1/marks/M-SQUARE", as: .token(viewer)).string("id") == ids["M-SQUARE"])
            let list = try await api.request(.get, "/api/v1/marks?limit=10", as: .token(viewer))
            #expect(list.items.count == 4)

            // The thumbnail is a PNG made by IPAI.
            let thumbnail = try await api.bytes("/api/v1/marks/\(discID)/image", token: viewer)
            #expect(thumbnail.status == .ok)
            #expect(thumbnail.type == "image/png")
            #expect(thumbnail.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))

            // Search by image: the same image ranks first, with each descriptor's similarity and the mark's data.
            let search = try await api.send(.post, "/api/v1/marks/search?count=10", token: viewer, body: disc, contentType: "image/png")
            #expect(search.status == .ok, "\(search.body)")
            #expect(search.string("mode") == "composite")
            let results = search.results
            #expect(results.count == 4)
            let first = try #require(results.first)
            #expect(first["id"] as? String == discID)
            #expect(first["external_id"] as? String == "M-DISC")
            let similarities = try #require(first["similarities"] as? [String: Double])
            #expect(Set(similarities.keys) == ["colour", "hog", "zernike", "contour", "hash"])
            #expect((similarities["hash"] ?? 0) > 0.95)
            #expect(first["matched_view"] as? String == "whole")
            #expect(((first["mark"] as? [String: Any])?["name"] as? String) == "Red <Sun> & Co")
            let scores = results.compactMap { $0["score"] as? Double }
            #expect(scores == scores.sorted(by: >))

            // Modes, and the same search as a multipart form.
            let form = MarkImages.multipart(fields: [], files: [("image", "query.png", "image/png", disc)])
            let shape = try await api.send(.post, "/api/v1/marks/search?mode=shape&count=2", token: viewer, body: form.body, contentType: form.contentType)
            #expect(shape.string("mode") == "shape")
            #expect(shape.results.count == 2)
            #expect(shape.results.first?["id"] as? String == discID)

            // Filters: Vienna at any level, Nice classes, status.
            let vienna = try await api.send(.post, "/api/v1/marks/search?vienna=26.4", token: viewer, body: disc, contentType: "image/png")
            #expect(vienna.results.compactMap { $0["external_id"] as? String } == ["M-SQUARE"])
            let category = try await api.send(.post, "/api/v1/marks/search?vienna=26", token: viewer, body: disc, contentType: "image/png")
            #expect(Set(category.results.compactMap { $0["external_id"] as? String }) == ["M-DISC", "M-SQUARE", "M-TRIANGLE"])
            let nice = try await api.send(.post, "/api/v1/marks/search?nice=25", token: viewer, body: disc, contentType: "image/png")
            #expect(Set(nice.results.compactMap { $0["external_id"] as? String }) == ["M-DISC", "M-SQUARE"])
            let status = try await api.send(.post, "/api/v1/marks/search?status=filed", token: viewer, body: disc, contentType: "image/png")
            #expect(status.results.compactMap { $0["external_id"] as? String } == ["M-TRIANGLE"])
            let badFilter = try await api.send(.post, "/api/v1/marks/search?nice=99", token: viewer, body: disc, contentType: "image/png")
            #expect(badFilter.status == .badRequest)
            #expect(badFilter.errorMessage?.contains("99") == true)

            // More like this: the mark itself is left out.
            let similar = try await api.request(.get, "/api/v1/marks/\(discID)/similar?count=5", as: .token(viewer))
            #expect(similar.status == .ok, "\(similar.body)")
            #expect(similar.results.count == 3)
            #expect(!similar.results.contains { $0["id"] as? String == discID })
            #expect(similar.results.allSatisfy { ($0["similarities"] as? [String: Double])?.count == 5 })

            // Vienna suggestions: the nearest labelled mark's code first, the frequency baseline beside, no titles configured.
            let advice = try await api.send(.post, "/api/v1/marks/suggest-vienna?count=3", token: viewer, body: disc, contentType: "image/png")
            #expect(advice.status == .ok, "\(advice.body)")
            let suggestions = try #require(advice["suggestions"] as? [[String: Any]])
            let baseline = try #require(advice["baseline"] as? [[String: Any]])
            #expect(suggestions.first { $0["level"] as? String == "section" }?["code"] as? String == "26.01.01")
            #expect(!baseline.isEmpty)
            #expect(advice["titles"] as? Bool == false)
            #expect((advice["neighbours"] as? [[String: Any]])?.first?["id"] as? String == discID)

            // Changes: PATCH the status, replace an image, delete; the index follows.
            let patched = try await api.request(.patch, "/api/v1/marks/M-TRIANGLE", as: .token(examiner), json: #"{"status":"registered"}"#)
            #expect(patched.string("status") == "registered", "\(patched.body)")
            #expect(patched.string("name") == "Green Peak")
            let filedNow = try await api.send(.post, "/api/v1/marks/search?status=filed", token: viewer, body: disc, contentType: "image/png")
            #expect(filedNow.results.isEmpty)
            let ring = MarkImages.png(.ring, colour: Self.blue)
            let replaced = try await api.send(.put, "/api/v1/marks/M-CROSS/image", token: examiner, body: ring, contentType: "image/png")
            #expect(replaced.status == .ok, "\(replaced.body)")
            let ringSearch = try await api.send(.post, "/api/v1/marks/search?mode=duplicate&count=1", token: viewer, body: ring, contentType: "image/png")
            #expect(ringSearch.results.first?["external_id"] as? String == "M-CROSS")
            let deleted = try await api.request(.delete, "/api/v1/marks/\(discID)", as: .token(examiner))
            #expect(deleted.status == .noContent)
            let afterDelete = try await api.send(.post, "/api/v1/marks/search", token: viewer, body: disc, contentType: "image/png")
            #expect(!afterDelete.results.contains { $0["id"] as? String == discID })
            #expect(try await api.request(.get, "/api/v1/marks/\(discID)", as: .token(viewer)).status == .notFound)

            // Changes are audited.
            let audit = try await api.services.store.auditLog(limit: 50).items
            #expect(audit.contains { $0.action == "add mark" && $0.target == "mark M-DISC" })
            #expect(audit.contains { $0.action == "delete mark" && $0.target == "mark M-DISC" })
        }
    }

    @Test("A text file is refused naming what it is, an oversized upload gets 413, a viewer cannot add, and a stranger cannot search")
    func refusals() async throws {
        try await TestServer.run(configure: { $0.maxRequestBytes = 64 << 10 }) { api in
            let admin = try await api.adminToken()
            let examiner = try await api.token(forNewUser: "examiner", role: "examiner", admin: admin)
            let viewer = try await api.token(forNewUser: "viewer", role: "viewer", admin: admin)
            let disc = MarkImages.png(.disc, colour: Self.red)

            let text = Array("Hello, this is a text file, not a mark.\n".utf8)
            let wrong = try await api.send(.post, "/api/v1/marks/search", token: viewer, body: text, contentType: "text/plain")
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "unsupported_format")
            #expect(wrong.errorMessage?.contains("text/plain") == true, "\(wrong.body)")
            #expect(wrong.errorMessage?.contains("PNG, JPEG, GIF or SVG") == true)
            let textForm = MarkImages.multipart(fields: [("id", "T-1")], files: [("image", "notes.txt", "text/plain", text)])
            let wrongAdd = try await api.send(.post, "/api/v1/marks", token: examiner, body: textForm.body, contentType: textForm.contentType)
            #expect(wrongAdd.status == .badRequest)
            #expect(wrongAdd.errorMessage?.contains("notes.txt") == true, "\(wrongAdd.body)")
            #expect(try await api.request(.get, "/api/v1/marks", as: .token(viewer)).items.isEmpty, "nothing added")

            // Over the server's request limit: 413, for a search and for an upload.
            let huge = [UInt8](repeating: 0x41, count: 100 << 10)
            let tooBig = try await api.send(.post, "/api/v1/marks/search", token: viewer, body: [0x89, 0x50, 0x4E, 0x47] + huge, contentType: "image/png")
            #expect(tooBig.status == .contentTooLarge)
            #expect(tooBig.errorCode == "payload_too_large")
            let bigForm = MarkImages.multipart(fields: [("id", "BIG")], files: [("image", "big.png", "image/png", huge)])
            let tooBigAdd = try await api.send(.post, "/api/v1/marks", token: examiner, body: bigForm.body, contentType: bigForm.contentType)
            #expect(tooBigAdd.status == .contentTooLarge)

            // Roles: a viewer cannot add or delete; without credentials nothing is readable.
            let byViewer = try await api.addMark(id: "V-1", name: "Viewer's", image: disc, token: viewer)
            #expect(byViewer.status == .forbidden)
            let added = try await api.addMark(id: "E-1", name: "Examiner's", image: disc, token: examiner)
            #expect(added.status == .created)
            #expect(try await api.request(.delete, "/api/v1/marks/E-1", as: .token(viewer)).status == .forbidden)
            #expect(try await api.request(.get, "/api/v1/marks", as: .none).status == .unauthorized)
            #expect(try await api.request(.post, "/api/v1/marks/search", as: .none, raw: "x").status == .unauthorized)

            // Bad data names the field; a duplicate number conflicts.
            let badVienna = try await api.addMark(id: "E-2", name: "x", image: disc, vienna: "99.99.99.99", token: examiner)
            #expect(badVienna.status == .badRequest)
            #expect(badVienna.errorMessage?.contains("vienna") == true, "\(badVienna.body)")
            let duplicate = try await api.addMark(id: "E-1", name: "again", image: disc, token: examiner)
            #expect(duplicate.status == .conflict)
        }
    }

    @Test(
        "A mark added through one server is found by a search on another server of the same PostgreSQL database",
        .enabled(if: ProcessInfo.processInfo.environment["IPAI_TEST_POSTGRES_URL"]?.isEmpty == false, "needs PostgreSQL: set IPAI_TEST_POSTGRES_URL"))
    func twoServersFollowChanges() async throws {
        let baseURL = try #require(ProcessInfo.processInfo.environment["IPAI_TEST_POSTGRES_URL"])
        let url = try await PostgresDatabase.createScratchDatabase(from: baseURL, prefix: "ipai_marks_test")
        defer { Task { await PostgresDatabase.dropScratchDatabase(url, using: baseURL) } }
        var logger = Logger(label: "ipai-test")
        logger.logLevel = .warning
        func configuration(_ instance: String) -> ServerConfiguration {
            ServerConfiguration(databaseURL: url, installDemo: false, instance: instance, passwordIterations: 1000, runsJobs: false)
        }
        let a = try await buildApplication(configuration("a"), logger: logger)
        let b = try await buildApplication(configuration("b"), logger: logger)
        try await a.application.test(.router) { _ in
            try await b.application.test(.router) { _ in
                let disc = MarkImages.png(.disc, colour: Self.red)
                // Server b starts following before a adds the mark.
                try await Task.sleep(for: .milliseconds(200))
                let mark = try await a.services.marks.add(try MarkDetails(externalID: "SHARED-1", name: "Shared"), image: disc, name: "disc.png")
                let deadline = ContinuousClock.now + .seconds(20)
                while b.services.marks.count == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                let hits = try b.services.marks.search(image: disc, options: MarkSearchOptions(count: 1))
                #expect(hits.first?.id == mark.id)
                try await a.services.marks.delete(id: mark.id)
                while b.services.marks.count == 1 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(b.services.marks.count == 0)
            }
        }
    }
}
