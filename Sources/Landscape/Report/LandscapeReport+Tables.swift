import Foundation
import Core

extension LandscapeReport {
    /// Every table of the report, in reading order (one CSV each; the HTML shows the same cells).
    /// Tables without rows (no applicants in the corpus) are left out.
    public var tables: [ReportTable] {
        var result: [ReportTable] = []
        result.append(ReportTable(
            id: "families_per_year", title: "Patent families and documents per year",
            columns: ["year", "families", "documents"],
            rows: years.map { [.int($0.year), .int($0.families), .int($0.documents)] }))
        result.append(ReportTable(
            id: "categories", title: "Families and documents per category",
            columns: ["dimension", "category", "label", "families", "documents", "source"],
            rows: dimensions.flatMap { dimension in
                dimension.categories.map { category in
                    [.text(dimension.id), .text(category.id), .text(category.label),
                     category.families.map(ReportTable.Value.int) ?? .missing,
                     category.documents.map(ReportTable.Value.int) ?? .missing, .text(category.source)]
                }
            }))
        let yearList = years.map(\.year)
        var byCategory: [String: [Int: Int]] = [:]
        for entry in categoryYears { byCategory[entry.dimension + "/" + entry.category, default: [:]][entry.year] = entry.families }
        result.append(ReportTable(
            id: "category_families_per_year", title: "Families per category and year",
            columns: ["dimension", "category", "label"] + yearList.map(String.init),
            rows: dimensions.flatMap { dimension in
                dimension.categories.compactMap { category -> [ReportTable.Value]? in
                    guard let counts = byCategory[dimension.id + "/" + category.id] else { return nil }
                    return [.text(dimension.id), .text(category.id), .text(category.label)]
                        + yearList.map { .int(counts[$0] ?? 0) }
                }
            }))
        if !growth.isEmpty {
            result.append(ReportTable(
                id: "growth", title: "Growth (CAGR of families)",
                columns: ["dimension", "category", "label", "start_year", "end_year", "start_families", "end_families", "cagr_percent"],
                rows: growth.map { row in
                    [row.dimension.map(ReportTable.Value.text) ?? .missing, row.category.map(ReportTable.Value.text) ?? .missing,
                     .text(row.label), .int(row.startYear), .int(row.endYear), .int(row.startFamilies), .int(row.endFamilies),
                     row.cagr.map { .decimal($0 * 100, places: 1) } ?? .text("undefined")]
                },
                caption: "CAGR = (end / start)^(1 / (end year − start year)) − 1; undefined when the start year has no families."))
        }
        if !topApplicants.isEmpty {
            result.append(ReportTable(
                id: "top_applicants", title: "Top applicants (families), overall and per category",
                columns: ["scope", "rank", "applicant", "key", "type", "families"],
                rows: topApplicants.map {
                    [.text($0.scope), .int($0.rank), .text($0.name), .text($0.key), .text($0.type.rawValue), .int($0.families)]
                }))
            result.append(ReportTable(
                id: "organisation_types", title: "Applicants by type",
                columns: ["type", "applicants", "families"],
                rows: organisationTypes.map { [.text($0.type.rawValue), .int($0.applicants), .int($0.families)] }))
        }
        result.append(ReportTable(
            id: "offices", title: "Offices of first filing",
            columns: ["office", "name", "first_filings", "filed_abroad", "share_filed_abroad_percent"],
            rows: offices.map {
                [.text($0.office), .text($0.name), .int($0.firstFilings), .int($0.filedAbroad),
                 .decimal($0.shareFiledAbroad * 100, places: 1)]
            },
            caption: "First filings: families first filed at the office. Filed abroad: those with a document at any other office."))
        let order = categoryOrder
        result.append(ReportTable(
            id: "cooccurrence", title: "Category co-occurrence (families in both)",
            columns: ["row_dimension", "row_category", "column_dimension", "column_category", "families"],
            rows: cooccurrence.compactMap { cell in
                // Each unordered pair once (the matrix is symmetric), in definition order.
                guard (order[cell.rowDimension + "/" + cell.row] ?? 0) <= (order[cell.columnDimension + "/" + cell.column] ?? 0)
                else { return nil }
                return [.text(cell.rowDimension), .text(cell.row), .text(cell.columnDimension), .text(cell.column), .int(cell.families)]
            }))
        result.append(ReportTable(
            id: "countries", title: "Share by country (publishing office)",
            columns: ["country", "name", "documents", "families", "share_percent"],
            rows: countries.map {
                [.text($0.country), .text($0.name), .int($0.documents), .int($0.families), .decimal($0.share * 100, places: 1)]
            },
            caption: "Families with at least one document published by the office, as a share of all families."))
        return result
    }

    /// The order of categories across dimensions, for the symmetric co-occurrence matrix.
    var categoryOrder: [String: Int] {
        var order: [String: Int] = [:]
        for dimension in dimensions {
            for category in dimension.categories { order[dimension.id + "/" + category.id] = order.count }
        }
        return order
    }

    /// The table with this id as CSV, or nil.
    public func csv(table id: String) -> String? { tables.first { $0.id == id }?.csv }

    /// The report as JSON: `{"name", "description", "summary", "notes", "dimensions", "tables": [...]}`.
    public func json() -> Data { json(tables: tables) }

    func json(tables: [ReportTable]) -> Data {
        func optional(_ value: Int?) -> JSONText.Value { value.map { .int($0) } ?? .null }
        var members: [(String, JSONText.Value)] = [("name", .string(name))]
        if let description { members.append(("description", .string(description))) }
        members.append(("summary", .object([
            ("documents", .int(summary.documents)), ("families", .int(summary.families)),
            ("applicants", .int(summary.applicants)), ("first_year", optional(summary.firstYear)),
            ("last_year", optional(summary.lastYear)), ("year_basis", .string(summary.yearBasis)),
            ("growth_start", optional(summary.growthStart)), ("growth_end", optional(summary.growthEnd)),
        ])))
        members.append(("notes", .array(notes.map { .string($0) })))
        members.append(("dimensions", .array(dimensions.map { dimension in
            .object([
                ("id", .string(dimension.id)), ("label", .string(dimension.label)),
                ("categories", .array(dimension.categories.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) })),
            ])
        })))
        members.append(("tables", .array(tables.map(\.jsonValue))))
        var text = ""
        JSONText.write(.object(members), into: &text)
        return Data(text.utf8)
    }

    /// Writes `report.html`, `report.json` and one `<table>.csv` per table into `directory` (created if needed).
    /// - Returns: the paths written.
    @discardableResult
    public func write(to directory: String) throws(IPAIError) -> [String] {
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let base = URL(fileURLWithPath: directory)
            let html = base.appendingPathComponent("report.html")
            let tables = self.tables
            try Data(self.html(tables: tables).utf8).write(to: html, options: .atomic)
            written.append(html.path)
            let json = base.appendingPathComponent("report.json")
            try self.json(tables: tables).write(to: json, options: .atomic)
            written.append(json.path)
            for table in tables {
                let url = base.appendingPathComponent(table.id + ".csv")
                try Data(table.csv.utf8).write(to: url, options: .atomic)
                written.append(url.path)
            }
        } catch {
            throw IPAIError(.fileUnwritable, "cannot write the report", at: InputLocation(file: directory), cause: error)
        }
        return written
    }
}
