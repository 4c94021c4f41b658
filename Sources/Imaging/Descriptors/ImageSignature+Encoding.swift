import Core

extension ImageSignature {
    /// The version byte that starts every encoded signature; bumped when descriptors change, so that
    /// stored signatures of an older version are recognised (and recomputed from their images).
    /// Version 2 added the lightness profile.
    public static let encodingVersion: UInt8 = 2

    /// The length of every encoded signature of this version (the vectors have fixed lengths).
    public static let encodedCount = ImageSignature(
        colourHistogram: [Float](repeating: 0, count: LabColourHistogram.count), hog: [Float](repeating: 0, count: HOGDescriptor.count),
        zernike: [Float](repeating: 0, count: ZernikeMoments.count), contourFourier: [Float](repeating: 0, count: ContourFourier.count),
        perceptualHash: 0, lightness: [Float](repeating: 0, count: LabColourHistogram.lightnessProfileBins)
    ).encoded().count

    /// The signature as bytes for the store: a version byte, then the four float vectors (each a
    /// 64-bit little-endian count and IEEE 754 values), the hash, then the lightness profile.
    public func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(Self.encodingVersion)
        writer.write(colourHistogram)
        writer.write(hog)
        writer.write(zernike)
        writer.write(contourFourier)
        writer.write(perceptualHash)
        writer.write(lightness)
        return [UInt8](writer.bytes)
    }

    /// Reads what ``encoded()`` wrote.
    ///
    /// - Throws: `IPAIError` `.corruptModel` when the bytes are truncated, of another version, or hold
    ///   vectors of the wrong length (recompute the signature from the mark's image).
    public init(encoded bytes: [UInt8]) throws(IPAIError) {
        var reader = BinaryReader(bytes, sourceName: "image signature")
        let version: UInt8 = try reader.read()
        guard version == Self.encodingVersion else {
            throw IPAIError(.corruptModel, "image signature has version \(version), this IPAI reads version \(Self.encodingVersion): recompute it from the mark's image")
        }
        let colour = try reader.readFloats()
        let hog = try reader.readFloats()
        let zernike = try reader.readFloats()
        let contour = try reader.readFloats()
        let hash: UInt64 = try reader.read()
        let lightness = try reader.readFloats()
        guard reader.isAtEnd else { throw reader.corrupt("\(reader.remaining) bytes after the signature") }
        for (name, vector, expected) in [
            ("colour histogram", colour, LabColourHistogram.count), ("HOG", hog, HOGDescriptor.count),
            ("Zernike moments", zernike, ZernikeMoments.count), ("contour Fourier descriptors", contour, ContourFourier.count),
            ("lightness profile", lightness, LabColourHistogram.lightnessProfileBins),
        ] where vector.count != expected {
            throw IPAIError(.corruptModel, "image signature: \(name) has \(vector.count) values, expected \(expected)")
        }
        self.init(colourHistogram: colour, hog: hog, zernike: zernike, contourFourier: contour, perceptualHash: hash, lightness: lightness)
    }
}
