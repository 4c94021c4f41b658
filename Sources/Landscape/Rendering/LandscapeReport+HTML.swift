import Core
import Foundation

extension LandscapeReport {
    /// The report as one self-contained HTML page: inline CSS, inline SVG charts (each followed by
    /// its table), no scripts, every text escaped. The numbers are the cells of ``tables``.
    public func html() -> String { html(tables: tables) }

    func html(tables tableList: [ReportTable]) -> String {
        let e = HTMLText.escape
        let tables = Dictionary(uniqueKeysWithValues: tableList.map { ($0.id, $0) })
        var body = ""
        body += "<header><h1>\(e(name))</h1>"
        if let description { body += "<p class=\"lead\">\(e(description))</p>" }
        body += "<dl class=\"summary\">"
        body += "<div><dt>Patent families</dt><dd>\(summary.families)</dd></div>"
        body += "<div><dt>Documents</dt><dd>\(summary.documents)</dd></div>"
        if summary.applicants > 0 { body += "<div><dt>Applicants</dt><dd>\(summary.applicants)</dd></div>" }
        if let first = summary.firstYear, let last = summary.lastYear {
            body += "<div><dt>Years (\(e(summary.yearBasis)))</dt><dd>\(first)–\(last)</dd></div>"
        }
        if let start = summary.growthStart, let end = summary.growthEnd, let overall = growth.first?.cagr {
            body += "<div><dt>Growth \(start)–\(end)</dt><dd>\(String(format: "%+.1f", overall * 100)) %/yr</dd></div>"
        }
        body += "</dl></header>"
        body += "<section><h2>How to read this report</h2><ul>" + notes.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>"

        // Per year.
        body += "<section id=\"years\"><h2>Per year</h2>"
        body += SVGChart.line(
            id: "chart-years", title: "Patent families and documents per year",
            description: "Line chart of families and documents per year; the numbers are in the table below.",
            xLabels: years.map { String($0.year) },
            series: [("Families", years.map(\.families)), ("Documents", years.map(\.documents))])
        body += render(tables["families_per_year"])
        body += "</section>"

        // Categories per dimension.
        let categoryTable = tables["categories"]
        for dimension in dimensions {
            let available = dimension.categories.filter { $0.families != nil }
            body += "<section id=\"dim-\(e(dimension.id))\"><h2>\(e(dimension.label))</h2>"
            body += SVGChart.bars(
                id: "chart-\(dimension.id)-totals", title: "\(dimension.label): families per category",
                description: "Bar chart of families per category of \(dimension.label); the numbers are in the table below.",
                labels: available.map(\.label), values: available.map { $0.families ?? 0 })
            let seriesCounts: [(name: String, values: [Int])] = available.map { category in
                let counts = Dictionary(
                    categoryYears.filter { $0.dimension == dimension.id && $0.category == category.id }.map { ($0.year, $0.families) },
                    uniquingKeysWith: +)
                return (category.label, years.map { counts[$0.year] ?? 0 })
            }
            body += SVGChart.stackedBars(
                id: "chart-\(dimension.id)-years", title: "\(dimension.label): families per year by category",
                description: "Stacked bar chart of families per year, one segment per category (a family in two categories appears in both).",
                xLabels: years.map { String($0.year) }, series: seriesCounts)
            body += render(categoryTable, filter: { $0.first?.formatted == dimension.id }, title: "\(dimension.label): totals")
            body += render(tables["category_families_per_year"], filter: { $0.first?.formatted == dimension.id },
                           title: "\(dimension.label): families per year")
            body += "</section>"
        }
        if let growthTable = tables["growth"] {
            body += "<section id=\"growth\"><h2>Growth</h2>" + render(growthTable) + "</section>"
        }

        // Applicants.
        if let applicantTable = tables["top_applicants"] {
            let overall = topApplicants.filter { $0.scope == "all" }
            body += "<section id=\"applicants\"><h2>Applicants</h2>"
            body += SVGChart.bars(
                id: "chart-applicants", title: "Top applicants by families",
                description: "Bar chart of the applicants with most families; the numbers are in the table below.",
                labels: overall.map(\.name), values: overall.map(\.families))
            body += render(applicantTable, filter: { $0.first?.formatted == "all" }, title: "Top applicants overall")
            body += "<details><summary>Top applicants per category</summary>"
            body += render(applicantTable, filter: { $0.first?.formatted != "all" }, title: "Top applicants per category")
            body += "</details>"
            body += render(tables["organisation_types"])
            body += "</section>"
        }

        // Offices.
        body += "<section id=\"offices\"><h2>Offices of first filing</h2>"
        let topOffices = offices.prefix(20)
        body += SVGChart.bars(
            id: "chart-offices", title: "First filings per office",
            description: "Bar chart of families by office of first filing (top 20); all offices are in the table below.",
            labels: topOffices.map { "\($0.name) (\($0.office))" }, values: topOffices.map(\.firstFilings))
        body += render(tables["offices"])
        body += "</section>"

        // Co-occurrence heatmaps: every pair of dimensions (and the dimension with itself when there is only one).
        body += "<section id=\"cooccurrence\"><h2>Co-occurrence</h2>"
        var matrix: [String: Int] = [:]
        for cell in cooccurrence { matrix[cell.rowDimension + "/" + cell.row + "|" + cell.columnDimension + "/" + cell.column] = cell.families }
        let pairs: [(DimensionSummary, DimensionSummary)] = dimensions.count == 1
            ? [(dimensions[0], dimensions[0])]
            : dimensions.indices.flatMap { i in dimensions.indices.filter { $0 > i }.map { (dimensions[i], dimensions[$0]) } }
        for (rows, columns) in pairs {
            let rowCategories = rows.categories.filter { $0.families != nil }
            let columnCategories = columns.categories.filter { $0.families != nil }
            guard !rowCategories.isEmpty, !columnCategories.isEmpty else { continue }
            let values = rowCategories.map { row in
                columnCategories.map { column in matrix[rows.id + "/" + row.id + "|" + columns.id + "/" + column.id] ?? 0 }
            }
            body += SVGChart.heatmap(
                id: "chart-\(rows.id)-\(columns.id)", title: "\(rows.label) × \(columns.label): families in both",
                description: "Heatmap of families in both categories; darker is more. Every cell is in the co-occurrence table.",
                rowLabels: rowCategories.map(\.label), columnLabels: columnCategories.map(\.label), values: values)
        }
        body += "<details><summary>Co-occurrence table (every pair of categories)</summary>"
        body += render(tables["cooccurrence"])
        body += "</details></section>"

        // Countries.
        body += "<section id=\"countries\"><h2>Share by country</h2>"
        let topCountries = countries.prefix(20)
        body += SVGChart.bars(
            id: "chart-countries", title: "Families per publishing office",
            description: "Bar chart of families with a document at each office (top 20); all offices are in the table below.",
            labels: topCountries.map { "\($0.name) (\($0.country))" }, values: topCountries.map(\.families))
        body += render(tables["countries"])
        body += "</section>"

        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(name)) — patent landscape</title><style>\(Self.css)</style></head>
        <body><main>\(body)</main><footer>Made with IPAI. Tables: \(tableList.map { e($0.id) + ".csv" }.joined(separator: ", ")).</footer></body></html>
        """
    }

    /// A table as HTML; `filter` keeps some rows (a dimension's), `title` replaces the caption.
    func render(_ table: ReportTable?, filter: (([ReportTable.Value]) -> Bool)? = nil, title: String? = nil) -> String {
        guard let table else { return "" }
        let e = HTMLText.escape
        let rows = filter.map { table.rows.filter($0) } ?? table.rows
        var html = "<div class=\"table\"><table data-table=\"\(e(table.id))\"><caption>\(e(title ?? table.title))</caption><thead><tr>"
        html += table.columns.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for value in row {
                switch value {
                case .int, .decimal: html += "<td class=\"n\">\(e(value.formatted))</td>"
                default: html += "<td>\(e(value.formatted))</td>"
                }
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        if let caption = table.caption { html += "<p class=\"note\">\(e(caption))</p>" }
        return html + "</div>"
    }

    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
    main{max-width:1000px;margin:0 auto;padding:1rem 1.25rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
    .lead{color:#333}.summary{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}.summary div{border:1px solid #ccc;border-radius:6px;padding:.5rem .8rem}
    .summary dt{font-size:.8rem;color:#444}.summary dd{margin:0;font-size:1.3rem;font-weight:600}
    .chart{max-width:100%;height:auto;margin:.5rem 0}.chart .ax{font-size:10px;fill:#333}.chart .lg{font-size:11px;fill:#1a1a1a}.chart .grid{stroke:#e3e3e3}
    .chart .hm{font-size:9px;fill:#1a1a1a}.chart .hm.inv{fill:#fff}
    .table{overflow-x:auto;margin:.75rem 0}table{border-collapse:collapse;font-size:.85rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
    th,td{border:1px solid #d0d0d0;padding:.2rem .45rem}th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}
    .note{font-size:.8rem;color:#444}details{margin:.5rem 0}summary{cursor:pointer}footer{max-width:1000px;margin:2rem auto;padding:0 1.25rem;font-size:.8rem;color:#555}
    @media print{details{display:block}}
    """
}
