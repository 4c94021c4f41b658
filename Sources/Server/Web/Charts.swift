import Foundation

/// Bar charts as inline SVG, drawn on the server (no script, no library).
enum Charts {
    struct Bar: Sendable {
        var label: String
        /// 0...1; nil draws no bar and shows a dash.
        var value: Double?
    }

    /// Horizontal bars for measures in 0...1, with gridlines at 0.25 steps and the value at each bar's end.
    static func bars(_ bars: [Bar], title: String, id: String, rightToLeft: Bool = false) -> String {
        // Wide enough for the longest label (about 7 units a character, 13 for CJK), within bounds.
        let labelWidth = min(320, max(120, (bars.map { estimatedWidth($0.label) }.max() ?? 0) + 16))
        let plotWidth = 360.0
        let valueWidth = 60.0
        let rowHeight = 26.0
        let top = 8.0
        let width = labelWidth + plotWidth + valueWidth
        let height = top + Double(bars.count) * rowHeight + 22
        var svg = "<figure class=\"chart\"><svg \(HTML.attribute("id", id)) role=\"img\" \(HTML.attribute("aria-labelledby", id + "-title"))"
        svg += " viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\""
        svg += rightToLeft ? " style=\"direction: ltr\">" : ">"
        svg += "<title \(HTML.attribute("id", id + "-title"))>\(HTML.escape(title))</title>"
        for step in 0...4 {
            let x = labelWidth + plotWidth * Double(step) / 4
            svg += "<line class=\"grid\" x1=\"\(format(x))\" y1=\"\(format(top - 4))\" x2=\"\(format(x))\" y2=\"\(format(height - 18))\"/>"
            svg += "<text class=\"axis\" x=\"\(format(x))\" y=\"\(format(height - 4))\" text-anchor=\"middle\">\(format(Double(step) / 4, digits: 2))</text>"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += "<text class=\"label\" x=\"\(format(labelWidth - 8))\" y=\"\(format(y + rowHeight * 0.62))\" text-anchor=\"end\">\(HTML.escape(bar.label))</text>"
            if let value = bar.value {
                let clamped = min(max(value, 0), 1)
                svg += "<rect class=\"bar\" x=\"\(format(labelWidth))\" y=\"\(format(y + 4))\" width=\"\(format(plotWidth * clamped))\" height=\"\(format(rowHeight - 8))\" rx=\"2\"/>"
                svg += "<text class=\"value\" x=\"\(format(labelWidth + plotWidth * clamped + 6))\" y=\"\(format(y + rowHeight * 0.62))\">\(format(value, digits: 3))</text>"
            } else {
                svg += "<text class=\"value\" x=\"\(format(labelWidth + 6))\" y=\"\(format(y + rowHeight * 0.62))\">–</text>"
            }
        }
        svg += "</svg><figcaption>\(HTML.escape(title))</figcaption></figure>"
        return svg
    }

    /// The width a label needs at the charts' font size, roughly.
    static func estimatedWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { width, scalar in
            width + (scalar.properties.isIdeographic || (0x3040...0x30FF).contains(scalar.value) || (0xAC00...0xD7AF).contains(scalar.value) ? 13 : 7)
        }
    }

    /// Grouped bars: for each group (a level), one bar per series (a measure), with a legend.
    static func grouped(groups: [String], series: [(name: String, values: [Double?])], title: String, id: String) -> String {
        let left = 40.0
        let plotHeight = 200.0
        let top = 10.0
        let barWidth = 22.0
        let gap = 26.0
        let groupWidth = Double(series.count) * barWidth + gap
        let width = left + Double(groups.count) * groupWidth + 10
        let legendTop = top + plotHeight + 34
        let height = legendTop + Double(series.count) * 18 + 4
        var svg = "<figure class=\"chart\"><svg \(HTML.attribute("id", id)) role=\"img\" \(HTML.attribute("aria-labelledby", id + "-title"))"
        svg += " viewBox=\"0 0 \(Int(max(width, 320))) \(Int(height))\" width=\"\(Int(max(width, 320)))\" height=\"\(Int(height))\">"
        svg += "<title \(HTML.attribute("id", id + "-title"))>\(HTML.escape(title))</title>"
        for step in 0...4 {
            let y = top + plotHeight * (1 - Double(step) / 4)
            svg += "<line class=\"grid\" x1=\"\(format(left))\" y1=\"\(format(y))\" x2=\"\(format(width))\" y2=\"\(format(y))\"/>"
            svg += "<text class=\"axis\" x=\"\(format(left - 4))\" y=\"\(format(y + 4))\" text-anchor=\"end\">\(format(Double(step) / 4, digits: 2))</text>"
        }
        for (groupIndex, group) in groups.enumerated() {
            let x0 = left + Double(groupIndex) * groupWidth + gap / 2
            for (seriesIndex, item) in series.enumerated() {
                guard groupIndex < item.values.count, let value = item.values[groupIndex] else { continue }
                let clamped = min(max(value, 0), 1)
                let x = x0 + Double(seriesIndex) * barWidth
                let h = plotHeight * clamped
                svg += "<rect class=\"series-\(seriesIndex % 6)\" x=\"\(format(x))\" y=\"\(format(top + plotHeight - h))\" width=\"\(format(barWidth - 2))\" height=\"\(format(h))\">"
                svg += "<title>\(HTML.escape(group)) · \(HTML.escape(item.name)): \(format(value, digits: 3))</title></rect>"
            }
            svg += "<text class=\"label\" x=\"\(format(x0 + Double(series.count) * barWidth / 2))\" y=\"\(format(top + plotHeight + 16))\" text-anchor=\"middle\">\(HTML.escape(group))</text>"
        }
        for (seriesIndex, item) in series.enumerated() {
            let y = legendTop + Double(seriesIndex) * 18
            svg += "<rect class=\"series-\(seriesIndex % 6)\" x=\"\(format(left))\" y=\"\(format(y - 10))\" width=\"12\" height=\"12\"/>"
            svg += "<text class=\"label\" x=\"\(format(left + 18))\" y=\"\(format(y))\">\(HTML.escape(item.name))</text>"
        }
        svg += "</svg><figcaption>\(HTML.escape(title))</figcaption></figure>"
        return svg
    }

    static func format(_ value: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f", value)
    }
}
