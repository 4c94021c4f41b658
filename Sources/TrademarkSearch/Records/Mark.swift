import Core

/// A mark in the register: its row id, what the register says about it and what is known of its image.
public struct Mark: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var details: MarkDetails
    /// `png`, `jpeg`, `gif` or `svg`; nil while the mark has no image.
    public var imageFormat: String?
    /// Size of the original image file in bytes (0 without an image).
    public var imageBytes: Int
    /// Pixel size of the decoded image (0 without an image).
    public var width: Int
    public var height: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: Int64, details: MarkDetails, imageFormat: String?, imageBytes: Int, width: Int, height: Int,
        createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.details = details
        self.imageFormat = imageFormat
        self.imageBytes = imageBytes
        self.width = width
        self.height = height
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// An image ready to store with a mark: the original file, a PNG thumbnail to show, and the
/// encoded signature the index compares (with its format version, so a newer engine can tell
/// which signatures to recompute).
public struct StoredMarkImage: Sendable, Equatable {
    public var format: String
    public var original: [UInt8]
    public var width: Int
    public var height: Int
    public var thumbnailPNG: [UInt8]
    public var signature: [UInt8]
    public var signatureVersion: Int

    public init(format: String, original: [UInt8], width: Int, height: Int, thumbnailPNG: [UInt8], signature: [UInt8], signatureVersion: Int) {
        self.format = format
        self.original = original
        self.width = width
        self.height = height
        self.thumbnailPNG = thumbnailPNG
        self.signature = signature
        self.signatureVersion = signatureVersion
    }
}

/// What the search index needs of one mark: its id, filter fields and encoded signature.
public struct IndexedMark: Sendable {
    public var id: Int64
    public var externalID: String
    public var vienna: [String]
    public var nice: [Int]
    public var status: MarkStatus
    public var signature: [UInt8]
    public var signatureVersion: Int
}
