import CImage
import Core

/// Encodes a ``Raster`` as a GIF89a with a 6×6×6 colour cube and one transparent index (alpha < 128):
/// enough for test images and simple graphics, not a quality quantiser.
public enum GIFEncoder {
    /// GIF bytes of `raster`.
    public static func encode(_ raster: Raster) throws(IPAIError) -> [UInt8] {
        try ImageEncoding.encode(raster, format: CIMAGE_GIF, quality: 0)
    }
}
