import Foundation
import HTTPTypes
import Hummingbird
import Imaging
import NIOCore
import Storage
import Testing
import TrademarkSearch

@testable import Server

@Suite("Web pages: trademark image search")
struct MarkPageTests {
    @Test("The marks page searches an uploaded image and shows ranked thumbnails with escaped names, descriptor bars, more like this and Vienna suggestions")
    func searchPage() async throws {
        try await WebTestServer.run { web in
            let register = web.services.marks
            let disc = MarkImages.png(.disc, colour: RGBA(200, 30, 30))
            let evil = try await register.add(
                try MarkDetails(externalID: "M<1>", name: "<script>alert(1)</script> & Sun", vienna: ["26.1.1"], nice: [25], status: .registered),
                image: disc, name: "disc.png")
            let square = try await register.add(
                try MarkDetails(externalID: "M-2", name: "Square", vienna: ["26.4.1"], status: .filed),
                image: MarkImages.png(.square, colour: RGBA(30, 60, 200)), name: "square.png")
            let viewer = try await web.session(role: .viewer, name: "vera")

            // The page: a drop zone with a plain file input in a multipart form, mode, weights, filters; recent marks escaped.
            let page = try await web.send(.get, "/marks", cookies: ["ipai_session": viewer])
            #expect(page.status == .ok)
            let html = page.body
            #expect(html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("<input type=\"file\" id=\"image\" name=\"image\""))
            #expect(html.contains("class=\"drop-zone\""))
            #expect(html.contains("name=\"mode\"") && html.contains("name=\"weight_shape\"") && html.contains("name=\"vienna\"") && html.contains("name=\"nice\""))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sun"))
            #expect(!html.contains("<script>alert(1)"))
            #expect(!html.contains("href=\"/marks/new\""), "viewers are not offered the add page")

            // Search by an uploaded image (no script needed): results ranked, explained, escaped.
            let token = try #require(page.formToken)
            let form = MarkImages.multipart(
                fields: [("_csrf", token), ("mode", "composite"), ("count", "10"), ("vienna", ""), ("nice", ""), ("status", "")],
                files: [("image", "query.png", "image/png", disc)])
            let results = try await web.send(
                .post, "/marks", cookies: ["ipai_session": viewer], body: ByteBuffer(bytes: form.body), contentType: form.contentType)
            #expect(results.status == .ok)
            let body = results.body
            let first = try #require(body.range(of: "/api/v1/marks/\(evil.id)/image"))
            let second = try #require(body.range(of: "/api/v1/marks/\(square.id)/image"))
            #expect(first.lowerBound < second.lowerBound, "the same image ranks first")
            #expect(body.contains("M&lt;1&gt;"))
            #expect(!body.contains("<script>alert(1)"))
            #expect(body.contains("class=\"descriptor-bars\""))
            #expect(body.contains("<meter"))
            #expect(body.contains("href=\"/marks?like=\(evil.id)&amp;mode=composite"))
            #expect(body.contains("id=\"vienna-suggested\"") && body.contains("id=\"vienna-baseline\""))
            #expect(body.contains("<code>26.1.1</code>"))
            #expect(body.contains("src=\"data:image/png;base64,"), "the query shown as IPAI's own PNG")
            #expect(!body.contains("class=\"matched-view\""), "the image as given matched: nothing more to say")

            // The disc's negative (its colour inverted) finds the disc, and the page says how.
            let negative = MarkImages.multipart(
                fields: [("_csrf", token), ("mode", "composite")],
                files: [("image", "negative.png", "image/png", MarkImages.png(.disc, colour: RGBA(55, 225, 225)))])
            let reversed = try await web.send(
                .post, "/marks", cookies: ["ipai_session": viewer], body: ByteBuffer(bytes: negative.body), contentType: negative.contentType)
            let hit = try #require(reversed.body.range(of: "/api/v1/marks/\(evil.id)/image"))
            let note = try #require(reversed.body.range(of: "<p class=\"matched-view\">Matched as the negative of your image</p>"))
            #expect(hit.lowerBound < note.lowerBound && reversed.body.range(of: "/api/v1/marks/\(square.id)/image").map { note.lowerBound < $0.lowerBound } ?? true,
                    "the note belongs to the first result, the disc")

            // A filter keeps only matching marks; a bad filter is explained.
            let filtered = MarkImages.multipart(
                fields: [("_csrf", token), ("mode", "shape"), ("vienna", "26.4")], files: [("image", "query.png", "image/png", disc)])
            let only = try await web.send(
                .post, "/marks", cookies: ["ipai_session": viewer], body: ByteBuffer(bytes: filtered.body), contentType: filtered.contentType)
            #expect(only.body.contains("/api/v1/marks/\(square.id)/image"))
            #expect(!only.body.contains("/api/v1/marks/\(evil.id)/image\""))

            // More like this, and the mark page.
            let like = try await web.send(.get, "/marks?like=\(square.id)", cookies: ["ipai_session": viewer])
            #expect(like.status == .ok)
            #expect(like.body.contains("/api/v1/marks/\(evil.id)/image"))
            let markPage = try await web.send(.get, "/marks/\(evil.id)", cookies: ["ipai_session": viewer])
            #expect(markPage.status == .ok)
            #expect(markPage.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sun"))
            #expect(!markPage.body.contains("<script>alert(1)"))
            #expect(markPage.body.contains("id=\"mark-similar\""))
            #expect(markPage.body.contains("26.1.1 (26.01.01)"))

            // The thumbnail works with the session cookie.
            let image = try await web.send(.get, "/api/v1/marks/\(evil.id)/image", cookies: ["ipai_session": viewer])
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")

            // Examiners' pages are refused to a viewer.
            #expect(try await web.send(.get, "/marks/new", cookies: ["ipai_session": viewer]).status == .forbidden)
        }
    }

    @Test("An examiner adds a mark with its image and imports several image files at once; bad files are named")
    func examinerPages() async throws {
        try await WebTestServer.run { web in
            let examiner = try await web.session(role: .examiner, name: "erin")
            let page = try await web.send(.get, "/marks/new", cookies: ["ipai_session": examiner])
            #expect(page.status == .ok)
            let token = try #require(page.formToken)
            let disc = MarkImages.png(.disc, colour: RGBA(200, 30, 30))
            let form = MarkImages.multipart(
                fields: [("_csrf", token), ("id", "018000001"), ("name", "Sun & Moon"), ("vienna", "1.3.1"), ("nice", "25"), ("status", "published")],
                files: [("image", "sun.png", "image/png", disc)])
            let added = try await web.send(
                .post, "/marks/new", cookies: ["ipai_session": examiner], body: ByteBuffer(bytes: form.body), contentType: form.contentType)
            #expect(added.status == .seeOther || added.status == .found, "\(added.body)")
            let mark = try #require(try await web.services.marks.marks.mark(externalID: "018000001"))
            #expect(mark.details.name == "Sun & Moon")
            #expect(mark.details.vienna == ["010301"])
            #expect(mark.imageFormat == "png")

            // Without the form's token nothing is added.
            let forged = MarkImages.multipart(fields: [("id", "X-1")], files: [("image", "x.png", "image/png", disc)])
            let refused = try await web.send(
                .post, "/marks/new", cookies: ["ipai_session": examiner], body: ByteBuffer(bytes: forged.body), contentType: forged.contentType)
            #expect(refused.status == .forbidden)

            // Import: two images and a text file in one field.
            let importPage = try await web.send(.get, "/marks/import", cookies: ["ipai_session": examiner])
            #expect(importPage.body.contains("multiple"))
            let batch = MarkImages.multipart(
                fields: [("_csrf", try #require(importPage.formToken)), ("status", "registered")],
                files: [
                    ("images", "IMP-1.png", "image/png", MarkImages.png(.square, colour: RGBA(30, 60, 200))),
                    ("images", "IMP-2.png", "image/png", MarkImages.png(.triangle, colour: RGBA(20, 150, 60))),
                    ("images", "readme.txt", "text/plain", Array("not an image".utf8)),
                ])
            let imported = try await web.send(
                .post, "/marks/import", cookies: ["ipai_session": examiner], body: ByteBuffer(bytes: batch.body), contentType: batch.contentType)
            #expect(imported.status == .ok)
            #expect(imported.body.contains("readme.txt"))
            #expect(imported.body.contains("text/plain"))
            #expect(try await web.services.marks.marks.mark(externalID: "IMP-1")?.details.status == .registered)
            #expect(try await web.services.marks.marks.mark(externalID: "IMP-2") != nil)
            #expect(web.services.marks.count == 3)
        }
    }
}
