import Foundation
import Testing

@Suite("ipai landscape")
struct LandscapeCommandTests {
    /// Six invented patents: two about neural networks, one about machine learning, three about other things.
    static func documents(in directory: URL) throws -> String {
        let lines = [
            #"{"id": "US1", "title": "Neural network accelerator", "abstract": "A neural network runs on a systolic array.", "cpc": ["G06N 3/063"], "publication_date": "2016-03-01", "country": "US"}"#,
            #"{"id": "US2", "title": "Training method", "abstract": "Deep neural networks are trained with less memory.", "cpc": ["G06N 3/08"], "publication_date": "2018-05-02", "country": "US"}"#,
            #"{"id": "EP1", "title": "Fraud detection", "abstract": "Machine learning models flag unusual payments.", "cpc": ["G06Q 20/40"], "publication_date": "2017-01-01", "country": "EP"}"#,
            #"{"id": "US3", "title": "Coffee machine", "abstract": "An espresso machine with a milk frother.", "cpc": ["A47J 31/44"], "publication_date": "2016-07-07", "country": "US"}"#,
            #"{"id": "US4", "title": "Battery", "abstract": "A lithium battery with a silicon anode; the network of pores holds electrolyte.", "cpc": ["H01M 10/0525"], "publication_date": "2017-09-09", "country": "US"}"#,
            #"{"id": "JP1", "title": "Bicycle lock", "abstract": "A lock whose network connection reports theft.", "cpc": ["B62H 5/00"], "publication_date": "2019-02-02", "country": "JP"}"#,
        ]
        let path = directory.appendingPathComponent("patents.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A CSET-style CSV: five families (F1 has a US and an EP document), priority years 2015–2017,
    /// and three of the shipped AI definition's flag columns.
    static let csetCSV = """
        Publication_country,Publication_number,Simple_family_ID,Publication_type,Patent_Type,Priority_Year,Machine_Learning,Computer_Vision,Speech_Processing
        US,1000001,F1,A1,Patent Application,2015,true,true,false
        EP,2000002,F1,A1,Patent Application,2015,true,false,false
        JP,3000003,F2,A,Patent Application,2016,true,false,false
        CN,4000004,F3,A,Patent Application,2017,false,true,false
        CN,4000005,F4,A,Patent Application,2017,false,false,true
        US,1000006,F5,B2,Granted Patent,2017,true,false,false

        """

    static func object(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test("build writes an index smaller than its text, and search finds the neural-network patents by proximity")
    func buildAndSearch() throws {
        let directory = try CLI.directory()
        let documents = try Self.documents(in: directory)
        let index = directory.appendingPathComponent("patents.ipaiindex").path
        let built = try CLI.run(["landscape", "build", "--documents", documents, "--out", index, "--json"])
        #expect(built.status == 0, "\(built.stderr)")
        let summary = try Self.object(built.stdout)
        #expect(summary["documents"] as? Int == 6)
        #expect((summary["text_bytes"] as? Int ?? 0) > 0)
        #expect(summary["index_bytes"] as? Int == (try FileManager.default.attributesOfItem(atPath: index)[.size] as? Int))
        #expect(summary["documents_per_second"] as? Double != nil)

        let found = try CLI.run(["landscape", "search", "--index", index, "neural 1W network+", "--json"])
        #expect(found.status == 0, "\(found.stderr)")
        let result = try Self.object(found.stdout)
        #expect(result["hits"] as? Int == 2)
        #expect(Set(result["ids"] as? [String] ?? []) == ["US1", "US2"])

        // "network" alone is also in the battery and the lock; classification and year narrow it.
        let text = try CLI.run(["landscape", "search", "--index", index, "network+ NOT IC=G06N"])
        #expect(text.stdout.hasPrefix("2 of 6 documents"))
        #expect(text.stdout.contains("US4") && text.stdout.contains("JP1"))

        let queries = directory.appendingPathComponent("queries.txt")
        try "# AI\nneural 1W network+\nmachine 1W learning ||| peer syntax is ignored\n\nPY=2016-2017 AND CC=US\n"
            .write(to: queries, atomically: true, encoding: .utf8)
        let batch = try CLI.run(["landscape", "search", "--index", index, "--queries", queries.path, "--json", "--count", "0"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let totals = try Self.object(batch.stdout)
        let perQuery = totals["queries"] as? [[String: Any]] ?? []
        #expect(perQuery.map { $0["hits"] as? Int } == [2, 1, 3])
        #expect(perQuery.map { $0["line"] as? Int } == [2, 3, 5])
        #expect((totals["queries_per_second"] as? Double ?? 0) > 0)
        #expect(totals["median_ms"] as? Double != nil)
        let plain = try CLI.run(["landscape", "search", "--index", index, "--queries", queries.path])
        #expect(plain.stdout.contains("3 queries on 6 documents"))
    }

    @Test("a query that does not parse shows the query with a caret under the position")
    func syntaxError() throws {
        let directory = try CLI.directory()
        let index = directory.appendingPathComponent("patents.ipaiindex").path
        #expect(try CLI.run(["landscape", "build", "--documents", try Self.documents(in: directory), "--out", index]).status == 0)
        let query = "TI=(neural 1W network+ OR"
        let result = try CLI.run(["landscape", "search", "--index", index, query])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("ipai: error: position ") == true)
        let position = Int(lines.first?.dropFirst("ipai: error: position ".count).prefix { $0.isNumber } ?? "")
        #expect(lines.count >= 3)
        #expect(lines.count >= 3 && lines[1] == "  " + query)
        // The caret sits under the character the message names (1-based), after the two-space indent.
        #expect(lines.count >= 3 && lines[2] == String(repeating: " ", count: 2 + (position ?? 0) - 1) + "^")

        let queries = directory.appendingPathComponent("queries.txt")
        try "neural\nmachine AND (learning OR\n".write(to: queries, atomically: true, encoding: .utf8)
        let batch = try CLI.run(["landscape", "search", "--index", index, "--queries", queries.path])
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("queries.txt:2"))
        #expect(batch.stderr.contains("^"))
    }

    @Test("report on a CSET-style CSV counts families from the flag columns, the same in JSON, CSV and HTML")
    func reportOnFlags() throws {
        let directory = try CLI.directory()
        let csv = directory.appendingPathComponent("patent_database.csv")
        try Self.csetCSV.write(to: csv, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("report").path
        let result = try CLI.run(["landscape", "report", "--corpus", csv.path, "--out", out, "--cagr", "2015-2017", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.object(result.stdout)
        #expect(summary["documents"] as? Int == 6)
        #expect(summary["families"] as? Int == 5)
        #expect(summary["year_basis"] as? String == "priority")

        let report = try Self.object(String(contentsOfFile: out + "/report.json", encoding: .utf8))
        #expect((report["summary"] as? [String: Any])?["families"] as? Int == 5)
        let tables = Dictionary(uniqueKeysWithValues: (report["tables"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0) })
        let years = tables["families_per_year"]?["rows"] as? [[String: Any]] ?? []
        #expect(years.map { $0["year"] as? Int } == [2015, 2016, 2017])
        #expect(years.map { $0["families"] as? Int } == [1, 1, 3])
        #expect(years.map { $0["documents"] as? Int } == [2, 1, 3])
        let categories = tables["categories"]?["rows"] as? [[String: Any]] ?? []
        func families(_ id: String) -> Int? { categories.first { $0["category"] as? String == id }?["families"] as? Int }
        #expect(families("machine_learning") == 3)   // F1, F2, F5
        #expect(families("computer_vision") == 2)    // F1, F3
        #expect(families("speech_processing") == 1)  // F4
        let growth = tables["growth"]?["rows"] as? [[String: Any]] ?? []
        // All families: 1 in 2015, 3 in 2017 → √3 − 1 = 73.2 %.
        let overall = growth.first { $0["label"] as? String == "All families" }
        #expect(overall?["start_families"] as? Int == 1 && overall?["end_families"] as? Int == 3)
        #expect(abs((overall?["cagr_percent"] as? Double ?? 0) - 73.2) < 0.06)

        for id in tables.keys {
            #expect(FileManager.default.fileExists(atPath: "\(out)/tables/\(id).csv"), "tables/\(id).csv")
        }
        let yearsCSV = try String(contentsOfFile: out + "/tables/families_per_year.csv", encoding: .utf8)
        #expect(yearsCSV.split(whereSeparator: \.isNewline).map(String.init) == ["year,families,documents", "2015,1,2", "2016,1,1", "2017,3,3"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script src") && !html.contains("<link rel=\"stylesheet\""))
    }

    @Test("report on patent texts runs the shipped AI queries and can keep the index")
    func reportOnTexts() throws {
        let directory = try CLI.directory()
        let documents = try Self.documents(in: directory)
        let out = directory.appendingPathComponent("report").path
        let index = directory.appendingPathComponent("ai.ipaiindex").path
        let result = try CLI.run(["landscape", "report", "--corpus", documents, "--out", out, "--index-out", index, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.object(result.stdout)
        // The AI scope keeps the two neural-network patents and the machine-learning one.
        #expect(summary["documents"] as? Int == 3)
        #expect(summary["year_basis"] as? String == "publication")
        let categories = summary["categories"] as? [[String: Any]] ?? []
        #expect(categories.first { $0["id"] as? String == "machine_learning" }?["source"] as? String == "query")
        #expect(FileManager.default.fileExists(atPath: index))
        let search = try CLI.run(["landscape", "search", "--index", index, "IC=G06N", "--json"])
        #expect(try Self.object(search.stdout)["hits"] as? Int == 2)
    }

    @Test("check accepts the shipped definition and names the JSON path and position of a bad query")
    func checkDefinition() throws {
        let shipped = try CLI.run(["landscape", "check", "--definition", "ai-witt-cset", "--json"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect((try Self.object(shipped.stdout)["dimensions"] as? [Any])?.count == 3)

        let directory = try CLI.directory()
        let bad = directory.appendingPathComponent("bad.json")
        try """
            {"name": "Batteries", "dimensions": [{"id": "chemistry", "label": "Chemistry", "categories": [
              {"id": "li", "label": "Lithium", "query": "lithium+ 2W ion"},
              {"id": "na", "label": "Sodium", "query": "sodium AND (ion OR"}]}]}
            """.write(to: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["landscape", "check", "--definition", bad.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.json"))
        #expect(result.stderr.contains("$.dimensions[0].categories[1].query"))
        #expect(result.stderr.contains("  sodium AND (ion OR\n"))
        #expect(result.stderr.contains("^"))

        let typo = directory.appendingPathComponent("typo.json")
        try #"{"name": "X", "dimensions": [{"id": "d", "label": "D", "categories": [{"id": "a", "label": "A", "querry": "x"}]}]}"#
            .write(to: typo, atomically: true, encoding: .utf8)
        let typoResult = try CLI.run(["landscape", "check", "--definition", typo.path])
        #expect(typoResult.status == 1)
        #expect(typoResult.stderr.contains("$.dimensions[0].categories[0]"))
        #expect(typoResult.stderr.contains("querry"))
    }

    @Test("build refuses a flag CSV and an unknown format with a reason")
    func refusesWrongInput() throws {
        let directory = try CLI.directory()
        let csv = directory.appendingPathComponent("flags.csv")
        try Self.csetCSV.write(to: csv, atomically: true, encoding: .utf8)
        let result = try CLI.run(["landscape", "build", "--documents", csv.path, "--out", directory.appendingPathComponent("x").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("flags.csv"))
        #expect(result.stderr.contains(".jsonl"))
        let other = try CLI.run(["landscape", "report", "--corpus", directory.appendingPathComponent("corpus.xml").path, "--out", directory.path])
        #expect(other.status == 1)
        #expect(other.stderr.contains("corpus.xml"))
    }
}
