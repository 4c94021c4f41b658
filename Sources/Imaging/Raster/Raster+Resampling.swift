import CImage

/// Resampling: area averaging when shrinking (every source pixel counts, so thin lines survive),
/// bilinear interpolation when enlarging. Colours are averaged premultiplied by alpha, so transparent
/// pixels do not bleed their (invisible) colour into the edges of a mark. The pixel loop is in the C shim
/// (`cimage_resample`): it runs for every mark indexed.
extension Raster {
    /// This image resampled to `width`×`height` (aspect ratio not kept: see ``thumbnail(maxSide:)``).
    public func resized(width newWidth: Int, height newHeight: Int) -> Raster {
        precondition(newWidth > 0 && newHeight > 0, "a raster has at least one pixel")
        if newWidth == width && newHeight == height { return self }
        let opaque: Int32 = hasTransparency ? 0 : 1
        var status: Int32 = 0
        let result = [UInt8](unsafeUninitializedCapacity: newWidth * newHeight * 4) { target, count in
            status = pixels.withUnsafeBufferPointer { source in
                cimage_resample(source.baseAddress, UInt32(width), UInt32(height),
                                target.baseAddress, UInt32(newWidth), UInt32(newHeight), opaque)
            }
            if status != Int32(CIMAGE_OK) { target.initialize(repeating: 0) }
            count = newWidth * newHeight * 4
        }
        // Only its few small working buffers can fail to allocate: memory is exhausted.
        precondition(status == Int32(CIMAGE_OK), "out of memory resampling a \(width)×\(height) image")
        return Raster(width: newWidth, height: newHeight, pixels: result)
    }

    /// This image scaled down (never up) so that its longer side is at most `maxSide`, aspect ratio kept.
    public func thumbnail(maxSide: Int) -> Raster {
        precondition(maxSide > 0, "a thumbnail has at least one pixel")
        let longest = Swift.max(width, height)
        if longest <= maxSide { return self }
        let scale = Double(maxSide) / Double(longest)
        let newWidth = Swift.max(1, Int((Double(width) * scale).rounded()))
        let newHeight = Swift.max(1, Int((Double(height) * scale).rounded()))
        return resized(width: newWidth, height: newHeight)
    }
}
