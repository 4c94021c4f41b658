extension QuerySignature {
    /// 1 where the prepared mark differs from its ground (the colour of its border) by more than the
    /// pre-processor's tolerance, else 0. Unlike ink, which is scaled to the image's strongest contrast, a pale
    /// device keeps its whole extent when a black word stands beside it — where its parts are looked for.
    static func presence(of mark: PreparedMark) -> [Float] {
        let ground = MarkPreprocessor.borderColour(of: mark.colour)
        let tolerance = MarkPreprocessor().tolerance
        return mark.colour.pixels.withUnsafeBufferPointer { pixels in
            (0..<(mark.size * mark.size)).map { pixel in
                let index = pixel * 4
                let difference = max(abs(Int(pixels[index]) - Int(ground.r)), abs(Int(pixels[index + 1]) - Int(ground.g)),
                                     abs(Int(pixels[index + 2]) - Int(ground.b)))
                return difference > tolerance ? 1 : 0
            }
        }
    }

    /// Where the mark's dominant part lies (in the prepared mark's pixels), when the rest of the
    /// image sits wholly to one side of it — a word beside or under a device — or `nil`.
    ///
    /// The silhouette (64×64) is split into 8-connected parts; the box of the largest grows by every
    /// part touching it; what is left must lie entirely left, right, above or below that box.
    static func dominantPartBox(_ mark: PreparedMark) -> (x: Int, y: Int, width: Int, height: Int)? {
        let n = 64
        let plane = DescriptorPlane(size: mark.size, values: presence(of: mark)).resampled(to: n)
        var label = [Int](repeating: -1, count: n * n)
        var boxes: [(minX: Int, minY: Int, maxX: Int, maxY: Int, area: Int)] = []
        var stack: [Int] = []
        for start in 0..<(n * n) where plane.values[start] > 0.5 && label[start] < 0 {
            let id = boxes.count
            var box = (minX: n, minY: n, maxX: -1, maxY: -1, area: 0)
            label[start] = id
            stack.append(start)
            while let pixel = stack.popLast() {
                let x = pixel % n, y = pixel / n
                box = (min(box.minX, x), min(box.minY, y), max(box.maxX, x), max(box.maxY, y), box.area + 1)
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < n, ny < n else { continue }
                        let neighbour = ny * n + nx
                        if plane.values[neighbour] > 0.5 && label[neighbour] < 0 {
                            label[neighbour] = id
                            stack.append(neighbour)
                        }
                    }
                }
            }
            boxes.append(box)
        }
        let parts = boxes.filter { $0.area >= 3 }
        guard parts.count >= 2, let largest = parts.indices.max(by: { parts[$0].area < parts[$1].area }) else { return nil }
        var inside = Set([largest])
        var box = parts[largest]
        var grown = true
        while grown {
            grown = false
            for (index, part) in parts.enumerated() where !inside.contains(index) {
                // Touching or overlapping the box (with a pixel to spare) makes a part part of the mark.
                if part.minX <= box.maxX + 1 && part.maxX >= box.minX - 1 && part.minY <= box.maxY + 1 && part.maxY >= box.minY - 1 {
                    inside.insert(index)
                    box = (min(box.minX, part.minX), min(box.minY, part.minY), max(box.maxX, part.maxX), max(box.maxY, part.maxY), box.area + part.area)
                    grown = true
                }
            }
        }
        let rest = parts.indices.filter { !inside.contains($0) }.map { parts[$0] }
        guard !rest.isEmpty else { return nil }
        let restBox = (minX: rest.map(\.minX).min()!, minY: rest.map(\.minY).min()!, maxX: rest.map(\.maxX).max()!, maxY: rest.map(\.maxY).max()!)
        let beside = restBox.minX > box.maxX || restBox.maxX < box.minX || restBox.minY > box.maxY || restBox.maxY < box.minY
        guard beside else { return nil }
        let scale = Double(mark.size) / Double(n)
        let x = Int((Double(box.minX - 1) * scale).rounded(.down)), y = Int((Double(box.minY - 1) * scale).rounded(.down))
        let right = Int((Double(box.maxX + 2) * scale).rounded(.up)), bottom = Int((Double(box.maxY + 2) * scale).rounded(.up))
        let clippedX = max(0, x), clippedY = max(0, y)
        let width = min(mark.size, right) - clippedX, height = min(mark.size, bottom) - clippedY
        guard width > 2, height > 2 else { return nil }
        return (clippedX, clippedY, width, height)
    }

    /// The dominant part of the mark prepared on its own, if the image has one beside other matter.
    static func dominantPart(of mark: PreparedMark) -> PreparedMark? {
        guard let box = dominantPartBox(mark) else { return nil }
        let cropped = mark.colour.cropped(x: box.x, y: box.y, width: box.width, height: box.height)
        return MarkPreprocessor(size: mark.size).prepare(cropped)
    }
}

extension QuerySignature {
    /// The mark's negative, prepared as a mark. Offices treat a mark and its negative as the same sign; a
    /// negative printed on white cannot be told from a positive by polarity alone.
    ///
    /// An opaque `image` is taken as printed on white paper (see ``negative(of:size:)``). On a transparent
    /// image the ground is known (the flattening colour) and every pixel of the prepared mark (ink above 5 %)
    /// is inverted; so too without the image.
    static func negative(of mark: PreparedMark, image: Raster?) -> PreparedMark {
        if let image, !image.hasTransparency { return negative(of: image, size: mark.size) }
        return negativeOnKnownGround(mark)
    }

    /// An opaque image's negative as printed on white paper: what differs from the paper is the mark and is
    /// inverted, the paper stays — not the ground the pre-processor estimates, which for a negative that fills
    /// its frame is the mark's own (inverted) colour.
    static func negative(of image: Raster, size: Int) -> PreparedMark {
        var raster = image.thumbnail(maxSide: 4 * size).flattened()
        let width = raster.width, height = raster.height, count = width * height
        // How far from white each pixel is; the paper is the commonest near-white on the border, give or take a
        // little noise — tight, because a negative's darkest parts (black hair) turn almost white.
        let whiteness: [Int] = raster.pixels.withUnsafeBufferPointer { pixels in
            (0..<count).map { pixel in 255 - Int(min(pixels[pixel * 4], pixels[pixel * 4 + 1], pixels[pixel * 4 + 2])) }
        }
        let tolerance = MarkPreprocessor().tolerance
        var borderCounts = [Int](repeating: 0, count: tolerance + 1)
        for y in 0..<height {
            for x in 0..<width where x == 0 || y == 0 || x == width - 1 || y == height - 1 {
                let difference = whiteness[y * width + x]
                if difference <= tolerance { borderCounts[difference] += 1 }
            }
        }
        let paper = borderCounts.indices.max { borderCounts[$0] < borderCounts[$1] || (borderCounts[$0] == borderCounts[$1] && $0 > $1) }!
        // No white on the border: not printed on white; the whole image turns.
        let paperTolerance = borderCounts[paper] == 0 ? -1 : min(tolerance, paper + Self.paperNoise)
        invert(&raster, where: whiteness.map { $0 > paperTolerance }, edgeIsRim: false)
        return MarkPreprocessor(size: size).prepare(raster)
    }

    /// How much lighter or darker than its commonest shade (0…255) paper may be and still be paper.
    static let paperNoise = 6

    /// The prepared mark with every pixel of the mark (ink above 5 %) inverted, on its ground.
    static func negativeOnKnownGround(_ mark: PreparedMark) -> PreparedMark {
        var raster = mark.colour
        invert(&raster, where: mark.ink.map { $0 > 0.05 }, edgeIsRim: true)
        return MarkPreprocessor(size: mark.size).prepare(raster)
    }

    /// Inverts the colours of the `inverted` pixels, but for the rim — those next to a pixel that is not
    /// inverted (with `edgeIsRim`, also those on the image's edge), blended with the paper — which goes to white:
    /// turned back it would be a dark halo (colour × coverage) the positive never had.
    static func invert(_ raster: inout Raster, where inverted: [Bool], edgeIsRim: Bool) {
        let width = raster.width, height = raster.height
        raster.pixels.withUnsafeMutableBufferPointer { pixels in
            for pixel in 0..<inverted.count where inverted[pixel] {
                let index = pixel * 4
                let x = pixel % width, y = pixel / width
                let rim = (x > 0 ? !inverted[pixel - 1] : edgeIsRim) || (x < width - 1 ? !inverted[pixel + 1] : edgeIsRim)
                    || (y > 0 ? !inverted[pixel - width] : edgeIsRim) || (y < height - 1 ? !inverted[pixel + width] : edgeIsRim)
                if rim {
                    pixels[index] = 255; pixels[index + 1] = 255; pixels[index + 2] = 255
                } else {
                    pixels[index] = 255 - pixels[index]
                    pixels[index + 1] = 255 - pixels[index + 1]
                    pixels[index + 2] = 255 - pixels[index + 2]
                }
            }
        }
    }
}

extension QuerySignature {
    /// For a mark at least 1.5 times as wide as high (or high as wide), the squares at its two ends:
    /// where a device sits when a word runs beside or under it, even when the two touch.
    static func endSquares(of mark: PreparedMark) -> [PreparedMark] {
        let n = mark.size
        let present = presence(of: mark)
        var minX = n, minY = n, maxX = -1, maxY = -1
        for y in 0..<n {
            for x in 0..<n where present[y * n + x] > 0.5 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= minX else { return [] }
        let width = maxX - minX + 1, height = maxY - minY + 1
        if width * 2 >= height * 3 {
            return [minX, maxX + 1 - height].map { x in
                MarkPreprocessor(size: n).prepare(mark.colour.cropped(x: x, y: minY, width: height, height: height))
            }
        }
        if height * 2 >= width * 3 {
            return [minY, maxY + 1 - width].map { y in
                MarkPreprocessor(size: n).prepare(mark.colour.cropped(x: minX, y: y, width: width, height: width))
            }
        }
        return []
    }
}
