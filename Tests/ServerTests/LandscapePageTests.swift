import Foundation
import HTTPTypes
import Landscape
import NIOCore
import Storage
import Testing
@testable import Server

@Suite("Landscape pages")
struct LandscapePageTests {
    /// A page request with a session cookie.
    static func page(
        _ api: API, _ method: HTTPRequest.Method, _ path: String, cookie: String, body: [UInt8]? = nil, contentType: String? = nil
    ) async throws -> Reply {
        var headers = HTTPFields()
        headers[.cookie] = "ipai_session=\(cookie)"
        if let contentType { headers[.contentType] = contentType }
        let response = try await api.client.executeRequest(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    static func session(_ api: API, _ name: String, _ role: Role) async throws -> String {
        _ = try await api.services.store.createUser(
            username: name, passwordHash: api.services.hasher.hash("a long password 1"), role: role, mustChangePassword: false)
        return try #require(try await api.signIn(name, "a long password 1").cookie)
    }

    static func formToken(_ html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("an examiner uploads a CSV, runs a landscape with their own definition and reads the report with its downloads")
    func uploadRunRead() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let examiner = try await Self.session(api, "erin", .examiner)
            let index = try await Self.page(api, .get, "/landscapes", cookie: examiner)
            #expect(index.status == .ok)
            #expect(index.body.contains("href=\"/landscapes\" aria-current=\"page\""), "the navigation links the page")
            #expect(index.body.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(Self.formToken(index.body))

            let upload = MarkImages.multipart(
                fields: [("_csrf", csrf), ("name", "Tiny <set>")], files: [("file", "tiny.csv", "text/csv", Array(LandscapeAPITests.csv.utf8))])
            let created = try await Self.page(api, .post, "/landscapes/datasets", cookie: examiner, body: upload.body, contentType: upload.contentType)
            #expect(created.status == .seeOther || created.status == .found, "\(created.body)")
            let location = try #require(created.headers[.location])
            let datasetID = try #require(Int64(location.split(separator: "/").last ?? ""))
            let dataset = try #require(try await LandscapeStore(api.services.store).dataset(id: datasetID))
            let importJob = try await api.waitForJob(String(try #require(dataset.jobID)), token: token)
            #expect(importJob.string("status") == "done", "\(importJob.body)")

            let datasetPage = try await Self.page(api, .get, location, cookie: examiner)
            #expect(datasetPage.body.contains("Tiny &lt;set&gt;"))
            #expect(!datasetPage.body.contains("Tiny <set>"))
            #expect(datasetPage.body.contains("<code>Machine_Learning</code>"))
            #expect(datasetPage.body.contains("name=\"definition_source\""))
            let runToken = try #require(Self.formToken(datasetPage.body))
            let run = MarkImages.multipart(
                fields: [("_csrf", runToken), ("definition_source", "file"), ("name", "Tiny run"), ("growth_start", "2015"), ("growth_end", "2017"), ("top_n", "5")],
                files: [("definition", "tiny.json", "application/json", Array(LandscapeAPITests.definition.utf8))])
            let started = try await Self.page(api, .post, "/landscapes/datasets/\(datasetID)/reports", cookie: examiner, body: run.body, contentType: run.contentType)
            let reportLocation = try #require(started.headers[.location], "\(started.body)")
            let reportID = try #require(Int64(reportLocation.split(separator: "/").last ?? ""))
            let record = try #require(try await LandscapeStore(api.services.store).report(id: reportID))
            let runJob = try await api.waitForJob(String(try #require(record.jobID)), token: token)
            #expect(runJob.string("status") == "done", "\(runJob.body)")

            let reportPage = try await Self.page(api, .get, reportLocation, cookie: examiner)
            #expect(reportPage.status == .ok)
            #expect(reportPage.body.contains("<iframe class=\"landscape-report\" src=\"/api/v1/landscapes/reports/\(reportID)/report.html\""))
            #expect(reportPage.body.contains("/api/v1/landscapes/reports/\(reportID)/tables/families_per_year.csv"))
            #expect(reportPage.body.contains("/api/v1/landscapes/reports/\(reportID)/report.json"))
            #expect(reportPage.body.contains("4 documents in 3 families."))
            // The embedded report is readable with the page's session.
            let html = try await Self.page(api, .get, "/api/v1/landscapes/reports/\(reportID)/report.html", cookie: examiner)
            #expect(html.status == .ok)
            #expect(html.body.contains("Tiny AI"))
        }
    }

    @Test("a viewer sees datasets but no forms; the page speaks every language")
    func viewerAndLanguages() async throws {
        try await TestServer.run { api in
            let viewer = try await Self.session(api, "vic", .viewer)
            let english = try await Self.page(api, .get, "/landscapes", cookie: viewer)
            #expect(english.body.contains("Patent landscapes"))
            #expect(!english.body.contains("action=\"/landscapes/datasets\""))
            let french = try await Self.page(api, .get, "/landscapes?lang=fr", cookie: viewer)
            #expect(french.body.contains("Panoramas de brevets"))
            let arabic = try await Self.page(api, .get, "/landscapes?lang=ar", cookie: viewer)
            #expect(arabic.body.contains("dir=\"rtl\""))
            #expect(arabic.body.contains("خرائط البراءات"))
            let refused = try await Self.page(api, .post, "/landscapes/datasets", cookie: viewer, body: [], contentType: "application/x-www-form-urlencoded")
            #expect(refused.status == .forbidden)
        }
    }
}
