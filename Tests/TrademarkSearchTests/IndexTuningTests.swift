import Core
import Foundation
import Imaging
import Testing
import TrademarkSearch

/// Development tuning of the image search on a split of the twemoji72 gallery: each of 300 pictograms is
/// transformed nine ways (as the benchmark does) and searched for among all 4,009. Prints top-10 hit
/// rates per transformation and mode. Slow, and needs the shared data: runs only with IPAI_TUNE_MARKS=1
/// (best in a release build; IPAI_TWEMOJI72 may name the gallery folder).
@Suite("Index tuning on twemoji72", .enabled(if: ProcessInfo.processInfo.environment["IPAI_TUNE_MARKS"] == "1"))
struct IndexTuningTests {
    static let gallery = ProcessInfo.processInfo.environment["IPAI_TWEMOJI72"].map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/trademarks/twemoji72").standardizedFileURL

    @Test("top-10 hit rates per transformation and mode")
    func tune() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.gallery.path).filter { $0.hasSuffix(".png") }.sorted()
        let rasters: [Raster] = try files.map { name in
            let bytes = [UInt8](try Data(contentsOf: Self.gallery.appendingPathComponent(name)))
            return try ImageDecoder.decode(bytes, name: name)
        }
        let preprocessor = MarkPreprocessor()
        let start = Date()
        let signatures: [ImageSignature] = Parallel.map(count: rasters.count) { range in
            range.map { ImageSignature(preprocessor.prepare(rasters[$0])) }
        }
        let elapsed = Date().timeIntervalSince(start)
        print("indexed \(rasters.count) images in \(String(format: "%.2f", elapsed)) s: \(Int(Double(rasters.count) / elapsed)) images/s (pre-processing + signature, \(Parallel.defaultThreadCount) threads)")
        var building = MarkIndex()
        for (slot, signature) in signatures.enumerated() { building.add(Int64(slot), signature) }
        let index = building

        let step = max(1, rasters.count / 300)
        let dev = Array(stride(from: 0, to: rasters.count, by: step).prefix(300))
        let modes: [MarkSearchMode] = [.shape, .colour, .composite, .duplicate]
        let queries: [MarkTransformation: [QuerySignature]] = Dictionary(uniqueKeysWithValues: MarkTransformation.allCases.map { transformation in
            (transformation, Parallel.map(count: dev.count) { range in
                range.map { let image = transformation.apply(rasters[dev[$0]]); return QuerySignature(preprocessor.prepare(image), image: image) }
            })
        })
        let configurations: [(String, MarkSearchWeights)] = [("default", .default)] + Self.extraConfigurations
        for (name, weights) in configurations {
            print("\(name): shape parts \(weights.shapeParts), composite shape \(weights.shape) colour \(weights.colour) duplicate \(weights.duplicate)")
            print("transformation".padding(toLength: 16, withPad: " ", startingAt: 0) + modes.map { $0.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined())
            for transformation in MarkTransformation.allCases {
                let transformed = queries[transformation]!
                let results: [[Int]] = Parallel.map(count: dev.count) { range in
                    range.map { position in
                        modes.map { mode in
                            let hits = index.search(transformed[position], mode: mode, weights: weights, count: 10)
                            return hits.firstIndex { $0.id == Int64(dev[position]) }.map { $0 + 1 } ?? 0
                        }
                    }
                }
                var line = transformation.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                for (m, _) in modes.enumerated() {
                    let found = results.filter { $0[m] > 0 }.count
                    line += String(format: "%6.1f %%   ", 100 * Double(found) / Double(results.count))
                }
                print(line)
            }
        }
        guard ProcessInfo.processInfo.environment["IPAI_TUNE_MARKS_DETAIL"] == "1" else { return }
        // Per descriptor: the share of queries whose original is among the 10 most similar on that descriptor alone.
        print("per descriptor: hog zernike contour colour hash (top-10 share, exhaustive)")
        for transformation in MarkTransformation.allCases {
            let ranks: [[Int]] = Parallel.map(count: min(100, dev.count)) { range in
                range.map { position in
                    let original = dev[position]
                    let query = QuerySignature(preprocessor.prepare(transformation.apply(rasters[original])))
                    let all = signatures.map { query.similarities(to: $0) }
                    let paths: [KeyPath<DescriptorSimilarities, Float>] = [\.hog, \.zernike, \.contour, \.colour, \.hash]
                    return paths.map { path in
                        let target = all[original][keyPath: path]
                        return all.filter { $0[keyPath: path] > target }.count + 1
                    }
                }
            }
            let shares = (0..<5).map { d in 100 * Double(ranks.filter { $0[d] <= 10 }.count) / Double(ranks.count) }
            print(transformation.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0) + shares.map { String(format: "%6.1f", $0) }.joined())
        }
    }
}

extension IndexTuningTests {
    /// Weightings compared with the default when tuning.
    static let extraConfigurations: [(String, MarkSearchWeights)] = [
        ("hog only", MarkSearchWeights(shape: 0.8, colour: 0.15, duplicate: 0.05, shapeParts: .init(hog: 1, zernike: 0, contour: 0))),
        ("hog 0.7", MarkSearchWeights(shape: 0.8, colour: 0.15, duplicate: 0.05, shapeParts: .init(hog: 0.7, zernike: 0.15, contour: 0.15))),
        ("colour 0.05", MarkSearchWeights(shape: 0.9, colour: 0.05, duplicate: 0.05)),
    ]
}

/// The nine ways the benchmark alters a mark before searching for it (drawn here in Swift).
enum MarkTransformation: String, CaseIterable {
    case rotate90 = "rotate-90", rotate15 = "rotate-15", mirror, greyscale, invert, recolour
    case shrink = "shrink", crop = "crop-70", word = "added-word"

    func apply(_ image: Raster) -> Raster {
        let w = image.width, h = image.height
        switch self {
        case .rotate90:
            var out = Raster(width: h, height: w, fill: RGBA(0, 0, 0, 0))
            for y in 0..<h { for x in 0..<w { out[h - 1 - y, x] = image[x, y] } }
            return out
        case .rotate15:
            let t = 15 * Double.pi / 180
            let side = Int((Double(max(w, h)) * (cos(t) + sin(t))).rounded(.up))
            var out = Raster(width: side, height: side, fill: RGBA(0, 0, 0, 0))
            let cx = Double(w) / 2, cy = Double(h) / 2, oc = Double(side) / 2
            for y in 0..<side {
                for x in 0..<side {
                    let dx = Double(x) + 0.5 - oc, dy = Double(y) + 0.5 - oc
                    let sx: Double = cos(t) * dx + sin(t) * dy + cx - 0.5
                    let sy: Double = -sin(t) * dx + cos(t) * dy + cy - 0.5
                    out[x, y] = Self.bilinear(image, sx, sy)
                }
            }
            return out
        case .mirror:
            var out = image
            for y in 0..<h { for x in 0..<w { out[w - 1 - x, y] = image[x, y] } }
            return out
        case .greyscale:
            return Self.map(image) { p in
                let red: Double = 0.299 * Double(p.r), green: Double = 0.587 * Double(p.g), blue: Double = 0.114 * Double(p.b)
                let l = UInt8((red + green + blue).rounded())
                return RGBA(l, l, l, p.a)
            }
        case .invert:
            return Self.map(image) { RGBA(255 - $0.r, 255 - $0.g, 255 - $0.b, $0.a) }
        case .recolour:
            return Self.map(image) { p in
                // Hue turned by 120°: the channels rotate.
                RGBA(p.b, p.r, p.g, p.a)
            }
        case .shrink:
            var out = Raster(width: w, height: h, fill: RGBA(0, 0, 0, 0))
            let scale = 0.5
            for y in 0..<Int(Double(h) * scale) {
                for x in 0..<Int(Double(w) * scale) {
                    out[x + w / 8, y + h / 3] = Self.bilinear(image, (Double(x) + 0.5) / scale - 0.5, (Double(y) + 0.5) / scale - 0.5)
                }
            }
            return out
        case .crop:
            let cw = Int(Double(w) * 0.7), ch = Int(Double(h) * 0.7)
            var out = Raster(width: cw, height: ch)
            for y in 0..<ch { for x in 0..<cw { out[x, y] = image[x + (w - cw) / 2, y + (h - ch) / 2] } }
            return out
        case .word:
            var out = Raster(width: w * 2 + w / 2, height: h, fill: RGBA(0, 0, 0, 0))
            for y in 0..<h { for x in 0..<w { out[x, y] = image[x, y] } }
            // Five letter-like blobs of a dark word to the right of the mark.
            let letterHeight = h / 4, top = (h - letterHeight) / 2
            for letter in 0..<5 {
                let left = w + w / 8 + letter * (letterHeight * 3 / 4 + 3)
                for y in top..<(top + letterHeight) {
                    for x in left..<(left + letterHeight * 3 / 4) where letter % 2 == 0 || y < top + 3 || x < left + 3 {
                        out[x, y] = RGBA(30, 30, 30)
                    }
                }
            }
            return out
        }
    }

    static func map(_ image: Raster, _ transform: (RGBA) -> RGBA) -> Raster {
        var out = image
        for y in 0..<image.height { for x in 0..<image.width { out[x, y] = transform(image[x, y]) } }
        return out
    }

    /// Bilinear sample with premultiplied alpha; transparent outside.
    static func bilinear(_ image: Raster, _ x: Double, _ y: Double) -> RGBA {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        var r = 0.0, g = 0.0, b = 0.0, a = 0.0
        for (dx, dy, weight) in [(0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)] {
            let px = x0 + dx, py = y0 + dy
            guard px >= 0, py >= 0, px < image.width, py < image.height, weight > 0 else { continue }
            let p = image[px, py]
            let alpha = Double(p.a) / 255 * weight
            r += Double(p.r) * alpha; g += Double(p.g) * alpha; b += Double(p.b) * alpha; a += alpha
        }
        guard a > 0 else { return RGBA(0, 0, 0, 0) }
        func byte(_ value: Double) -> UInt8 { UInt8(min(255, max(0, value.rounded()))) }
        return RGBA(byte(r / a), byte(g / a), byte(b / a), byte(a * 255))
    }
}
