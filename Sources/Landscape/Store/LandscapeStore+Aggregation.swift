import Core
import Storage

extension LandscapeStore {
    /// Stores which documents (`seq`, the record's position in the dataset) are in the run's scope
    /// (only when the scope is not the whole dataset) and in each counted category.
    public func saveMembers(_ categorised: CategorisedCorpus, reportID: Int64) async throws(IPAIError) {
        try await ready()
        var sets: [(dimension: String, category: String, members: MemberSet)] = []
        if categorised.scope.count < categorised.corpus.documentCount { sets.append(("", "", categorised.scope)) }
        for (d, dimension) in categorised.definition.dimensions.enumerated() {
            for (c, category) in dimension.categories.enumerated() {
                if let members = categorised.categories[d][c] { sets.append((dimension.id, category.id, members)) }
            }
        }
        try await database.query("DELETE FROM landscape_members WHERE report_id = ?", .integer(reportID))
        var statements: [SQLStatement] = []
        var arguments: [SQLValue] = []
        var rows = 0
        func flushStatement() {
            guard rows > 0 else { return }
            statements.append(SQLStatement(
                "INSERT INTO landscape_members (report_id, dimension, category, seq) VALUES "
                    + Array(repeating: "(?, ?, ?, ?)", count: rows).joined(separator: ", "), arguments))
            arguments.removeAll(keepingCapacity: true)
            rows = 0
        }
        for set in sets {
            for seq in set.members.members {
                arguments += [.integer(reportID), .text(set.dimension), .text(set.category), .integer(Int64(seq))]
                rows += 1
                if rows == 1000 { flushStatement() }
            }
            flushStatement()
            if statements.count >= 20 {
                _ = try await database.transaction(statements)
                statements.removeAll(keepingCapacity: true)
            }
        }
        if !statements.isEmpty { _ = try await database.transaction(statements) }
        try await database.query(
            "UPDATE landscape_reports SET aggregated_in = ? WHERE id = ?",
            .text(categorised.scope.count < categorised.corpus.documentCount ? "scoped" : "all"), .integer(reportID))
    }

    /// Counts every table of the run in SQL over the records, the family and applicant rows stored
    /// by ``saveFamilies(_:records:datasetID:)``, and the memberships stored by
    /// ``saveMembers(_:reportID:)`` (portable SQL: runs on SQLite too, which the tests use to
    /// compare with the in-memory engine; the server uses it on PostgreSQL).
    /// - Parameter topApplicants: applicants ranked overall and per category (``ReportOptions/topApplicants``).
    public func aggregate(
        reportID: Int64, datasetID: Int64, topApplicants: Int = ReportOptions().topApplicants
    ) async throws(IPAIError) -> LandscapeAggregates {
        try await ready()
        let scoped = try await store.rows(
            "SELECT 1 AS found FROM landscape_members WHERE report_id = ? AND dimension = '' AND category = '' LIMIT 1",
            [.integer(reportID)]).isEmpty == false
        // Documents in scope: the scope's members, or every record of the dataset.
        let scope = scoped
            ? """
              SELECT r.seq, r.family_key, r.office, r.publication_year, r.priority_year FROM landscape_records r
              JOIN landscape_members s ON s.report_id = ? AND s.dimension = '' AND s.category = '' AND s.seq = r.seq
              WHERE r.dataset_id = ?
              """
            : "SELECT r.seq, r.family_key, r.office, r.publication_year, r.priority_year FROM landscape_records r WHERE r.dataset_id = ? AND ? <> 0"
        let scopeArguments: [SQLValue] = scoped ? [.integer(reportID), .integer(datasetID)] : [.integer(datasetID), .integer(1)]
        // A family's counting year over all its documents: the first publication, else the earliest priority.
        let familyYears = """
            fy AS (SELECT family_key, COALESCE(MIN(publication_year), MIN(priority_year)) AS year
                   FROM landscape_records WHERE dataset_id = ? GROUP BY family_key)
            """

        let totals = try await store.rows(
            "WITH sc AS (\(scope)) SELECT COUNT(*) AS documents, COUNT(DISTINCT family_key) AS families FROM sc", scopeArguments)
        var result = LandscapeAggregates(
            documents: try totals.first?.int("documents") ?? 0, families: try totals.first?.int("families") ?? 0,
            familiesPerYear: [:], documentsPerYear: [:], categories: [], categoryYears: [:], offices: [])

        for row in try await store.rows(
            """
            WITH sc AS (\(scope)), \(familyYears), sf AS (SELECT DISTINCT family_key FROM sc)
            SELECT fy.year AS year, COUNT(*) AS n FROM sf JOIN fy ON fy.family_key = sf.family_key
            WHERE fy.year IS NOT NULL GROUP BY fy.year
            """, scopeArguments + [.integer(datasetID)])
        {
            result.familiesPerYear[try row.int("year")] = try row.int("n")
        }
        for row in try await store.rows(
            """
            WITH sc AS (\(scope)), dy AS (SELECT COALESCE(publication_year, priority_year) AS year FROM sc)
            SELECT year, COUNT(*) AS n FROM dy WHERE year IS NOT NULL GROUP BY year
            """, scopeArguments)
        {
            result.documentsPerYear[try row.int("year")] = try row.int("n")
        }
        for row in try await store.rows(
            """
            SELECT m.dimension AS dimension, m.category AS category, COUNT(*) AS documents, COUNT(DISTINCT r.family_key) AS families
            FROM landscape_members m JOIN landscape_records r ON r.dataset_id = ? AND r.seq = m.seq
            WHERE m.report_id = ? AND m.dimension <> '' GROUP BY m.dimension, m.category ORDER BY m.dimension, m.category
            """, [.integer(datasetID), .integer(reportID)])
        {
            result.categories.append(.init(
                dimension: try row.string("dimension"), category: try row.string("category"),
                documents: try row.int("documents"), families: try row.int("families")))
        }
        for row in try await store.rows(
            """
            WITH \(familyYears),
            cf AS (SELECT DISTINCT m.dimension AS dimension, m.category AS category, r.family_key AS family_key
                   FROM landscape_members m JOIN landscape_records r ON r.dataset_id = ? AND r.seq = m.seq
                   WHERE m.report_id = ? AND m.dimension <> '')
            SELECT cf.dimension AS dimension, cf.category AS category, fy.year AS year, COUNT(*) AS n
            FROM cf JOIN fy ON fy.family_key = cf.family_key WHERE fy.year IS NOT NULL
            GROUP BY cf.dimension, cf.category, fy.year
            """, [.integer(datasetID), .integer(datasetID), .integer(reportID)])
        {
            result.categoryYears[try row.string("dimension"), default: [:]][try row.string("category"), default: [:]][try row.int("year")] = try row.int("n")
        }
        for row in try await store.rows(
            """
            WITH sc AS (\(scope))
            SELECT office, COUNT(*) AS documents, COUNT(DISTINCT family_key) AS families FROM sc
            WHERE office IS NOT NULL GROUP BY office ORDER BY office
            """, scopeArguments)
        {
            result.offices.append((try row.string("office"), try row.int("documents"), try row.int("families")))
        }
        try await aggregateFamilies(
            into: &result, reportID: reportID, datasetID: datasetID, scope: scope, scopeArguments: scopeArguments, topApplicants: topApplicants)
        return result
    }

    /// The tables that count the per-family rows: applicants, organisation types, offices of first
    /// filing, co-occurrence.
    private func aggregateFamilies(
        into result: inout LandscapeAggregates, reportID: Int64, datasetID: Int64, scope: String, scopeArguments: [SQLValue],
        topApplicants: Int
    ) async throws(IPAIError) {
        let dataset: [SQLValue] = [.integer(datasetID)]
        // Distinct families per counted category.
        let categoryFamilies = """
            cf AS (SELECT DISTINCT m.dimension AS dimension, m.category AS category, r.family_key AS family_key
                   FROM landscape_members m JOIN landscape_records r ON r.dataset_id = ? AND r.seq = m.seq
                   WHERE m.report_id = ? AND m.dimension <> '')
            """
        let categoryArguments: [SQLValue] = [.integer(datasetID), .integer(reportID)]

        result.hasApplicants = try await !store.rows(
            "SELECT 1 AS found FROM landscape_applicants WHERE dataset_id = ? LIMIT 1", dataset).isEmpty
        if result.hasApplicants, topApplicants > 0 {
            // A family counts once per applicant; ties rank by normalised key (bytewise, like Swift's `<`).
            for row in try await store.rows(
                """
                WITH sc AS (\(scope)), sf AS (SELECT DISTINCT family_key FROM sc),
                c AS (SELECT a.applicant_key AS applicant_key, MIN(a.name) AS name, MIN(a.type) AS type, COUNT(*) AS n
                      FROM sf JOIN landscape_applicants a ON a.dataset_id = ? AND a.family_key = sf.family_key
                      GROUP BY a.applicant_key)
                SELECT applicant_key, name, type, n FROM c ORDER BY n DESC, applicant_key LIMIT ?
                """, scopeArguments + dataset + [.integer(Int64(topApplicants))])
            {
                result.topApplicants.append(try Self.applicantCount(row, scope: "all", rank: result.topApplicants.count + 1))
            }
            for row in try await store.rows(
                """
                WITH \(categoryFamilies),
                c AS (SELECT cf.dimension AS dimension, cf.category AS category, a.applicant_key AS applicant_key,
                        MIN(a.name) AS name, MIN(a.type) AS type, COUNT(*) AS n
                      FROM cf JOIN landscape_applicants a ON a.dataset_id = ? AND a.family_key = cf.family_key
                      GROUP BY cf.dimension, cf.category, a.applicant_key),
                ranked AS (SELECT dimension, category, applicant_key, name, type, n,
                             ROW_NUMBER() OVER (PARTITION BY dimension, category ORDER BY n DESC, applicant_key) AS place FROM c)
                SELECT dimension, category, applicant_key, name, type, n, place FROM ranked WHERE place <= ?
                ORDER BY dimension, category, place
                """, categoryArguments + dataset + [.integer(Int64(topApplicants))])
            {
                result.topApplicants.append(try Self.applicantCount(
                    row, scope: try row.string("dimension") + "/" + row.string("category"), rank: try row.int("place")))
            }
        }
        if result.hasApplicants {
            for row in try await store.rows(
                """
                WITH sc AS (\(scope)), sf AS (SELECT DISTINCT family_key FROM sc)
                SELECT a.type AS type, COUNT(DISTINCT a.applicant_key) AS applicants, COUNT(DISTINCT a.family_key) AS families
                FROM sf JOIN landscape_applicants a ON a.dataset_id = ? AND a.family_key = sf.family_key GROUP BY a.type
                """, scopeArguments + dataset)
            {
                guard let type = OrganisationType(rawValue: try row.string("type")) else { continue }
                result.organisationTypes[type] = (try row.int("applicants"), try row.int("families"))
            }
        }
        for row in try await store.rows(
            """
            WITH sc AS (\(scope)), sf AS (SELECT DISTINCT family_key FROM sc)
            SELECT f.first_office AS office, COUNT(*) AS first_filings, SUM(f.filed_abroad) AS filed_abroad
            FROM sf JOIN landscape_families f ON f.dataset_id = ? AND f.family_key = sf.family_key
            WHERE f.first_office IS NOT NULL GROUP BY f.first_office
            """, scopeArguments + dataset)
        {
            result.firstFilings.append(.init(
                office: try row.string("office"), firstFilings: try row.int("first_filings"), filedAbroad: try row.int("filed_abroad")))
        }
        for row in try await store.rows(
            """
            WITH \(categoryFamilies)
            SELECT a.dimension AS row_dimension, a.category AS row_category, b.dimension AS column_dimension,
              b.category AS column_category, COUNT(*) AS n
            FROM cf a JOIN cf b ON b.family_key = a.family_key
            GROUP BY a.dimension, a.category, b.dimension, b.category
            """, categoryArguments)
        {
            result.cooccurrence.append(.init(
                row: try row.string("row_dimension") + "/" + row.string("row_category"),
                column: try row.string("column_dimension") + "/" + row.string("column_category"), families: try row.int("n")))
        }
    }

    static func applicantCount(_ row: SQLRow, scope: String, rank: Int) throws(IPAIError) -> LandscapeReport.ApplicantCount {
        LandscapeReport.ApplicantCount(
            scope: scope, rank: rank, name: try row.string("name"), key: try row.string("applicant_key"),
            type: OrganisationType(rawValue: try row.string("type")) ?? .unknown, families: try row.int("n"))
    }
}
