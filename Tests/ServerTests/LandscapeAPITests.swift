import Foundation
import HTTPTypes
import Landscape
import TestSupport
import Testing
@testable import Server

@Suite("Landscapes through the API")
struct LandscapeAPITests {
    /// Three families: 10 (US 2015 + EP 2016), 11 (JP 2016), 12 (CN 2017), by priority year.
    static let csv = """
        Publication_number,Publication_country,Simple_family_ID,Priority_Year,Applicants,Machine_Learning,Computer_Vision
        1,US,10,2015,Acme Inc.,true,false
        2,EP,10,2016,ACME Corp,true,true
        3,JP,11,2016,Toshiba Corp,false,true
        4,CN,12,2017,Huawei Technologies Co Ltd,true,false

        """

    static let definition = """
        {"name": "Tiny AI", "dimensions": [{"id": "techniques", "label": "Techniques", "categories": [
          {"id": "ml", "label": "Machine learning", "flag": "Machine_Learning"},
          {"id": "vision", "label": "Computer vision", "flag": "Computer_Vision"}]}]}
        """

    static let jsonl = """
        {"id": "T1", "title": "Neural network for speech recognition", "year": 2016, "country": "US"}
        {"id": "T2", "abstract": "A neural networks accelerator chip", "year": 2017, "country": "EP"}
        {"id": "T3", "abstract": "A bicycle bell", "year": 2018, "country": "US"}

        """

    /// Uploads a dataset and waits for its import; returns the dataset id and the finished job.
    static func upload(_ api: API, _ text: String, name: String, fileName: String, token: String) async throws -> (String, Reply) {
        let created = try await api.request(
            .post, "/api/v1/landscapes/datasets?name=\(name)&file_name=\(fileName)", as: .token(token), raw: text)
        #expect(created.status == .accepted, "\(created.body)")
        let dataset = try #require((created.object["dataset"] as? [String: Any])?["id"] as? String)
        let job = try #require((created.object["job"] as? [String: Any])?["id"] as? String)
        return (dataset, try await api.waitForJob(job, token: token))
    }

    @Test("a CSET-style CSV becomes a dataset; its report's JSON, HTML and CSV tables have the numbers counted by hand")
    func endToEnd() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let (dataset, job) = try await Self.upload(api, Self.csv, name: "tiny", fileName: "tiny.csv", token: token)
            #expect(job.string("status") == "done", "\(job.body)")
            let stored = try await api.request(.get, "/api/v1/landscapes/datasets/\(dataset)", as: .token(token))
            #expect(stored.object["status"] as? String == "ready")
            #expect(stored.object["documents"] as? Int == 4)
            #expect(stored.object["families"] as? Int == 3)
            #expect(stored.object["flags"] as? [String] == ["Machine_Learning", "Computer_Vision"])

            let run = try await api.request(
                .post, "/api/v1/landscapes/datasets/\(dataset)/reports", as: .token(token),
                json: "{\"definition\": \(Self.definition), \"growth_start\": 2015, \"growth_end\": 2017, \"top_n\": 5}")
            #expect(run.status == .accepted, "\(run.body)")
            let report = try #require((run.object["report"] as? [String: Any])?["id"] as? String)
            let runJob = try await api.waitForJob(try #require((run.object["job"] as? [String: Any])?["id"] as? String), token: token)
            #expect(runJob.string("status") == "done", "\(runJob.body)")

            let summary = try await api.request(.get, "/api/v1/landscapes/reports/\(report)", as: .token(token))
            #expect(summary.object["status"] as? String == "done")
            #expect(summary.object["families"] as? Int == 3)
            #expect((summary.object["tables"] as? [String])?.contains("families_per_year") == true)

            let perYear = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/tables/families_per_year.csv", as: .token(token))
            #expect(perYear.status == .ok)
            #expect(perYear.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(perYear.body == "year,families,documents\r\n2015,1,1\r\n2016,1,2\r\n2017,1,1\r\n")
            let categories = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/tables/categories.csv", as: .token(token))
            #expect(categories.body.contains("Machine learning"))
            let rows = categories.body.split(separator: "\r\n").map(String.init)
            let ml = try #require(rows.first { $0.contains("Machine learning") })
            #expect(ml.contains(",3,") || ml.hasSuffix(",3"), "3 ML documents: \(ml)")
            #expect(ml.contains(",2,") || ml.hasSuffix(",2"), "2 ML families: \(ml)")

            let json = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/report.json", as: .token(token))
            #expect(json.status == .ok)
            #expect(json.body.contains("families_per_year"))
            let html = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/report.html", as: .token(token))
            #expect(html.status == .ok)
            #expect(html.body.contains("<svg"))
            #expect(html.body.contains("Tiny AI"))
            #expect(html.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

            let missing = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/tables/nothing.csv", as: .token(token))
            #expect(missing.status == .notFound)
            let list = try await api.request(.get, "/api/v1/landscapes/reports?dataset_id=\(dataset)", as: .token(token))
            #expect(list.items.count == 1)

            // The shipped AI definition runs too: its CSET flags are absent here, so the run fails and says why.
            let shipped = try await api.request(.post, "/api/v1/landscapes/datasets/\(dataset)/reports", as: .token(token), json: "{}")
            #expect(shipped.status == .accepted, "\(shipped.body)")

            let deleted = try await api.request(.delete, "/api/v1/landscapes/datasets/\(dataset)", as: .token(token))
            #expect(deleted.status == .noContent)
            let gone = try await api.request(.get, "/api/v1/landscapes/reports/\(report)", as: .token(token))
            #expect(gone.status == .notFound)
        }
    }

    @Test("a bad upload fails its job naming the line and the field, and stores no records")
    func badUpload() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let bad = Self.csv.replacingOccurrences(of: "3,JP,11,2016", with: "3,JP,11,20x6")
            let (dataset, job) = try await Self.upload(api, bad, name: "bad", fileName: "bad.csv", token: token)
            #expect(job.string("status") == "failed")
            let message = job.string("message") ?? ""
            #expect(message.contains("bad.csv:4"), "file and line: \(message)")
            #expect(message.lowercased().contains("priority_year"), "\(message)")
            let stored = try await api.request(.get, "/api/v1/landscapes/datasets/\(dataset)", as: .token(token))
            #expect(stored.object["status"] as? String == "failed")
            #expect(stored.object["documents"] as? Int == 0)
            let records = try await api.services.store.database.query("SELECT COUNT(*) AS n FROM landscape_records")
            #expect(try records.first?.int("n") == 0)

            let binary = try await api.request(.post, "/api/v1/landscapes/datasets?file_name=x.csv", as: .token(token), raw: "PK\u{0}\u{3}\u{4}")
            #expect(binary.status == .unsupportedMediaType)
            let wrong = try await api.request(.post, "/api/v1/landscapes/datasets?file_name=x.jsonl", as: .token(token), raw: "id,title\n1,a\n")
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorMessage?.contains("line 1") == true)
        }
    }

    @Test("queries run on a JSONL dataset's stored index; a syntax error is a 400 with its position")
    func search() async throws {
        try await TestServer.run { api in
            let token = try await api.adminToken()
            let (dataset, job) = try await Self.upload(api, Self.jsonl, name: "texts", fileName: "texts.jsonl", token: token)
            #expect(job.string("status") == "done", "\(job.body)")
            let stored = try await api.request(.get, "/api/v1/landscapes/datasets/\(dataset)", as: .token(token))
            #expect(stored.object["has_text"] as? Bool == true)
            #expect((stored.object["index_bytes"] as? Int ?? 0) > 0)
            let query = "neural 1W network+".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try await api.request(.get, "/api/v1/landscapes/datasets/\(dataset)/search?q=\(query)", as: .token(token))
            #expect(found.status == .ok, "\(found.body)")
            #expect(found.object["count"] as? Int == 2)
            #expect(found.object["ids"] as? [String] == ["T1", "T2"])
            let broken = "neural AND (network".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let error = try await api.request(.get, "/api/v1/landscapes/datasets/\(dataset)/search?q=\(broken)", as: .token(token))
            #expect(error.status == .badRequest)
            #expect(error.errorMessage?.contains("position") == true, "\(error.body)")
        }
    }

    @Test("viewers read, examiners create and run, only administrators delete")
    func roles() async throws {
        try await TestServer.run { api in
            let admin = try await api.adminToken()
            let viewer = try await api.token(forNewUser: "vera", role: "viewer", admin: admin)
            let examiner = try await api.token(forNewUser: "ed", role: "examiner", admin: admin)
            let refused = try await api.request(.post, "/api/v1/landscapes/datasets?file_name=a.csv", as: .token(viewer), raw: Self.csv)
            #expect(refused.status == .forbidden)
            let (dataset, _) = try await Self.upload(api, Self.csv, name: "tiny", fileName: "tiny.csv", token: examiner)
            let read = try await api.request(.get, "/api/v1/landscapes/datasets", as: .token(viewer))
            #expect(read.status == .ok)
            #expect(read.items.count == 1)
            let run = try await api.request(.post, "/api/v1/landscapes/datasets/\(dataset)/reports", as: .token(viewer), json: "{}")
            #expect(run.status == .forbidden)
            let delete = try await api.request(.delete, "/api/v1/landscapes/datasets/\(dataset)", as: .token(examiner))
            #expect(delete.status == .forbidden)
            let anonymous = try await api.request(.get, "/api/v1/landscapes/datasets", as: .none)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("on PostgreSQL every table of the report is counted in the database and equals the in-memory count")
    func postgresAggregation() async throws {
        try await TestDatabase.with(.postgres) { database in
            let location = database.location
            try await TestServer.run(configure: { $0.databaseURL = location }) { api in
                let token = try await api.adminToken()
                let (dataset, job) = try await Self.upload(api, Self.csv, name: "tiny", fileName: "tiny.csv", token: token)
                #expect(job.string("status") == "done", "\(job.body)")
                let run = try await api.request(
                    .post, "/api/v1/landscapes/datasets/\(dataset)/reports", as: .token(token), json: "{\"definition\": \(Self.definition)}")
                let report = try #require((run.object["report"] as? [String: Any])?["id"] as? String)
                let runJob = try await api.waitForJob(try #require((run.object["job"] as? [String: Any])?["id"] as? String), token: token)
                #expect(runJob.string("status") == "done", "\(runJob.body)")
                let summary = try await api.request(.get, "/api/v1/landscapes/reports/\(report)", as: .token(token))
                #expect(summary.object["aggregated_in"] as? String == "database")
                let perYear = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/tables/families_per_year.csv", as: .token(token))
                #expect(perYear.body == "year,families,documents\r\n2015,1,1\r\n2016,1,2\r\n2017,1,1\r\n")
                let countries = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/tables/countries.csv", as: .token(token))
                #expect(countries.body.split(separator: "\r\n").count == 5, "header and four offices: \(countries.body)")
                // Every table (applicants, organisation types, offices of first filing, co-occurrence
                // included) as the in-memory engine counts the same file.
                let corpus = try LandscapeCorpus.parseCSV(Array(Self.csv.utf8), file: "tiny.csv")
                let memory = try LandscapeReport(
                    try LandscapeDefinition.parse(Data(Self.definition.utf8), file: "definition")
                        .categorise(try LandscapeCorpus(records: corpus.records, flagNames: corpus.flagNames)))
                #expect(memory.tables.contains { $0.id == "top_applicants" && !$0.rows.isEmpty })
                for table in memory.tables {
                    let served = try await api.request(.get, "/api/v1/landscapes/reports/\(report)/tables/\(table.id).csv", as: .token(token))
                    #expect(served.body == table.csv, "\(table.id)")
                }
            }
        }
    }

    @Test("repeated ids of a CSV (CSET has some, mangled by a spreadsheet) are kept with a suffix so every row counts")
    func repeatedIDs() {
        var records = [LandscapeRecord(id: "A"), LandscapeRecord(id: "B"), LandscapeRecord(id: "A"), LandscapeRecord(id: "A~2"), LandscapeRecord(id: "A")]
        #expect(LandscapeJob.suffixRepeatedIDs(&records) == 2)
        #expect(records.map(\.id) == ["A", "B", "A~3", "A~2", "A~4"])
    }
}
