import CImage
import Core

extension IPAIError.Code {
    /// An image over the file-size or pixel-count limit (``ImageLimits``).
    public static let imageTooLarge = Self("image_too_large")
}

/// Decodes PNG, JPEG, GIF (first frame) and SVG (rendered) into a ``Raster``, within ``ImageLimits``.
///
/// The format is recognised from the bytes (``ImageFormat/detect(_:name:)``); the header is read before
/// any pixel memory is allocated, so oversized images are refused without being decoded. Errors name
/// the file and say what is wrong.
///
/// ```swift
/// let raster = try ImageDecoder.decode(bytes, name: "mark.png")
/// ```
public enum ImageDecoder {
    /// The image in `data` as RGBA pixels (straight alpha). `name` is used in error messages.
    public static func decode(_ data: [UInt8], name: String, limits: ImageLimits = .standard) throws(IPAIError) -> Raster {
        if data.isEmpty {
            throw IPAIError(.emptyInput, "'\(name)' is empty (0 bytes); send a PNG, JPEG, GIF or SVG image", at: InputLocation(field: "image"))
        }
        if data.count > limits.maxBytes {
            throw IPAIError(
                .imageTooLarge,
                "'\(name)' is \(megabytes(data.count)); images may be at most \(megabytes(limits.maxBytes)): send a smaller file",
                at: InputLocation(field: "image")
            )
        }
        let format = try ImageFormat.detect(data, name: name)
        let (width, height) = try dimensions(of: data, format: format, name: name, limits: limits)
        return try pixels(of: data, format: format, width: width, height: height, name: name)
    }

    /// Width and height in pixels from the header alone (for SVG: the size it will be rendered at).
    public static func dimensions(of data: [UInt8], format: ImageFormat, name: String, limits: ImageLimits = .standard) throws(IPAIError) -> (width: Int, height: Int) {
        var message = [CChar](repeating: 0, count: 512)
        if format == .svg {
            var intrinsicWidth = 0.0, intrinsicHeight = 0.0
            let status = data.withUnsafeBufferPointer { bytes in
                cimage_svg_size(bytes.baseAddress, bytes.count, &intrinsicWidth, &intrinsicHeight, &message, message.count)
            }
            guard status == Int32(CIMAGE_OK) else { throw unreadable(name, format, text(message)) }
            // No intrinsic size and no viewBox: render as a square.
            if !(intrinsicWidth > 0 && intrinsicHeight > 0) || !intrinsicWidth.isFinite || !intrinsicHeight.isFinite {
                intrinsicWidth = 1
                intrinsicHeight = 1
            }
            let side = Double(limits.svgRenderSize)
            let scale = side / Swift.max(intrinsicWidth, intrinsicHeight)
            return (Swift.max(1, Int((intrinsicWidth * scale).rounded())), Swift.max(1, Int((intrinsicHeight * scale).rounded())))
        }
        var width: UInt32 = 0, height: UInt32 = 0
        let status = data.withUnsafeBufferPointer { bytes in
            cimage_probe(code(format), bytes.baseAddress, bytes.count, &width, &height, &message, message.count)
        }
        guard status == Int32(CIMAGE_OK) else { throw unreadable(name, format, text(message)) }
        guard width > 0 && height > 0 else {
            throw IPAIError(.invalidInput, "'\(name)' declares an empty \(width)×\(height) \(label(format)) image", at: InputLocation(field: "image"))
        }
        let pixels = Int(width) * Int(height)
        if pixels > limits.maxPixels {
            throw IPAIError(
                .imageTooLarge,
                "'\(name)' is \(width)×\(height) pixels (\(millions(pixels)) million); images may have at most \(millions(limits.maxPixels)) million pixels: send a smaller image",
                at: InputLocation(field: "image")
            )
        }
        return (Int(width), Int(height))
    }

    static func pixels(of data: [UInt8], format: ImageFormat, width: Int, height: Int, name: String) throws(IPAIError) -> Raster {
        var message = [CChar](repeating: 0, count: 512)
        var status: Int32 = 0
        let rgba = [UInt8](unsafeUninitializedCapacity: width * height * 4) { buffer, count in
            status = data.withUnsafeBufferPointer { bytes in
                cimage_decode(code(format), bytes.baseAddress, bytes.count, UInt32(width), UInt32(height), buffer.baseAddress, &message, message.count)
            }
            // The buffer is fully written on success; on failure it is discarded, so zero it to stay defined.
            if status != Int32(CIMAGE_OK) { buffer.initialize(repeating: 0) }
            count = width * height * 4
        }
        guard status == Int32(CIMAGE_OK) else { throw unreadable(name, format, text(message)) }
        return Raster(width: width, height: height, pixels: rgba)
    }

    static func code(_ format: ImageFormat) -> Int32 {
        switch format {
        case .png: Int32(CIMAGE_PNG)
        case .jpeg: Int32(CIMAGE_JPEG)
        case .gif: Int32(CIMAGE_GIF)
        case .svg: Int32(CIMAGE_SVG)
        }
    }

    static func label(_ format: ImageFormat) -> String {
        switch format {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .svg: "SVG"
        }
    }

    static func unreadable(_ name: String, _ format: ImageFormat, _ detail: String) -> IPAIError {
        let lowered = detail.lowercased()
        let truncated = ["end of data", "truncated", "ends before", "not enough image data", "premature end", "read beyond"]
            .contains { lowered.contains($0) }
        let what = truncated ? "is a truncated \(label(format)) file" : "is not a readable \(label(format)) image"
        return IPAIError(.invalidInput, "'\(name)' \(what) (\(detail)); send the complete, original file", at: InputLocation(field: "image"))
    }

    static func text(_ message: [CChar]) -> String {
        let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \n.")
        return text.isEmpty ? "no detail from the decoder" : text
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_000_000
        if value >= 10 || value == value.rounded() { return "\(Int(value.rounded())) MB" }
        return "\((value * 10).rounded() / 10) MB"
    }

    static func millions(_ pixels: Int) -> String {
        let value = Double(pixels) / 1_000_000
        if value >= 10 || value == value.rounded() { return "\(Int(value.rounded()))" }
        return "\((value * 10).rounded() / 10)"
    }
}

extension String {
    /// Drops leading and trailing characters in `set` (Foundation-free).
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
