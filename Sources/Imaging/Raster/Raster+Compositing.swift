import CImage

extension Raster {
    /// This image composited over an opaque `ground` colour (white by default): transparency flattened
    /// as a viewer shows it, every pixel opaque afterwards.
    public func flattened(on ground: RGBA = RGBA(255, 255, 255)) -> Raster {
        var result = pixels
        result.withUnsafeMutableBufferPointer { bytes in
            cimage_flatten(bytes.baseAddress, width * height, ground.r, ground.g, ground.b)
        }
        return Raster(width: width, height: height, pixels: result)
    }

    /// Whether any pixel is not fully opaque.
    public var hasTransparency: Bool {
        pixels.withUnsafeBufferPointer { bytes in cimage_has_transparency(bytes.baseAddress, width * height) != 0 }
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
                    (target.baseAddress! + targetStart).update(from: source.baseAddress! + sourceStart, count: rowBytes)
                }
            }
        }
        return result
    }
}
