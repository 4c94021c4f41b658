import Foundation
import Testing
@testable import Landscape

/// Opens the report in headless Chromium and reads the numbers back from the rendered DOM.
@Suite("Report in a browser")
struct ReportBrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM Chromium builds from the page (`--dump-dom`).
    static func renderedDOM(_ html: String) throws -> String {
        let path = Fixtures.temporaryFile("report.html", html)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of every cell of the HTML tables marked `data-table="id"`, in document order.
    static func cells(of id: String, in dom: String) -> [String] {
        var result: [String] = []
        var rest = dom[...]
        while let start = rest.range(of: "data-table=\"\(id)\"") {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "</table>") else { break }
            var table = after[..<end.lowerBound]
            while let open = table.range(of: "<td") {
                guard let close = table[open.upperBound...].range(of: ">"),
                      let finish = table[close.upperBound...].range(of: "</td>") else { break }
                let text = table[close.upperBound..<finish.lowerBound]
                result.append(String(text).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&"))
                table = table[finish.upperBound...]
            }
            rest = after[end.upperBound...]
        }
        return result
    }

    @Test("the page renders in Chromium with its charts, and every table's cells read back equal to the CSV tables",
          .enabled(if: chromium != nil))
    func rendersWithSameNumbers() throws {
        let report = try LandscapeReportTests.report()
        let dom = try Self.renderedDOM(report.html())
        #expect(dom.contains("<svg"))
        #expect(dom.contains("Tiny &lt;AI&gt; &amp; co"))
        for table in report.tables {
            let expected = table.rows.flatMap { $0.map(\.formatted) }
            #expect(Self.cells(of: table.id, in: dom) == expected, "table \(table.id)")
        }
    }
}
