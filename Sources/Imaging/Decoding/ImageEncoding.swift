import CImage
import Core

/// The shared call into the C shim's encoders.
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
