import Foundation
import Imaging
import Testing

@Suite("Mark pre-processing")
struct PreprocessingTests {
    static func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    @Test("a black disc off-centre on transparent ground is centred and padded, the same as the disc on white")
    func discOnTransparent() {
        let transparent = Drawing.disc(width: 200, height: 120, cx: 150, cy: 40, radius: 25, colour: RGBA(0, 0, 0), ground: RGBA(0, 0, 0, 0))
        let white = Drawing.disc(width: 90, height: 90, cx: 45, cy: 45, radius: 25, colour: RGBA(0, 0, 0), ground: RGBA(255, 255, 255))
        let preprocessor = MarkPreprocessor(size: 64)
        let first = preprocessor.prepare(transparent)
        let second = preprocessor.prepare(white)
        #expect(first.size == 64 && first.grey.count == 64 * 64 && first.ink.count == 64 * 64)
        #expect(Self.largestDifference(first.grey, second.grey) < 0.02)
        #expect(Self.largestDifference(first.ink, second.ink) < 0.03)

        // Centred: the ink's centroid is the middle of the square; padded: the corners and edges are ground.
        var total: Float = 0, sumX: Float = 0, sumY: Float = 0
        for y in 0..<64 {
            for x in 0..<64 {
                let ink = first.ink[y * 64 + x]
                total += ink
                sumX += ink * (Float(x) + 0.5)
                sumY += ink * (Float(y) + 0.5)
            }
        }
        #expect(abs(sumX / total - 32) < 0.5 && abs(sumY / total - 32) < 0.5)
        #expect(first.grey[0] > 0.99 && first.ink[0] == 0 && first.ink[32] == 0 && first.ink[32 * 64] == 0)
        #expect(first.grey[32 * 64 + 32] < 0.01 && first.ink[32 * 64 + 32] == 1)
        // The disc touches the margin, not the edge: 64 / (1 + 2/16) ≈ 57 pixels across.
        let across = (0..<64).filter { first.ink[32 * 64 + $0] > 0.5 }.count
        #expect((54...59).contains(across))
        // The colour image is opaque, on white.
        #expect(first.colour[0, 0] == RGBA(255, 255, 255))
        #expect(first.colour[32, 32] == RGBA(0, 0, 0))
    }

    @Test("a white disc on black gives the same grey as a black disc on white (polarity)")
    func polarity() {
        let dark = Drawing.disc(width: 80, height: 80, cx: 40, cy: 40, radius: 30, colour: RGBA(0, 0, 0), ground: RGBA(255, 255, 255))
        let light = Drawing.disc(width: 80, height: 80, cx: 40, cy: 40, radius: 30, colour: RGBA(255, 255, 255), ground: RGBA(0, 0, 0))
        let preprocessor = MarkPreprocessor(size: 48)
        let first = preprocessor.prepare(dark)
        let second = preprocessor.prepare(light)
        #expect(Self.largestDifference(first.grey, second.grey) < 0.01)
        #expect(Self.largestDifference(first.ink, second.ink) < 1e-4)
        #expect(second.grey[0] > 0.99 && second.grey[24 * 48 + 24] < 0.01)
    }

    @Test("a pale mark has full ink, and a greyscale copy has the same ink as the coloured one")
    func paleAndGreyscale() {
        let yellow = Drawing.disc(width: 60, height: 60, cx: 30, cy: 30, radius: 20, colour: RGBA(255, 204, 77), ground: RGBA(0, 0, 0, 0))
        var grey = yellow
        for y in 0..<60 {
            for x in 0..<60 {
                let pixel = yellow[x, y]
                let red = 0.299 * Double(pixel.r), green = 0.587 * Double(pixel.g), blue = 0.114 * Double(pixel.b)
                let value = UInt8((red + green + blue).rounded())
                grey[x, y] = RGBA(value, value, value, pixel.a)
            }
        }
        let preprocessor = MarkPreprocessor(size: 32)
        let first = preprocessor.prepare(yellow)
        let second = preprocessor.prepare(grey)
        #expect(first.ink[16 * 32 + 16] == 1)
        #expect(Self.largestDifference(first.ink, second.ink) < 0.05)
        #expect(first.colour[16, 16] == RGBA(255, 204, 77))
    }

    @Test("an empty image stays whole and has no ink")
    func empty() {
        let prepared = MarkPreprocessor(size: 16).prepare(Raster(width: 30, height: 10, fill: RGBA(0, 0, 0, 0)))
        #expect(prepared.ink.allSatisfy { $0 == 0 })
        #expect(prepared.grey.allSatisfy { $0 > 0.99 })
        let black = MarkPreprocessor(size: 16).prepare(Raster(width: 20, height: 20, fill: RGBA(0, 0, 0)))
        #expect(black.ink.allSatisfy { $0 == 0 })
    }

    @Test("a wide mark is padded to a square with the background above and below")
    func wideMark() {
        var raster = Raster(width: 100, height: 100)
        for y in 40..<60 { for x in 10..<90 { raster[x, y] = RGBA(0, 0, 120) } }
        let prepared = MarkPreprocessor(size: 40, margin: 0).prepare(raster)
        // 80×20 → 40×10, rows 15..<25 inked.
        #expect(prepared.ink[5 * 40 + 20] == 0)
        #expect(prepared.ink[20 * 40 + 20] == 1)
        #expect(prepared.ink[20 * 40 + 0] == 1 && prepared.ink[20 * 40 + 39] == 1)
        #expect(prepared.ink[15 * 40 + 20] == 1 && prepared.ink[14 * 40 + 20] == 0 && prepared.ink[25 * 40 + 20] == 0)
    }

    @Test("Twemoji pictograms prepare to a centred square", .enabled(if: Twemoji.available))
    func twemoji() throws {
        let preprocessor = MarkPreprocessor(size: 128)
        for file in Twemoji.files.prefix(30) {
            let raster = try ImageDecoder.decode(Array(try Data(contentsOf: file)), name: file.lastPathComponent)
            let prepared = preprocessor.prepare(raster)
            #expect(prepared.ink.contains { $0 == 1 })
            #expect(prepared.ink[0] == 0)
        }
    }
}

/// Throughput of decode + prepare over the Twemoji gallery, printed (not asserted: no timing thresholds in
/// tests). Run with `IPAI_IMAGING_SPEED=1 swift test -c release --filter PreprocessingSpeed`.
@Suite("Pre-processing speed")
struct PreprocessingSpeed {
    @Test("decode and prepare the Twemoji gallery", .enabled(if: Twemoji.available && ProcessInfo.processInfo.environment["IPAI_IMAGING_SPEED"] != nil))
    func speed() throws {
        let files = try Twemoji.files.map { (name: $0.lastPathComponent, bytes: Array(try Data(contentsOf: $0))) }
        let preprocessor = MarkPreprocessor(size: 128)
        let clock = ContinuousClock()
        var rasters: [Raster] = []
        rasters.reserveCapacity(files.count)
        let decoding = try clock.measure {
            for file in files { rasters.append(try ImageDecoder.decode(file.bytes, name: file.name)) }
        }
        var inked = 0
        let preparing = clock.measure {
            for raster in rasters where preprocessor.prepare(raster).ink.contains(where: { $0 > 0 }) { inked += 1 }
        }
        func perImage(_ duration: Duration) -> Double {
            Double(duration.components.attoseconds) / 1e12 / Double(files.count) + Double(duration.components.seconds) * 1e6 / Double(files.count)
        }
        print("twemoji72: \(files.count) images; decode \(perImage(decoding)) µs/image, prepare \(perImage(preparing)) µs/image; \(inked) with ink")
        #expect(inked == files.count)
    }
}

@Suite("Mark pre-processing: transparency")
struct PreprocessingTransparencyTests {
    @Test("a white disc on transparency is read as a dark disc, like a black disc on transparency")
    func whiteOnTransparent() {
        let white = Drawing.disc(width: 60, height: 60, cx: 30, cy: 30, radius: 20, colour: RGBA(255, 255, 255), ground: RGBA(0, 0, 0, 0))
        let black = Drawing.disc(width: 60, height: 60, cx: 30, cy: 30, radius: 20, colour: RGBA(0, 0, 0), ground: RGBA(0, 0, 0, 0))
        let preprocessor = MarkPreprocessor(size: 32)
        let first = preprocessor.prepare(white), second = preprocessor.prepare(black)
        #expect(PreprocessingTests.largestDifference(first.grey, second.grey) < 0.01)
        #expect(first.ink[16 * 32 + 16] == 1 && first.ink[0] == 0)
    }

    @Test("a square filling the image but for transparent corners keeps a light ground")
    func fullBleed() {
        var square = Raster(width: 40, height: 40, fill: RGBA(220, 40, 40))
        for (x, y) in [(0, 0), (39, 0), (0, 39), (39, 39)] { square[x, y] = RGBA(0, 0, 0, 0) }
        let prepared = MarkPreprocessor(size: 32, margin: 0).prepare(square)
        #expect(prepared.grey[16 * 32 + 16] < 0.5)
        #expect(prepared.ink[16 * 32 + 16] == 1 && prepared.ink[0] < 0.5)
    }
}
