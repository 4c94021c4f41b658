import Foundation

@testable import PatentSearch

/// The USPTO abstracts in ../shared/data (if present).
enum SharedData {
    static let usptoAbstracts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/patents/uspto-abstracts-cpc.train.jsonl")

    /// The first `limit` USPTO abstracts with their CPC symbols, or nil if the data is absent.
    static func uspto(limit: Int) -> [(id: String, abstract: String, cpc: [String])]? {
        guard let text = try? String(contentsOf: usptoAbstracts, encoding: .utf8) else { return nil }
        var result: [(String, String, [String])] = []
        for line in text.split(separator: "\n").prefix(limit) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let abstract = object["abstract"] as? String
            else { continue }
            result.append((id, abstract, object["cpc"] as? [String] ?? []))
        }
        return result
    }
}

/// A seeded generator (SplitMix64), so a failing random test can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
