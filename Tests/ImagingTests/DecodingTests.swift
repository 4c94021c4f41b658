import Core
import Foundation
import Imaging
import Testing

/// Synthetic images drawn in code, shared by the decoding and pre-processing tests.
enum Drawing {
    /// A disc of `colour` (anti-aliased by 4×4 supersampling) centred at (`cx`, `cy`) on `ground`.
    static func disc(width: Int, height: Int, cx: Double, cy: Double, radius: Double, colour: RGBA, ground: RGBA) -> Raster {
        var raster = Raster(width: width, height: height, fill: ground)
        for y in 0..<height {
            for x in 0..<width {
                var inside = 0
                for sy in 0..<4 {
                    for sx in 0..<4 {
                        let px = Double(x) + (Double(sx) + 0.5) / 4 - cx
                        let py = Double(y) + (Double(sy) + 0.5) / 4 - cy
                        if px * px + py * py <= radius * radius { inside += 1 }
                    }
                }
                guard inside > 0 else { continue }
                let coverage = Double(inside) / 16
                func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * coverage + Double(b) * (1 - coverage)).rounded()) }
                if ground.a == 0 {
                    raster[x, y] = RGBA(colour.r, colour.g, colour.b, UInt8((255 * coverage).rounded()))
                } else {
                    raster[x, y] = RGBA(mix(colour.r, ground.r), mix(colour.g, ground.g), mix(colour.b, ground.b))
                }
            }
        }
        return raster
    }

    /// A colourful test card: gradients and a transparent corner.
    static func card(width: Int, height: Int) -> Raster {
        var raster = Raster(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                raster[x, y] = RGBA(UInt8(x * 255 / Swift.max(1, width - 1)), UInt8(y * 255 / Swift.max(1, height - 1)),
                                    UInt8((x + y) % 256), x < 3 && y < 3 ? 0 : 255)
            }
        }
        return raster
    }
}

/// CRC-32 (as PNG chunks use), to forge headers.
func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

@Suite("Image decoding")
struct DecodingTests {
    @Test("a PNG encoded and decoded gives back the same pixels, transparency included")
    func pngRoundTrip() throws {
        let card = Drawing.card(width: 37, height: 21)
        let bytes = PNGEncoder.encode(card)
        #expect(try ImageFormat.detect(bytes) == .png)
        let decoded = try ImageDecoder.decode(bytes, name: "card.png")
        #expect(decoded == card)
    }

    @Test("a truncated PNG is refused, naming the file and saying it is truncated")
    func truncatedPNG() {
        let bytes = PNGEncoder.encode(Drawing.card(width: 64, height: 64))
        let cut = Array(bytes.prefix(bytes.count / 2))
        let error = #expect(throws: IPAIError.self) { try ImageDecoder.decode(cut, name: "cut.png") }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("'cut.png' is a truncated PNG file") == true)
    }

    @Test("a PNG whose header claims 100000×100000 pixels is refused from the header, without decoding")
    func oversizedPNG() {
        var bytes = PNGEncoder.encode(Raster(width: 1, height: 1))
        // IHDR data starts at byte 16: width, height (big-endian); its CRC follows the 13 data bytes.
        func put(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(index))) }
        }
        put(100_000, at: 16)
        put(100_000, at: 20)
        put(crc32(bytes[12..<29]), at: 29)
        let error = #expect(throws: IPAIError.self) { try ImageDecoder.decode(bytes, name: "bomb.png") }
        #expect(error?.code == .imageTooLarge)
        #expect(error?.message.contains("'bomb.png' is 100000×100000 pixels") == true)
        #expect(error?.message.contains("at most 40 million pixels") == true)
    }

    @Test("a file over the byte limit is refused before it is read")
    func oversizedFile() {
        let bytes = PNGEncoder.encode(Drawing.card(width: 64, height: 64))
        let error = #expect(throws: IPAIError.self) {
            try ImageDecoder.decode(bytes, name: "big.png", limits: ImageLimits(maxBytes: 100))
        }
        #expect(error?.code == .imageTooLarge)
    }

    @Test("PDF, plain text and BMP are refused as unsupported formats, saying what they look like")
    func wrongTypes() {
        let cases: [(String, [UInt8], String)] = [
            ("scan.pdf", Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8), "a PDF document"),
            ("notes.txt", Array("Hello, this is not an image".utf8), "\"Hello, t\""),
            ("logo.bmp", [0x42, 0x4D, 0x36, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00], "a BMP image"),
        ]
        for (name, bytes, looks) in cases {
            let error = #expect(throws: IPAIError.self) { try ImageDecoder.decode(bytes, name: name) }
            #expect(error?.code == .unsupportedFormat)
            #expect(error?.message.contains("'\(name)' is not a PNG, JPEG, GIF or SVG image") == true)
            #expect(error?.message.contains(looks) == true, "\(error?.message ?? "")")
        }
        #expect(throws: IPAIError.self) { try ImageDecoder.decode([], name: "empty.png") }
    }

    @Test("a JPEG made with libjpeg decodes to the same picture, within compression error")
    func jpeg() throws {
        let disc = Drawing.disc(width: 48, height: 32, cx: 24, cy: 16, radius: 12, colour: RGBA(200, 30, 30), ground: RGBA(255, 255, 255))
        let bytes = try JPEGEncoder.encode(disc, quality: 95)
        #expect(try ImageFormat.detect(bytes) == .jpeg)
        let decoded = try ImageDecoder.decode(bytes, name: "disc.jpg")
        #expect(decoded.width == 48 && decoded.height == 32)
        var worst = 0
        for index in 0..<decoded.pixels.count { worst = max(worst, abs(Int(decoded.pixels[index]) - Int(disc.pixels[index]))) }
        #expect(worst < 60)
        #expect(decoded[24, 16].r > 180 && decoded[24, 16].g < 60)
        #expect(decoded[1, 1] == RGBA(255, 255, 255) || decoded[1, 1].r > 245)

        let cut = Array(bytes.prefix(bytes.count * 2 / 3))
        let error = #expect(throws: IPAIError.self) { try ImageDecoder.decode(cut, name: "cut.jpg") }
        #expect(error?.message.contains("'cut.jpg' is a truncated JPEG file") == true)
    }

    @Test("a GIF made with giflib decodes its first frame, transparency included")
    func gif() throws {
        var raster = Raster(width: 10, height: 6, fill: RGBA(0, 0, 0, 0))
        raster[2, 3] = RGBA(255, 0, 0)
        raster[7, 1] = RGBA(0, 51, 255)
        let bytes = try GIFEncoder.encode(raster)
        #expect(try ImageFormat.detect(bytes) == .gif)
        let decoded = try ImageDecoder.decode(bytes, name: "dots.gif")
        #expect(decoded == raster)

        let cut = Array(bytes.prefix(bytes.count - 10))
        #expect(throws: IPAIError.self) { try ImageDecoder.decode(cut, name: "cut.gif") }
    }

    @Test("an SVG is rendered with its aspect ratio, longest side at the render size")
    func svg() throws {
        let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a red disc -->
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
          <circle cx="50" cy="50" r="40" fill="#ff0000"/>
        </svg>
        """
        let bytes = Array(document.utf8)
        #expect(try ImageFormat.detect(bytes) == .svg)
        let raster = try ImageDecoder.decode(bytes, name: "disc.svg", limits: ImageLimits(svgRenderSize: 256))
        #expect(raster.width == 256 && raster.height == 128)
        #expect(raster[64, 64] == RGBA(255, 0, 0))
        #expect(raster[200, 64].a == 0)

        let broken = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle".utf8)
        let error = #expect(throws: IPAIError.self) { try ImageDecoder.decode(broken, name: "broken.svg") }
        #expect(error?.message.contains("'broken.svg'") == true)
    }

    @Test("an SVG cannot read local files: an <image> pointing at a file on the server renders nothing")
    func svgExternalFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ipai-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret.png")
        try Data(PNGEncoder.encode(Raster(width: 8, height: 8, fill: RGBA(0, 0, 0)))).write(to: secret)
        let document = """
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="8" height="8">
          <image href="\(secret.absoluteString)" xlink:href="\(secret.absoluteString)" width="8" height="8"/>
        </svg>
        """
        let raster = try ImageDecoder.decode(Array(document.utf8), name: "peek.svg", limits: ImageLimits(svgRenderSize: 8))
        #expect(raster.pixels.allSatisfy { $0 == 0 })
    }

    @Test("SVG is recognised after a DOCTYPE or a namespace prefix, and other XML is not")
    func svgSniffing() {
        #expect(ImageFormat.sniff(Array("\u{FEFF}<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\"><svg/>".utf8)) == .svg)
        #expect(ImageFormat.sniff(Array("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>".utf8)) == .svg)
        #expect(ImageFormat.sniff(Array("<?xml version=\"1.0\"?><html><svg/></html>".utf8)) == nil)
        #expect(ImageFormat.sniff(Array("<svgx/>".utf8)) == nil)
    }

    @Test("the Twemoji pictograms decode as 72×72 with transparency", .enabled(if: Twemoji.available))
    func twemoji() throws {
        for file in Twemoji.files.prefix(50) {
            let raster = try ImageDecoder.decode(Array(try Data(contentsOf: file)), name: file.lastPathComponent)
            #expect(raster.width == 72 && raster.height == 72)
            #expect(raster.hasTransparency)
        }
    }
}

enum Twemoji {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/trademarks/twemoji72").standardizedFileURL
    static var files: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".png") }.sorted().map { directory.appendingPathComponent($0) }
    }
    static var available: Bool { !files.isEmpty }
}
