extension Raster {
    /// This image composited over an opaque `ground` colour (white by default): transparency flattened
    /// as a viewer shows it, every pixel opaque afterwards.
    public func flattened(on ground: RGBA = RGBA(255, 255, 255)) -> Raster {
        var result = pixels
        let groundR = Int(ground.r), groundG = Int(ground.g), groundB = Int(ground.b)
        result.withUnsafeMutableBufferPointer { bytes in
            for index in stride(from: 0, to: bytes.count, by: 4) {
                let alpha = Int(bytes[index + 3])
                if alpha == 255 { continue }
                let rest = 255 - alpha
                // (c·a + g·(255−a)) / 255, rounded.
                bytes[index] = UInt8((Int(bytes[index]) * alpha + groundR * rest + 127) / 255)
                bytes[index + 1] = UInt8((Int(bytes[index + 1]) * alpha + groundG * rest + 127) / 255)
                bytes[index + 2] = UInt8((Int(bytes[index + 2]) * alpha + groundB * rest + 127) / 255)
                bytes[index + 3] = 255
            }
        }
        return Raster(width: width, height: height, pixels: result)
    }

    /// Whether any pixel is not fully opaque.
    public var hasTransparency: Bool {
        pixels.withUnsafeBufferPointer { bytes in
            for index in stride(from: 3, to: bytes.count, by: 4) where bytes[index] != 255 { return true }
            return false
        }
    }

    /// The `width`×`height` part of this image whose top-left corner is (`x`, `y`); parts outside the
    /// image are filled with `fill`.
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int, fill: RGBA = RGBA(255, 255, 255)) -> Raster {
        var result = Raster(width: cropWidth, height: cropHeight, fill: fill)
        let fromX = Swift.max(0, x), toX = Swift.min(width, x + cropWidth)
        let fromY = Swift.max(0, y), toY = Swift.min(height, y + cropHeight)
        guard fromX < toX && fromY < toY else { return result }
        let rowBytes = (toX - fromX) * 4
        pixels.withUnsafeBufferPointer { source in
            result.pixels.withUnsafeMutableBufferPointer { target in
                for sourceY in fromY..<toY {
                    let sourceStart = (sourceY * width + fromX) * 4
                    let targetStart = ((sourceY - y) * cropWidth + (fromX - x)) * 4
                    for offset in 0..<rowBytes {
                        target[targetStart + offset] = source[sourceStart + offset]
                    }
                }
            }
        }
        return result
    }
}
