import Core
import Imaging
import Testing
import TrademarkSearch

/// Queries an examiner files that differ from the registered mark in polarity or in colour: a negative
/// printed on white, and a black-and-white copy of a coloured mark.
@Suite("Negative and black-and-white queries")
struct QueryViewTests {
    /// A head and shoulders on a transparent ground: hair filling the frame down both sides and along the
    /// bottom, a face of the given skin tone with two eyes.
    static func portrait(skin: RGBA, hair: RGBA) -> Raster {
        let side = 80
        var raster = Raster(width: side, height: side, fill: RGBA(0, 0, 0, 0))
        for y in 0..<side {
            for x in 0..<side {
                func within(_ cx: Double, _ cy: Double, _ r: Double) -> Bool {
                    let dx = Double(x) - cx, dy = Double(y) - cy
                    return dx * dx + dy * dy <= r * r
                }
                let colour: RGBA
                if within(30, 50, 3) || within(50, 50, 3) {
                    colour = RGBA(40, 30, 30)
                } else if within(40, 52, 22) {
                    colour = skin
                } else if within(40, 56, 42) {
                    colour = hair
                } else {
                    continue
                }
                raster.pixels.replaceSubrange((y * side + x) * 4..<(y * side + x) * 4 + 4, with: [colour.r, colour.g, colour.b, 255])
            }
        }
        return raster
    }

    static let tones = [
        ("LIGHT", RGBA(247, 222, 206)), ("MEDIUM", RGBA(194, 143, 100)), ("BROWN", RGBA(150, 95, 60)), ("DARK", RGBA(96, 53, 42)),
    ]

    static func index(of marks: [(String, Raster)]) throws -> MarkIndex {
        var index = MarkIndex()
        for (slot, (id, raster)) in marks.enumerated() {
            index.add(Int64(slot), try MarkImaging().describe(PNGEncoder.encode(raster), name: "\(id).png").signature)
        }
        return index
    }

    @Test("a negative printed on white, filling its frame, finds the mark among its other skin tones")
    func negativeOnWhite() throws {
        let marks = Self.tones.map { ($0.0, Self.portrait(skin: $0.1, hair: RGBA(11, 2, 0))) }
        let index = try Self.index(of: marks)
        for (slot, (id, raster)) in marks.enumerated() {
            // Colours inverted, transparency kept, then printed on white: the black hair turns almost white.
            var negative = raster
            for offset in stride(from: 0, to: negative.pixels.count, by: 4) {
                for channel in 0..<3 { negative.pixels[offset + channel] = 255 - negative.pixels[offset + channel] }
            }
            let query = try MarkImaging().query(PNGEncoder.encode(negative.flattened()), name: "negative-\(id).png")
            let hits = index.search(query, mode: .composite, count: marks.count)
            #expect(hits.first?.id == Int64(slot), "\(id): ranked \(hits.map { marks[Int($0.id)].0 })")
            #expect(hits.first?.view == .negative, "the result says it matched as the query's negative")
        }
    }

    @Test("a black-and-white copy of a coloured mark finds it before the same shape in other tones")
    func greyscaleCopy() throws {
        // One shape in four tones, one per band of lightness: only the greys of the copy tell them apart.
        let tones = [("LIGHT", RGBA(247, 222, 206)), ("MEDIUM", RGBA(194, 143, 100)), ("BROWN", RGBA(150, 95, 60)), ("DARK", RGBA(60, 35, 25))]
        let marks = tones.map { tone in
            var raster = Raster(width: 64, height: 64, fill: RGBA(0, 0, 0, 0))
            for y in 8..<56 {
                for x in 8..<56 where (x - 32) * (x - 32) + (y - 32) * (y - 32) <= 576 && !(x > 40 && y < 24) {
                    raster.pixels.replaceSubrange((y * 64 + x) * 4..<(y * 64 + x) * 4 + 4, with: [tone.1.r, tone.1.g, tone.1.b, 255])
                }
            }
            return (tone.0, raster)
        }
        let index = try Self.index(of: marks)
        for (slot, (id, raster)) in marks.enumerated() {
            var grey = raster
            for offset in stride(from: 0, to: grey.pixels.count, by: 4) {
                let luminance = 0.299 * Double(grey.pixels[offset]) + 0.587 * Double(grey.pixels[offset + 1]) + 0.114 * Double(grey.pixels[offset + 2])
                for channel in 0..<3 { grey.pixels[offset + channel] = UInt8(luminance.rounded()) }
            }
            let query = try MarkImaging().query(PNGEncoder.encode(grey), name: "grey-\(id).png")
            let hits = index.search(query, mode: .composite, count: marks.count)
            #expect(hits.first?.id == Int64(slot), "\(id): ranked \(hits.map { marks[Int($0.id)].0 })")
        }
    }
}
