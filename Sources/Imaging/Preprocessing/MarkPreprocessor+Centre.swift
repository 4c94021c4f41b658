extension MarkPreprocessor {
    /// Share of the mark's width and height its centre view keeps.
    public static let centreShare = 0.75

    /// The central part of the mark in `raster` (``centreShare`` of its box each way, transparency kept), or
    /// `nil` when the mark is too small to have one. A register describes it beside the whole mark, so a
    /// search with a detail of a mark — a logo cut down to its middle — finds the mark it comes from.
    public func centre(of raster: Raster) -> Raster? {
        let (_, _, box) = flattenedMark(raster)
        guard !box.empty, box.width >= 8, box.height >= 8 else { return nil }
        let width = Int((Double(box.width) * Self.centreShare).rounded()), height = Int((Double(box.height) * Self.centreShare).rounded())
        return raster.cropped(x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width: width, height: height)
    }
}
