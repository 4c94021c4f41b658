// Benchmark harness: builds a PatentSearch index over a JSONL corpus, writes and reloads it, runs queries.
// Prints one JSON object of measurements. Usage:
//   QueryHarness --documents FILE.jsonl --queries FILE.txt [--index PATH] [--rounds N] [--builds N]
import Core
import Dispatch
import Foundation
import PatentSearch

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

do {
    guard let documentsPath = argument("--documents"), let queriesPath = argument("--queries") else {
        FileHandle.standardError.write(Data("usage: QueryHarness --documents FILE.jsonl --queries FILE.txt [--index PATH] [--rounds N] [--builds N]\n".utf8))
        exit(2)
    }
    let indexPath = argument("--index") ?? NSTemporaryDirectory() + "/query-harness.index"
    let rounds = Int(argument("--rounds") ?? "5") ?? 5
    let builds = Int(argument("--builds") ?? "3") ?? 3

    var documents: [SearchDocument] = []
    var reader = try CorpusReader(path: documentsPath)
    var textBytes = 0
    let loadSeconds = try seconds {
        while let record = try reader.next() {
            let document = SearchDocument(record.document)
            textBytes += document.title.utf8.count + document.abstract.utf8.count + document.claims.utf8.count
                + document.description.utf8.count
            documents.append(document)
        }
    }
    FileHandle.standardError.write(Data("loaded \(documents.count) documents in \(String(format: "%.1f", loadSeconds)) s\n".utf8))

    var index: SearchIndex?
    var buildTimes: [Double] = []
    for _ in 0..<builds {
        index = nil
        buildTimes.append(try seconds { index = try SearchIndex(documents: documents) })
        FileHandle.standardError.write(Data("built in \(String(format: "%.2f", buildTimes.last!)) s\n".utf8))
    }
    let built = index!
    let writeSeconds = try seconds { try built.write(to: indexPath) }
    let indexBytes = (try FileManager.default.attributesOfItem(atPath: indexPath)[.size] as? Int) ?? 0
    var loaded: SearchIndex?
    let readSeconds = try seconds { loaded = try SearchIndex(contentsOf: indexPath) }
    let searchIndex = loaded!
    try? FileManager.default.removeItem(atPath: indexPath)

    let queryTexts = try String(contentsOfFile: queriesPath, encoding: .utf8).split(separator: "\n")
        .map { line in  // `IPAI query ||| peer query`: the part before `|||`
            String(line.components(separatedBy: "|||")[0]).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    let queries = try queryTexts.map { text throws(IPAIError) in try PatentQuery(parsing: text) }
    var latencies: [[Double]] = Array(repeating: [], count: queries.count)
    var hits: [Int] = Array(repeating: 0, count: queries.count)
    var total = 0.0
    for _ in 0..<rounds {
        for (number, query) in queries.enumerated() {
            var count = 0
            let elapsed = seconds { count = searchIndex.search(query).count }
            latencies[number].append(elapsed)
            hits[number] = count
            total += elapsed
        }
    }
    // One long query read whole from --extra (lines starting with # dropped): the full WITT strategy.
    var extra: [String: Any] = [:]
    if let extraPath = argument("--extra") {
        let text = try String(contentsOfFile: extraPath, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let query = try PatentQuery(parsing: text)
        var times: [Double] = []
        var count = 0
        for _ in 0..<rounds { times.append(seconds { count = searchIndex.search(query).count }) }
        extra = ["extra_ms_median": median(times) * 1000, "extra_hits": count]
    }
    let perQuery = latencies.map(median)
    let all = latencies.flatMap { $0 }.sorted()
    var result: [String: Any] = [
        "documents": documents.count,
        "text_bytes": textBytes,
        "index_bytes": indexBytes,
        "terms": searchIndex.termCount,
        "build_seconds_median": median(buildTimes),
        "build_docs_per_second": Double(documents.count) / median(buildTimes),
        "write_seconds": writeSeconds,
        "read_seconds": readSeconds,
        "queries": queries.count,
        "rounds": rounds,
        "queries_per_second": Double(queries.count * rounds) / total,
        "latency_median_ms": median(all) * 1000,
        "latency_p99_ms": all.isEmpty ? 0 : all[min(all.count - 1, Int(Double(all.count) * 0.99))] * 1000,
        "per_query_ms": Dictionary(uniqueKeysWithValues: zip(queryTexts, perQuery.map { $0 * 1000 })),
        "hits": Dictionary(uniqueKeysWithValues: zip(queryTexts, hits)),
        "threads": Parallel.defaultThreadCount,
    ]
    result.merge(extra) { $1 }
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
