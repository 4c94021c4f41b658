/// French elided words (`l'avion`, `qu'il`, `jusqu'à`): the part before the apostrophe is dropped.
enum FrenchElision {
    private static let prefixes: [[UInt8]] = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu"]
        .map { Array($0.utf8) }

    static func isElided(_ word: [UInt8]) -> Bool {
        guard word.count <= 6 else { return false }
        for prefix in prefixes where prefix.count == word.count {
            var equal = true
            for index in 0..<word.count where word[index] | 0x20 != prefix[index] { equal = false; break }
            if equal { return true }
        }
        return false
    }
}
