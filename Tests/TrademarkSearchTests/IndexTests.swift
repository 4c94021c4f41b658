import Core
import Foundation
import Imaging
import Testing
import TrademarkSearch

/// Marks drawn in code for the index tests.
enum IndexTestMarks {
    static func mark(size: Int = 64, colour: RGBA = RGBA(0, 0, 0), _ inside: (Double, Double) -> Bool) -> PreparedMark {
        var raster = Raster(width: size, height: size)
        var grey = [Float](repeating: 1, count: size * size)
        var ink = [Float](repeating: 0, count: size * size)
        let luminance = (0.299 * Float(colour.r) + 0.587 * Float(colour.g) + 0.114 * Float(colour.b)) / 255
        for y in 0..<size {
            for x in 0..<size where inside(Double(x) + 0.5, Double(y) + 0.5) {
                raster[x, y] = colour
                grey[y * size + x] = luminance
                ink[y * size + x] = 1
            }
        }
        return PreparedMark(size: size, colour: raster, grey: grey, ink: ink)
    }

    static func disc(colour: RGBA = RGBA(0, 0, 0)) -> PreparedMark {
        mark(colour: colour) { x, y in (x - 32) * (x - 32) + (y - 32) * (y - 32) <= 24 * 24 }
    }
    static func square(colour: RGBA = RGBA(0, 0, 0)) -> PreparedMark {
        mark(colour: colour) { x, y in abs(x - 32) <= 18 && abs(y - 32) <= 18 }
    }
    static func letterL(mirrored: Bool = false, colour: RGBA = RGBA(0, 0, 0)) -> PreparedMark {
        mark(colour: colour) { x, y in
            let x = mirrored ? 64 - x : x
            return (x >= 16 && x <= 26 && y >= 10 && y <= 54) || (x >= 16 && x <= 46 && y >= 44 && y <= 54)
        }
    }
    static func cross() -> PreparedMark {
        mark { x, y in (abs(x - 32) <= 6 && abs(y - 32) <= 24) || (abs(y - 32) <= 6 && abs(x - 32) <= 24) }
    }
    static func triangle() -> PreparedMark {
        mark { x, y in y >= 12 && y <= 52 && abs(x - 32) <= (y - 12) / 2 }
    }
}

@Suite("Mark index")
struct IndexTests {
    func register() -> MarkIndex {
        var index = MarkIndex()
        index.add(1, ImageSignature(IndexTestMarks.disc()))
        index.add(2, ImageSignature(IndexTestMarks.square()))
        index.add(3, ImageSignature(IndexTestMarks.letterL()))
        index.add(4, ImageSignature(IndexTestMarks.cross()))
        index.add(5, ImageSignature(IndexTestMarks.triangle()))
        index.add(6, ImageSignature(IndexTestMarks.disc(colour: RGBA(220, 20, 20))))
        return index
    }

    @Test("a mirrored L finds the L first in every mode but colour, with per-descriptor similarities in 0…1")
    func mirroredQuery() {
        let index = register()
        let query = QuerySignature(IndexTestMarks.letterL(mirrored: true))
        for mode in [MarkSearchMode.shape, .composite, .duplicate] {
            let hits = index.search(query, mode: mode, count: 3)
            #expect(hits.first?.id == 3, "mode \(mode)")
        }
        let hit = index.search(query, mode: .shape, count: 1)[0]
        let s = hit.similarities
        #expect([s.hog, s.zernike, s.contour, s.colour, s.hash].allSatisfy { (0...1).contains($0) })
        #expect(s.hog > 0.99 && s.zernike > 0.95)
        #expect(hit.score > 0.9)
    }

    @Test("shape search is colour-blind; colour search finds the red disc for a red square, before any black mark")
    func shapeAndColour() {
        let index = register()
        let blackDisc = index.search(QuerySignature(IndexTestMarks.disc()), mode: .shape, count: 2)
        #expect(Set(blackDisc.map(\.id)) == [1, 6])
        #expect(abs(blackDisc[0].score - blackDisc[1].score) < 0.01)
        let redSquare = index.search(QuerySignature(IndexTestMarks.square(colour: RGBA(220, 20, 20))), mode: .colour, count: 6)
        #expect(redSquare.first?.id == 6)
        #expect(redSquare.first!.similarities.colour > 0.9)
    }

    @Test("results come best first, at most count, and only among allowed marks")
    func filterAndCount() {
        let index = register()
        let query = QuerySignature(IndexTestMarks.square())
        let hits = index.search(query, mode: .composite, count: 4)
        #expect(hits.count == 4)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        let filtered = index.search(query, mode: .composite, count: 10) { $0 % 2 == 1 }
        #expect(filtered.map(\.id).allSatisfy { $0 % 2 == 1 })
        #expect(filtered.count == 3)
        #expect(!filtered.contains { $0.id == 2 })
    }

    @Test("replacing, removing and reading back signatures")
    func maintenance() throws {
        var index = register()
        #expect(index.count == 6)
        let cross = ImageSignature(IndexTestMarks.cross())
        #expect(index.signature(of: 4) == cross)
        index.add(2, cross)  // mark 2's image replaced by a cross
        #expect(index.count == 6)
        let removed = index.remove(4), again = index.remove(4)
        #expect(removed && !again)
        #expect(index.count == 5 && !index.contains(4))
        let hits = index.search(QuerySignature(IndexTestMarks.cross()), mode: .duplicate, count: 1)
        #expect(hits.first?.id == 2)
        #expect(hits.first?.similarities.hash == 1)
        #expect(index.signature(of: 6) == ImageSignature(IndexTestMarks.disc(colour: RGBA(220, 20, 20))))
        #expect(MarkIndex().search(QuerySignature(IndexTestMarks.cross()), mode: .shape).isEmpty)
    }

    @Test("more like this: a stored signature as the query finds its own mark first")
    func moreLikeThis() {
        let index = register()
        let query = QuerySignature(signature: index.signature(of: 5)!)
        #expect(index.search(query, mode: .composite, count: 1).first?.id == 5)
        #expect(index.search(query, mode: .composite, count: 5) { $0 != 5 }.allSatisfy { $0.id != 5 })
    }

    @Test("a search over 30,000 marks (on every core) agrees with the same search split in two halves")
    func parallelScan() {
        var index = MarkIndex()
        let shapes = [IndexTestMarks.disc(), IndexTestMarks.square(), IndexTestMarks.letterL(), IndexTestMarks.cross(), IndexTestMarks.triangle()]
        let signatures = shapes.map(ImageSignature.init)
        for id in 0..<30_000 {
            var signature = signatures[id % 5]
            signature.zernike[0] += Float(id) * 1e-6
            index.add(Int64(id), signature)
        }
        let query = QuerySignature(IndexTestMarks.letterL(mirrored: true))
        let hits = index.search(query, mode: .shape, count: 20)
        #expect(hits.count == 20)
        #expect(hits.allSatisfy { $0.id % 5 == 2 })
        #expect(hits.first?.id == 2)
    }
}
