import Foundation
@testable import Imaging

/// Small synthetic marks drawn in code: the inputs of the descriptor tests.
enum DescriptorTestShapes {
    /// A mark whose ink at each pixel is the share of its 4×4 sub-pixel samples `inside` the shape
    /// (anti-aliased edges, as in real images), in `colour` on white.
    static func mark(size: Int, colour: RGBA = RGBA(0, 0, 0), _ inside: (Double, Double) -> Bool) -> PreparedMark {
        var raster = Raster(width: size, height: size)
        var grey = [Float](repeating: 1, count: size * size)
        var ink = [Float](repeating: 0, count: size * size)
        let luminance = (0.299 * Float(colour.r) + 0.587 * Float(colour.g) + 0.114 * Float(colour.b)) / 255
        for y in 0..<size {
            for x in 0..<size {
                var hits = 0
                for sy in 0..<4 {
                    for sx in 0..<4 where inside(Double(x) + (Double(sx) + 0.5) / 4, Double(y) + (Double(sy) + 0.5) / 4) { hits += 1 }
                }
                guard hits > 0 else { continue }
                let cover = Float(hits) / 16
                func blend(_ channel: UInt8) -> UInt8 { UInt8((Float(channel) * cover + 255 * (1 - cover)).rounded()) }
                raster[x, y] = RGBA(blend(colour.r), blend(colour.g), blend(colour.b))
                grey[y * size + x] = 1 - cover * (1 - luminance)
                ink[y * size + x] = cover * (1 - luminance)
            }
        }
        return PreparedMark(size: size, colour: raster, grey: grey, ink: ink)
    }

    static func disc(size: Int = 64, radius: Double = 24, colour: RGBA = RGBA(0, 0, 0)) -> PreparedMark {
        let c = Double(size) / 2
        return mark(size: size, colour: colour) { x, y in (x - c) * (x - c) + (y - c) * (y - c) <= radius * radius }
    }

    /// An axis-aligned square of side `side`, centred.
    static func square(size: Int = 64, side: Double = 32, colour: RGBA = RGBA(0, 0, 0)) -> PreparedMark {
        let c = Double(size) / 2, h = side / 2
        return mark(size: size, colour: colour) { x, y in abs(x - c) <= h && abs(y - c) <= h }
    }

    /// The same square turned by `degrees` about the centre.
    static func rotatedSquare(size: Int = 64, side: Double = 32, degrees: Double = 45) -> PreparedMark {
        let c = Double(size) / 2, h = side / 2, t = degrees * .pi / 180
        return mark(size: size) { x, y in
            let u = (x - c) * cos(t) + (y - c) * sin(t), v = -(x - c) * sin(t) + (y - c) * cos(t)
            return abs(u) <= h && abs(v) <= h
        }
    }

    /// An L: asymmetric under every rotation and mirror.
    static func letterL(size: Int = 64, mirrored: Bool = false) -> PreparedMark {
        mark(size: size) { x, y in
            let x = mirrored ? Double(size) - x : x
            return (x >= 16 && x <= 26 && y >= 10 && y <= 54) || (x >= 16 && x <= 46 && y >= 44 && y <= 54)
        }
    }

    /// A mark with every pixel from a plane of grey values (ink = 1 − grey).
    static func grey(size: Int, _ value: (Int, Int) -> Float) -> PreparedMark {
        var raster = Raster(width: size, height: size)
        var grey = [Float](repeating: 1, count: size * size)
        for y in 0..<size {
            for x in 0..<size {
                let g = value(x, y)
                grey[y * size + x] = g
                let byte = UInt8((g * 255).rounded())
                raster[x, y] = RGBA(byte, byte, byte)
            }
        }
        return PreparedMark(size: size, colour: raster, grey: grey, ink: grey.map { 1 - $0 })
    }

    /// The mark under a symmetry of the square.
    static func transformed(_ mark: PreparedMark, _ symmetry: DihedralSymmetry) -> PreparedMark {
        let n = mark.size
        var raster = Raster(width: n, height: n)
        var grey = [Float](repeating: 1, count: n * n)
        var ink = [Float](repeating: 0, count: n * n)
        for y in 0..<n {
            for x in 0..<n {
                let (tx, ty) = symmetry.map(x, y, size: n)
                raster[tx, ty] = mark.colour[x, y]
                grey[ty * n + tx] = mark.grey[y * n + x]
                ink[ty * n + tx] = mark.ink[y * n + x]
            }
        }
        return PreparedMark(size: n, colour: raster, grey: grey, ink: ink)
    }
}
