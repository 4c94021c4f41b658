import Core
import Imaging

/// The register's use of the image engine: decode an uploaded file within limits, prepare the
/// mark, compute its signature, and make the PNG thumbnail pages show.
public struct MarkImaging: Sendable {
    /// Largest image file accepted, in bytes.
    public var maxFileBytes: Int
    /// Largest decoded image, in pixels (decompression bombs are refused before decoding).
    public var maxPixels: Int
    /// Longest side of stored thumbnails.
    public var thumbnailSide: Int

    public init(maxFileBytes: Int = 8 << 20, maxPixels: Int = 40_000_000, thumbnailSide: Int = 160) {
        self.maxFileBytes = maxFileBytes
        self.maxPixels = maxPixels
        self.thumbnailSide = thumbnailSide
    }

    /// An image described: its format, size and signature.
    public struct Described: Sendable {
        public var format: String
        public var width: Int
        public var height: Int
        public var signature: ImageSignature
        public var raster: Raster
        public var prepared: PreparedMark
    }

    /// Decodes and describes an image file.
    /// - Throws: `invalid_input`/`unsupported_format` naming the file (`name`) for anything but PNG,
    ///   JPEG, GIF or SVG, a damaged file, or a file or image over the limits.
    public func describe(_ bytes: [UInt8], name: String) throws(IPAIError) -> Described {
        guard bytes.count <= maxFileBytes else {
            throw IPAIError(
                .invalidInput, "the image is \(bytes.count) bytes; the limit is \(maxFileBytes) bytes",
                at: InputLocation(file: name, field: "image"))
        }
        let format = try ImageFormat.detect(bytes, name: name)
        let raster = try ImageDecoder.decode(bytes, name: name, limits: ImageLimits(maxBytes: maxFileBytes, maxPixels: maxPixels))
        let prepared = MarkPreprocessor().prepare(raster)
        let signature = ImageSignature(prepared)
        return Described(format: format.rawValue, width: raster.width, height: raster.height, signature: signature, raster: raster, prepared: prepared)
    }

    /// The signature of the mark's centre view (see ``MarkPreprocessor/centre(of:)``), for the register.
    func centreSignature(_ described: Described) -> ImageSignature? {
        MarkPreprocessor().centre(of: described.raster).map { ImageSignature(MarkPreprocessor().prepare($0)) }
    }

    /// Decodes an image and describes it as a search query (all eight poses).
    public func query(_ bytes: [UInt8], name: String) throws(IPAIError) -> QuerySignature {
        query(try describe(bytes, name: name))
    }

    /// A described image as a search query (all eight poses, its parts and its negative).
    public func query(_ described: Described) -> QuerySignature {
        QuerySignature(described.prepared, image: described.raster)
    }

    /// Decodes, describes and packs an image to store with a mark.
    public func stored(_ bytes: [UInt8], name: String) throws(IPAIError) -> (StoredMarkImage, ImageSignature) {
        let described = try describe(bytes, name: name)
        let thumbnail = PNGEncoder.encode(described.raster.thumbnail(maxSide: thumbnailSide))
        let image = StoredMarkImage(
            format: described.format, original: bytes, width: described.width, height: described.height,
            thumbnailPNG: thumbnail, signature: described.signature.encoded() + (centreSignature(described)?.encoded() ?? []),
            signatureVersion: Int(ImageSignature.encodingVersion))
        return (image, described.signature)
    }

    /// A stored signature decoded.
    /// - Throws: `storage_failure` naming the mark if the bytes are not a signature of this version.
    static func signature(decoding bytes: [UInt8], version: Int, of mark: String) throws(IPAIError) -> ImageSignature {
        try signatures(decoding: bytes, version: version, of: mark).whole
    }

    /// The stored signatures of a mark: the whole mark's, then its centre view's when it was stored.
    /// - Throws: `storage_failure` naming the mark if the bytes are not signatures of this version.
    static func signatures(decoding bytes: [UInt8], version: Int, of mark: String) throws(IPAIError) -> (whole: ImageSignature, centre: ImageSignature?) {
        do {
            let single = ImageSignature.encodedCount
            if bytes.count == 2 * single {
                return (try ImageSignature(encoded: Array(bytes[..<single])), try ImageSignature(encoded: Array(bytes[single...])))
            }
            return (try ImageSignature(encoded: bytes), nil)
        } catch {
            throw IPAIError(
                .storageFailure, "the stored signature of mark \(mark) (version \(version)) cannot be read; re-import its image",
                cause: error)
        }
    }
}
