import CImage
import Core

/// Encodes a ``Raster`` as PNG: thumbnails the API serves, and test images.
public enum PNGEncoder {
    /// PNG bytes of `raster` (RGBA, 8 bits per channel).
    public static func encode(_ raster: Raster) -> [UInt8] {
        do {
            return try ImageEncoding.encode(raster, format: CIMAGE_PNG, quality: 0)
        } catch {
            // libpng fails here only when memory runs out.
            fatalError("PNG encoding failed: \(error.message)")
        }
    }
}
