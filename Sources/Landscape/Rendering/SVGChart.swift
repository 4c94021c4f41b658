import Core
import Foundation

/// Inline SVG charts for the report: line, bar, stacked bar and heatmap. Each chart has a
/// `<title>` and `<desc>` and is labelled for screen readers; the table after it carries the numbers.
enum SVGChart {
    static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
    ]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    static func header(id: String, width: Int, height: Int, title: String, description: String) -> String {
        let e = HTMLText.escape
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" role="img" \
        aria-labelledby="\(id)-t \(id)-d" class="chart"><title id="\(id)-t">\(e(title))</title><desc id="\(id)-d">\(e(description))</desc>
        """
    }

    /// A tidy axis maximum: four ticks of 1, 2, 2.5 or 5 times a power of ten, at or above `value`.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 4 }
        let raw = value / 4
        let power = pow(10, floor(log10(raw)))
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= raw { return max(4, 4 * step * power) }
        return max(4, 40 * power)
    }

    static func number(_ value: Double) -> String {
        value >= 1000 ? String(format: "%gk", (value / 100).rounded() / 10) : String(format: "%g", value)
    }

    static func legend(_ names: [String], x: Int, y: Int) -> String {
        var svg = ""
        for (index, name) in names.enumerated() {
            let top = y + index * 16
            svg += "<rect x=\"\(x)\" y=\"\(top)\" width=\"10\" height=\"10\" fill=\"\(color(index))\"/>"
            svg += "<text x=\"\(x + 14)\" y=\"\(top + 9)\" class=\"lg\">\(HTMLText.escape(name))</text>"
        }
        return svg
    }

    static func axes(left: Int, top: Int, plotWidth: Int, plotHeight: Int, maximum: Double) -> String {
        var svg = ""
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            let y = top + plotHeight - Int(Double(plotHeight) * Double(tick) / 4)
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" class=\"grid\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(y + 4)\" text-anchor=\"end\" class=\"ax\">\(number(value))</text>"
        }
        return svg
    }

    /// One line per series over the x labels.
    static func line(id: String, title: String, description: String, xLabels: [String], series: [(name: String, values: [Int])]) -> String {
        let width = 760, height = 300, left = 56, top = 16, plotWidth = 540, plotHeight = 240
        let maximum = niceMaximum(Double(series.flatMap(\.values).max() ?? 0))
        var svg = header(id: id, width: width, height: height, title: title, description: description)
        svg += axes(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight, maximum: maximum)
        let step = xLabels.count > 1 ? Double(plotWidth) / Double(xLabels.count - 1) : 0
        let labelEvery = max(1, xLabels.count / 12)
        for (index, label) in xLabels.enumerated() where index % labelEvery == 0 {
            svg += "<text x=\"\(left + Int(step * Double(index)))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" class=\"ax\">\(HTMLText.escape(label))</text>"
        }
        for (seriesIndex, entry) in series.enumerated() {
            let points = entry.values.enumerated().map { index, value in
                String(format: "%.1f,%.1f", Double(left) + step * Double(index),
                       Double(top + plotHeight) - Double(plotHeight) * Double(value) / maximum)
            }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color(seriesIndex))\" stroke-width=\"2\" points=\"\(points)\"/>"
        }
        svg += legend(series.map(\.name), x: left + plotWidth + 16, y: top)
        return svg + "</svg>"
    }

    /// Horizontal bars, one per label.
    static func bars(id: String, title: String, description: String, labels: [String], values: [Int]) -> String {
        let rowHeight = 18, left = 250, top = 8, plotWidth = 430
        let height = top * 2 + rowHeight * labels.count + 20
        let maximum = niceMaximum(Double(values.max() ?? 0))
        var svg = header(id: id, width: 760, height: height, title: title, description: description)
        for (index, label) in labels.enumerated() {
            let y = top + index * rowHeight
            let length = Int(Double(plotWidth) * Double(values[index]) / maximum)
            let shown = label.count > 38 ? String(label.prefix(36)) + "…" : label
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 13)\" text-anchor=\"end\" class=\"ax\">\(HTMLText.escape(shown))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"\(rowHeight - 4)\" fill=\"\(color(0))\"/>"
            svg += "<text x=\"\(left + length + 4)\" y=\"\(y + 13)\" class=\"ax\">\(values[index])</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical stacked bars: one bar per x label, one segment per series.
    static func stackedBars(id: String, title: String, description: String, xLabels: [String], series: [(name: String, values: [Int])]) -> String {
        let left = 56, top = 16, plotWidth = 480, plotHeight = 260
        let height = max(top + plotHeight + 30, top + 16 * series.count + 10)
        var totals = [Int](repeating: 0, count: xLabels.count)
        for entry in series { for (index, value) in entry.values.enumerated() { totals[index] += value } }
        let maximum = niceMaximum(Double(totals.max() ?? 0))
        var svg = header(id: id, width: 760, height: height, title: title, description: description)
        svg += axes(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight, maximum: maximum)
        let slot = Double(plotWidth) / Double(max(1, xLabels.count))
        let labelEvery = max(1, xLabels.count / 12)
        for (index, label) in xLabels.enumerated() {
            var base = 0.0
            let x = Double(left) + slot * Double(index) + slot * 0.1
            for (seriesIndex, entry) in series.enumerated() where entry.values[index] > 0 {
                let h = Double(plotHeight) * Double(entry.values[index]) / maximum
                svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>",
                              x, Double(top + plotHeight) - base - h, slot * 0.8, h, color(seriesIndex))
                base += h
            }
            if index % labelEvery == 0 {
                svg += String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"ax\">%@</text>",
                              x + slot * 0.4, top + plotHeight + 16, HTMLText.escape(label))
            }
        }
        svg += legend(series.map(\.name), x: left + plotWidth + 16, y: top)
        return svg + "</svg>"
    }

    /// A matrix of cells shaded by value, with the value written in each cell.
    static func heatmap(id: String, title: String, description: String, rowLabels: [String], columnLabels: [String], values: [[Int]]) -> String {
        let left = 210, top = 150, cell = 30
        let width = left + cell * columnLabels.count + 10
        let height = top + cell * rowLabels.count + 10
        let maximum = max(1, values.joined().max() ?? 1)
        var svg = header(id: id, width: width, height: height, title: title, description: description)
        for (column, label) in columnLabels.enumerated() {
            let x = left + column * cell + cell / 2
            let shown = label.count > 28 ? String(label.prefix(26)) + "…" : label
            svg += "<text transform=\"translate(\(x),\(top - 6)) rotate(-60)\" class=\"ax\">\(HTMLText.escape(shown))</text>"
        }
        for (row, label) in rowLabels.enumerated() {
            let y = top + row * cell
            let shown = label.count > 32 ? String(label.prefix(30)) + "…" : label
            svg += "<text x=\"\(left - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\" class=\"ax\">\(HTMLText.escape(shown))</text>"
            for column in columnLabels.indices {
                let value = values[row][column]
                let intensity = Double(value) / Double(maximum)
                let shade = String(format: "rgba(31,119,180,%.3f)", 0.06 + 0.94 * intensity)
                svg += "<rect x=\"\(left + column * cell)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(shade)\"><title>\(HTMLText.escape(label)) × \(HTMLText.escape(columnLabels[column])): \(value)</title></rect>"
                svg += "<text x=\"\(left + column * cell + cell / 2)\" y=\"\(y + cell / 2 + 3)\" text-anchor=\"middle\" class=\"hm\(intensity > 0.5 ? " inv" : "")\">\(number(Double(value)))</text>"
            }
        }
        return svg + "</svg>"
    }
}
