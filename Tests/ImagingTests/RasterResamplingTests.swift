import Imaging
import Testing

@Suite("Raster resampling")
struct RasterResamplingTests {
    @Test("shrinking averages areas: a 4×4 checkerboard halves to mid grey, and a one-pixel line survives")
    func shrink() {
        var checker = Raster(width: 4, height: 4)
        for y in 0..<4 { for x in 0..<4 where (x + y) % 2 == 0 { checker[x, y] = RGBA(0, 0, 0) } }
        let half = checker.resized(width: 2, height: 2)
        #expect(half.pixels.enumerated().allSatisfy { $0.offset % 4 == 3 ? $0.element == 255 : abs(Int($0.element) - 128) <= 1 })

        var line = Raster(width: 9, height: 9)
        for y in 0..<9 { line[4, y] = RGBA(0, 0, 0) }
        let third = line.resized(width: 3, height: 3)
        #expect(third[1, 1].r < 180 && third[0, 1] == RGBA(255, 255, 255))
    }

    @Test("enlarging interpolates between pixel centres, keeping the corners")
    func enlarge() {
        var pair = Raster(width: 2, height: 1)
        pair[0, 0] = RGBA(0, 0, 0)
        let wide = pair.resized(width: 4, height: 1)
        #expect(wide[0, 0] == RGBA(0, 0, 0))
        #expect(wide[3, 0] == RGBA(255, 255, 255))
        #expect(abs(Int(wide[1, 0].r) - 64) <= 1 && abs(Int(wide[2, 0].r) - 191) <= 1)
    }

    @Test("transparent pixels do not darken the edges of a mark")
    func premultiplied() {
        var raster = Raster(width: 2, height: 1, fill: RGBA(0, 0, 0, 0))
        raster[1, 0] = RGBA(255, 0, 0)
        let one = raster.resized(width: 1, height: 1)
        #expect(one[0, 0].r == 255 && one[0, 0].a == 128)
    }

    @Test("a thumbnail keeps the aspect ratio and never enlarges")
    func thumbnail() {
        let raster = Raster(width: 300, height: 100)
        let thumb = raster.thumbnail(maxSide: 60)
        #expect(thumb.width == 60 && thumb.height == 20)
        #expect(Raster(width: 10, height: 5).thumbnail(maxSide: 60).width == 10)
    }

    @Test("flattening composites on white; cropping outside the image fills")
    func flattenAndCrop() {
        var raster = Raster(width: 2, height: 1, fill: RGBA(0, 0, 0, 0))
        raster[1, 0] = RGBA(0, 0, 0, 128)
        let flat = raster.flattened()
        #expect(flat[0, 0] == RGBA(255, 255, 255) && flat[1, 0] == RGBA(127, 127, 127))
        let crop = flat.cropped(x: 1, y: -1, width: 2, height: 2, fill: RGBA(9, 9, 9))
        #expect(crop[0, 1] == RGBA(127, 127, 127) && crop[0, 0] == RGBA(9, 9, 9) && crop[1, 1] == RGBA(9, 9, 9))
    }
}
