import Imaging
import Testing

@Suite("Raster")
struct RasterTests {
    @Test("pixels read back as written; luminance of white is 1 and of black is 0")
    func pixels() {
        var raster = Raster(width: 3, height: 2)
        raster[1, 1] = RGBA(0, 0, 0)
        #expect(raster[1, 1] == RGBA(0, 0, 0))
        #expect(raster[0, 0] == RGBA(255, 255, 255))
        let luminance = raster.luminance()
        #expect(luminance[4] == 0)
        #expect(abs(luminance[0] - 1) < 1e-5)
    }
}
