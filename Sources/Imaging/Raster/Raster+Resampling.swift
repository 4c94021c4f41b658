/// Resampling: area averaging when shrinking (every source pixel counts, so thin lines survive),
/// bilinear interpolation when enlarging. Colours are averaged premultiplied by alpha, so transparent
/// pixels do not bleed their (invisible) colour into the edges of a mark.
extension Raster {
    /// This image resampled to `width`×`height` (aspect ratio not kept: see ``thumbnail(maxSide:)``).
    public func resized(width newWidth: Int, height newHeight: Int) -> Raster {
        precondition(newWidth > 0 && newHeight > 0, "a raster has at least one pixel")
        if newWidth == width && newHeight == height { return self }
        let horizontal = ResamplingTaps(from: width, to: newWidth)
        let vertical = ResamplingTaps(from: height, to: newHeight)
        // Pass 1: rows, source height × new width, premultiplied floats.
        var across = [Float](repeating: 0, count: height * newWidth * 4)
        pixels.withUnsafeBufferPointer { source in
            across.withUnsafeMutableBufferPointer { target in
                horizontal.starts.withUnsafeBufferPointer { starts in
                    horizontal.counts.withUnsafeBufferPointer { counts in
                        horizontal.weights.withUnsafeBufferPointer { weights in
                            for y in 0..<height {
                                let sourceRow = y * width * 4
                                let targetRow = y * newWidth * 4
                                for x in 0..<newWidth {
                                    var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                                    let start = starts[x]
                                    let base = x * horizontal.stride
                                    for tap in 0..<counts[x] {
                                        let index = sourceRow + (start + tap) * 4
                                        let alpha = Float(source[index + 3])
                                        let weight = weights[base + tap] * alpha
                                        r += weight * Float(source[index])
                                        g += weight * Float(source[index + 1])
                                        b += weight * Float(source[index + 2])
                                        a += weights[base + tap] * alpha
                                    }
                                    let out = targetRow + x * 4
                                    target[out] = r
                                    target[out + 1] = g
                                    target[out + 2] = b
                                    target[out + 3] = a
                                }
                            }
                        }
                    }
                }
            }
        }
        // Pass 2: columns, then back to straight (unpremultiplied) bytes.
        var result = [UInt8](repeating: 0, count: newWidth * newHeight * 4)
        across.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                vertical.starts.withUnsafeBufferPointer { starts in
                    vertical.counts.withUnsafeBufferPointer { counts in
                        vertical.weights.withUnsafeBufferPointer { weights in
                            let rowLength = newWidth * 4
                            for y in 0..<newHeight {
                                let start = starts[y]
                                let base = y * vertical.stride
                                let count = counts[y]
                                for x in 0..<newWidth {
                                    var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                                    for tap in 0..<count {
                                        let index = (start + tap) * rowLength + x * 4
                                        let weight = weights[base + tap]
                                        r += weight * source[index]
                                        g += weight * source[index + 1]
                                        b += weight * source[index + 2]
                                        a += weight * source[index + 3]
                                    }
                                    let out = (y * newWidth + x) * 4
                                    if a > 0.5 {
                                        let scale = 1 / a
                                        target[out] = Self.byte(r * scale)
                                        target[out + 1] = Self.byte(g * scale)
                                        target[out + 2] = Self.byte(b * scale)
                                        target[out + 3] = Self.byte(a)
                                    } // else fully transparent: stays 0,0,0,0
                                }
                            }
                        }
                    }
                }
            }
        }
        return Raster(width: newWidth, height: newHeight, pixels: result)
    }

    /// This image scaled down (never up) so that its longer side is at most `maxSide`, aspect ratio kept.
    public func thumbnail(maxSide: Int) -> Raster {
        precondition(maxSide > 0, "a thumbnail has at least one pixel")
        let longest = Swift.max(width, height)
        if longest <= maxSide { return self }
        let scale = Double(maxSide) / Double(longest)
        let newWidth = Swift.max(1, Int((Double(width) * scale).rounded()))
        let newHeight = Swift.max(1, Int((Double(height) * scale).rounded()))
        return resized(width: newWidth, height: newHeight)
    }

    @inline(__always)
    static func byte(_ value: Float) -> UInt8 {
        value <= 0 ? 0 : value >= 255 ? 255 : UInt8(value + 0.5)
    }
}

/// For each output position along one axis, the source positions it reads and their weights (summing to 1).
struct ResamplingTaps {
    var starts: [Int]
    var counts: [Int]
    /// `stride` weights per output position, the first `counts[i]` used.
    var weights: [Float]
    var stride: Int

    init(from source: Int, to target: Int) {
        starts = [Int](repeating: 0, count: target)
        counts = [Int](repeating: 0, count: target)
        if target < source {
            // Area averaging: output pixel i covers [i·scale, (i+1)·scale) of the source.
            let scale = Double(source) / Double(target)
            stride = Int(scale.rounded(.up)) + 1
            weights = [Float](repeating: 0, count: target * stride)
            for i in 0..<target {
                let low = Double(i) * scale
                let high = Swift.min(Double(source), Double(i + 1) * scale)
                let first = Int(low.rounded(.down))
                let last = Swift.min(source - 1, Int(high.rounded(.up)) - 1)
                starts[i] = first
                counts[i] = last - first + 1
                for j in first...last {
                    let overlap = Swift.min(high, Double(j + 1)) - Swift.max(low, Double(j))
                    weights[i * stride + j - first] = Float(Swift.max(0, overlap) / scale)
                }
            }
        } else {
            // Bilinear, pixel centres aligned.
            stride = 2
            weights = [Float](repeating: 0, count: target * stride)
            let scale = Double(source) / Double(target)
            for i in 0..<target {
                let position = Swift.max(0, (Double(i) + 0.5) * scale - 0.5)
                let first = Swift.min(source - 1, Int(position.rounded(.down)))
                let fraction = Float(position - Double(first))
                starts[i] = first
                if first + 1 < source && fraction > 0 {
                    counts[i] = 2
                    weights[i * stride] = 1 - fraction
                    weights[i * stride + 1] = fraction
                } else {
                    counts[i] = 1
                    weights[i * stride] = 1
                }
            }
        }
    }
}
