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

/// Encodes a ``Raster`` as JPEG (alpha dropped: flatten first, ``Raster/flattened(on:)``).
public enum JPEGEncoder {
    /// JPEG bytes of `raster` at `quality` 1…100.
    public static func encode(_ raster: Raster, quality: Int = 90) throws(IPAIError) -> [UInt8] {
        try ImageEncoding.encode(raster, format: CIMAGE_JPEG, quality: Int32(clamping: quality))
    }
}

/// Encodes a ``Raster`` as a GIF89a with a 6×6×6 colour cube and one transparent index (alpha < 128):
/// enough for test images and simple graphics, not a quality quantiser.
public enum GIFEncoder {
    /// GIF bytes of `raster`.
    public static func encode(_ raster: Raster) throws(IPAIError) -> [UInt8] {
        try ImageEncoding.encode(raster, format: CIMAGE_GIF, quality: 0)
    }
}

enum ImageEncoding {
    static func encode(_ raster: Raster, format: Int, quality: Int32) throws(IPAIError) -> [UInt8] {
        var message = [CChar](repeating: 0, count: 512)
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = raster.pixels.withUnsafeBufferPointer { pixels in
            cimage_encode(Int32(format), pixels.baseAddress, UInt32(raster.width), UInt32(raster.height), quality, &output, &size, &message, message.count)
        }
        defer { cimage_free(output) }
        guard status == Int32(CIMAGE_OK), let output else {
            throw IPAIError(.invalidInput, "cannot encode a \(raster.width)×\(raster.height) image: \(ImageDecoder.text(message))")
        }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
