import Core
import Imaging
import Storage
import Testing
import TestSupport
import TrademarkSearch

@Suite("Searching with a detail of a mark")
struct CentreViewTests {
    /// A badge on a transparent ground: a coloured disc with a yellow rim and, in its middle, a symbol of its own.
    static func badge(disc: RGBA, symbol: (Int, Int) -> Bool, symbolColour: RGBA) -> Raster {
        let side = 96
        var raster = Raster(width: side, height: side, fill: RGBA(0, 0, 0, 0))
        for y in 0..<side {
            for x in 0..<side {
                let dx = Double(x) - 47.5, dy = Double(y) - 47.5
                let radius = (dx * dx + dy * dy).squareRoot()
                guard radius <= 46 else { continue }
                let colour = radius > 40 ? RGBA(250, 200, 30) : (symbol(x - 48, y - 48) ? symbolColour : disc)
                let index = (y * side + x) * 4
                raster.pixels[index] = colour.r
                raster.pixels[index + 1] = colour.g
                raster.pixels[index + 2] = colour.b
                raster.pixels[index + 3] = 255
            }
        }
        return raster
    }

    @Test("the middle of a registered mark, cut out and searched, finds the mark", arguments: Backend.allCases)
    func detailFindsMark(_ backend: Backend) async throws {
        try await TestDatabase.withStore(backend) { store in
            let register = try await MarkRegister.open(store)
            let cross = Self.badge(disc: RGBA(30, 60, 200), symbol: { x, y in abs(x) < 6 || abs(y) < 6 }, symbolColour: RGBA(220, 30, 40))
            let marks: [(String, Raster)] = [
                ("CROSS", cross),
                ("RING", Self.badge(disc: RGBA(30, 60, 200), symbol: { x, y in (x * x + y * y) > 100 && (x * x + y * y) < 400 }, symbolColour: RGBA(40, 160, 60))),
                ("BAR", Self.badge(disc: RGBA(200, 60, 30), symbol: { _, y in abs(y) < 10 }, symbolColour: RGBA(255, 255, 255))),
                ("DOT", Self.badge(disc: RGBA(60, 60, 60), symbol: { x, y in x * x + y * y < 150 }, symbolColour: RGBA(250, 250, 250))),
            ]
            for (id, raster) in marks {
                _ = try await register.add(try MarkDetails(externalID: id), image: PNGEncoder.encode(raster), name: "\(id).png")
            }
            // The middle 70 % of the cross badge: its rim and most of the disc are cut off.
            let detail = cross.cropped(x: 14, y: 14, width: 68, height: 68)
            let hits = try register.search(image: PNGEncoder.encode(detail), name: "detail.png", options: MarkSearchOptions(count: 4))
            #expect(hits.first?.externalID == "CROSS", "ranked: \(hits.map(\.externalID))")
            #expect(hits.first?.view == .centre, "the result says the query matched the middle of the mark")
        }
    }
}
