import CImage
import Core

/// Encodes a ``Raster`` as JPEG (alpha dropped: flatten first, ``Raster/flattened(on:)``).
public enum JPEGEncoder {
    /// JPEG bytes of `raster` at `quality` 1…100.
    public static func encode(_ raster: Raster, quality: Int = 90) throws(IPAIError) -> [UInt8] {
        try ImageEncoding.encode(raster, format: CIMAGE_JPEG, quality: Int32(clamping: quality))
    }
}
