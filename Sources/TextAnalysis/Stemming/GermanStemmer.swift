/// The Snowball German stemmer, written from the algorithm's published description.
///
/// Input is a lowercase word with its umlauts; `ß` becomes `ss`, and umlauts are removed at the end
/// so that `Bäume` and `Baum` can meet.
enum GermanStemmer {
    private typealias S = Scalar

    @inline(__always)
    static func isVowel(_ c: UInt32) -> Bool {
        switch c {
        case S.a, S.e, S.i, S.o, S.u, S.y, S.aUmlaut, S.oUmlaut, S.uUmlaut: true
        default: false
        }
    }

    static func stem(_ word: inout StemChars) {
        if word.contains(S.sharpS) {
            var expanded = StemChars()
            expanded.reserveCapacity(word.count + 2)
            for c in word {
                if c == S.sharpS { expanded += [S.s, S.s] } else { expanded.append(c) }
            }
            word = expanded
        }
        // u and y between vowels are consonants.
        var index = 1
        while index + 1 < word.count {
            let c = word[index]
            if (c == S.u || c == S.y) && isVowel(word[index - 1]) && isVowel(word[index + 1]) {
                word[index] = c == S.u ? S.upperU : S.upperY
            }
            index += 1
        }

        var p1 = word.count
        var p2 = word.count
        if word.count >= 3 {
            let standard = StemRegions.afterVowelConsonant(word, from: 0, isVowel: isVowel)
            p2 = StemRegions.afterVowelConsonant(word, from: standard, isVowel: isVowel)
            p1 = max(standard, 3)
        }

        step1(&word, p1: p1)
        step2(&word, p1: p1)
        step3(&word, p1: p1, p2: p2)

        for position in word.indices {
            switch word[position] {
            case S.upperU, S.uUmlaut: word[position] = S.u
            case S.upperY: word[position] = S.y
            case S.aUmlaut: word[position] = S.a
            case S.oUmlaut: word[position] = S.o
            default: break
            }
        }
    }

    private static func isSEnding(_ c: UInt32) -> Bool {
        switch c {
        case S.b, S.d, S.f, S.g, S.h, S.k, S.l, S.m, S.n, S.r, S.t: true
        default: false
        }
    }

    private static func isSTEnding(_ c: UInt32) -> Bool { c != S.r && isSEnding(c) }

    private enum Step1: Sendable { case delete, deleteThenNiss, s }
    private static let step1Table = SuffixTable<Step1>([
        ("em", .delete), ("ern", .delete), ("er", .delete),
        ("e", .deleteThenNiss), ("en", .deleteThenNiss), ("es", .deleteThenNiss), ("s", .s),
    ])
    private static let niss = StemChars(literal: "niss")

    private static func step1(_ word: inout StemChars, p1: Int) {
        guard let (tag, start) = step1Table.longestMatch(in: word), start >= p1 else { return }
        switch tag {
        case .delete:
            word.removeSubrange(start...)
        case .deleteThenNiss:
            word.removeSubrange(start...)
            if word.hasSuffix(niss) { word.removeLast() }
        case .s:
            if start > 0 && isSEnding(word[start - 1]) { word.removeLast() }
        }
    }

    private enum Step2: Sendable { case delete, st }
    private static let step2Table = SuffixTable<Step2>([("en", .delete), ("er", .delete), ("est", .delete), ("st", .st)])

    private static func step2(_ word: inout StemChars, p1: Int) {
        guard let (tag, start) = step2Table.longestMatch(in: word), start >= p1 else { return }
        switch tag {
        case .delete:
            word.removeSubrange(start...)
        case .st:
            // The st-ending letter must itself follow at least three letters.
            if start - 1 >= 3 && isSTEnding(word[start - 1]) { word.removeSubrange(start...) }
        }
    }

    private enum Step3: Sendable { case endUng, igIkIsch, lichHeit, keit }
    private static let step3Table = SuffixTable<Step3>([
        ("end", .endUng), ("ung", .endUng), ("ig", .igIkIsch), ("ik", .igIkIsch), ("isch", .igIkIsch),
        ("lich", .lichHeit), ("heit", .lichHeit), ("keit", .keit),
    ])
    private static let ig = StemChars(literal: "ig"), lich = StemChars(literal: "lich")
    private static let er = StemChars(literal: "er"), en = StemChars(literal: "en")

    private static func step3(_ word: inout StemChars, p1: Int, p2: Int) {
        guard let (tag, start) = step3Table.longestMatch(in: word), start >= p2 else { return }
        switch tag {
        case .endUng:
            word.removeSubrange(start...)
            if word.hasSuffix(ig) {
                let igStart = word.count - 2
                if igStart >= p2 && !(igStart > 0 && word[igStart - 1] == S.e) { word.removeLast(2) }
            }
        case .igIkIsch:
            if !(start > 0 && word[start - 1] == S.e) { word.removeSubrange(start...) }
        case .lichHeit:
            word.removeSubrange(start...)
            if (word.hasSuffix(er) || word.hasSuffix(en)) && word.count - 2 >= p1 { word.removeLast(2) }
        case .keit:
            word.removeSubrange(start...)
            if word.hasSuffix(lich) && word.count - 4 >= p2 {
                word.removeLast(4)
            } else if word.hasSuffix(ig) && word.count - 2 >= p2 {
                word.removeLast(2)
            }
        }
    }
}
