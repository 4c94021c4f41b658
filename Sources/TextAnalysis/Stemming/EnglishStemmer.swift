/// The Snowball English ("Porter2") stemmer, written from the algorithm's published description.
///
/// Input is a lowercase word; `y` that acts as a consonant is marked `Y` while stemming and
/// restored at the end.
enum EnglishStemmer {
    private typealias S = Scalar

    @inline(__always)
    static func isVowel(_ c: UInt32) -> Bool {
        c == S.a || c == S.e || c == S.i || c == S.o || c == S.u || c == S.y
    }

    static func stem(_ word: inout StemChars) {
        if word.count <= 6, let special = exceptions1[word] {
            word = special
            return
        }
        guard word.count > 2 else { return }
        if word[0] == S.apostrophe {
            word.removeFirst()
        }

        // Prelude: consonantal y becomes Y.
        var markedY = false
        if word.first == S.y {
            word[0] = S.upperY
            markedY = true
        }
        var index = 1
        while index < word.count {
            if word[index] == S.y && isVowel(word[index - 1]) {
                word[index] = S.upperY
                markedY = true
            }
            index += 1
        }

        let p1 = region1(word)
        let p2 = StemRegions.afterVowelConsonant(word, from: p1, isVowel: isVowel)

        step1a(&word)
        if !((word.count == 6 || word.count == 7) && exceptions2.contains(word)) {
            step1b(&word, p1: p1)
            step1c(&word)
            step2(&word, p1: p1)
            step3(&word, p1: p1, p2: p2)
            step4(&word, p2: p2)
            step5(&word, p1: p1, p2: p2)
        }
        if markedY {
            for position in word.indices where word[position] == S.upperY { word[position] = S.y }
        }
    }

    /// R1, with the exceptional prefixes that would otherwise get a too-short stem.
    private static func region1(_ word: StemChars) -> Int {
        for prefix in region1Prefixes where word.count >= prefix.count && word.starts(with: prefix) {
            return prefix.count
        }
        return StemRegions.afterVowelConsonant(word, from: 0, isVowel: isVowel)
    }

    /// A short syllable ends at `end`: consonant–vowel–consonant (last not w, x or Y), or
    /// vowel–consonant at the start of the word.
    private static func endsInShortSyllable(_ word: StemChars, at end: Int) -> Bool {
        if end >= 3 {
            let last = word[end - 1]
            if !isVowel(word[end - 3]) && isVowel(word[end - 2]) && !isVowel(last)
                && last != S.w && last != S.x && last != S.upperY {
                return true
            }
        }
        return end == 2 && isVowel(word[0]) && !isVowel(word[1])
    }

    private static func hasVowel(_ word: StemChars, before end: Int) -> Bool {
        var index = 0
        while index < end {
            if isVowel(word[index]) { return true }
            index += 1
        }
        return false
    }

    // MARK: Steps

    private enum Step1a: Sendable { case apostrophe, sses, ies, s, keep }
    private static let step1aApostrophes = SuffixTable<Step1a>([("'", .apostrophe), ("'s", .apostrophe), ("'s'", .apostrophe)])
    private static let step1aTable = SuffixTable<Step1a>([
        ("sses", .sses), ("ied", .ies), ("ies", .ies), ("s", .s), ("us", .keep), ("ss", .keep),
    ])

    private static func step1a(_ word: inout StemChars) {
        if let (_, start) = step1aApostrophes.longestMatch(in: word) {
            word.removeSubrange(start...)
        }
        guard let (tag, start) = step1aTable.longestMatch(in: word) else { return }
        switch tag {
        case .sses:
            word.removeLast(2)
        case .ies:
            word.replaceTail(from: start, with: start > 1 ? [S.i] : [S.i, S.e])
        case .s:
            if hasVowel(word, before: start - 1) { word.removeLast() }
        case .keep, .apostrophe:
            break
        }
    }

    private enum Step1b: Sendable { case eed, ed }
    private static let step1bTable = SuffixTable<Step1b>([
        ("eed", .eed), ("eedly", .eed), ("ed", .ed), ("edly", .ed), ("ing", .ed), ("ingly", .ed),
    ])
    private static let doubles: [StemChars] = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map { StemChars(literal: $0) }
    private static let addEEndings: [StemChars] = ["at", "bl", "iz"].map { StemChars(literal: $0) }

    private static func step1b(_ word: inout StemChars, p1: Int) {
        guard let (tag, start) = step1bTable.longestMatch(in: word) else { return }
        switch tag {
        case .eed:
            if start >= p1 { word.replaceTail(from: start, with: [S.e, S.e]) }
        case .ed:
            guard hasVowel(word, before: start) else { return }
            word.removeSubrange(start...)
            if addEEndings.contains(where: word.hasSuffix) {
                word.append(S.e)
            } else if doubles.contains(where: word.hasSuffix) {
                word.removeLast()
            } else if word.count == p1 && endsInShortSyllable(word, at: word.count) {
                word.append(S.e)
            }
        }
    }

    private static func step1c(_ word: inout StemChars) {
        let count = word.count
        guard count > 2, word[count - 1] == S.y || word[count - 1] == S.upperY, !isVowel(word[count - 2]) else { return }
        word[count - 1] = S.i
    }

    private enum Replace: Sendable {
        case with([UInt32])
        case delete
        case ogi
        case li
        case ative
        case ion
    }

    private static func table(_ entries: [(String, String?)]) -> SuffixTable<Replace> {
        SuffixTable(entries.map { ($0.0, $0.1.map { .with(StemChars(literal: $0)) } ?? .delete) })
    }

    private static let step2Table: SuffixTable<Replace> = {
        var entries: [(String, Replace)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("fulli", "ful"), ("lessli", "less"),
        ].map { ($0.0, Replace.with(StemChars(literal: $0.1))) }
        entries.append(("ogi", .ogi))
        entries.append(("li", .li))
        return SuffixTable(entries)
    }()

    private static func isValidLiEnding(_ c: UInt32) -> Bool {
        switch c {
        case S.c, S.d, S.e, S.g, S.h, S.k, S.m, S.n, S.r, S.t: true
        default: false
        }
    }

    private static func step2(_ word: inout StemChars, p1: Int) {
        guard let (tag, start) = step2Table.longestMatch(in: word), start >= p1 else { return }
        switch tag {
        case .with(let replacement):
            word.replaceTail(from: start, with: replacement)
        case .ogi:
            if start > 0 && word[start - 1] == S.l { word.replaceTail(from: start, with: [S.o, S.g]) }
        case .li:
            if start > 0 && isValidLiEnding(word[start - 1]) { word.removeSubrange(start...) }
        default:
            break
        }
    }

    private static let step3Table: SuffixTable<Replace> = {
        var entries: [(String, Replace)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"),
        ].map { ($0.0, Replace.with(StemChars(literal: $0.1))) }
        entries += [("ful", .delete), ("ness", .delete), ("ative", .ative)]
        return SuffixTable(entries)
    }()

    private static func step3(_ word: inout StemChars, p1: Int, p2: Int) {
        guard let (tag, start) = step3Table.longestMatch(in: word), start >= p1 else { return }
        switch tag {
        case .with(let replacement):
            word.replaceTail(from: start, with: replacement)
        case .delete:
            word.removeSubrange(start...)
        case .ative:
            if start >= p2 { word.removeSubrange(start...) }
        default:
            break
        }
    }

    private static let step4Table: SuffixTable<Replace> = SuffixTable(
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
         "iti", "ous", "ive", "ize"].map { ($0, Replace.delete) } + [("ion", .ion)])

    private static func step4(_ word: inout StemChars, p2: Int) {
        guard let (tag, start) = step4Table.longestMatch(in: word), start >= p2 else { return }
        switch tag {
        case .delete:
            word.removeSubrange(start...)
        case .ion:
            if start > 0 && (word[start - 1] == S.s || word[start - 1] == S.t) { word.removeSubrange(start...) }
        default:
            break
        }
    }

    private static func step5(_ word: inout StemChars, p1: Int, p2: Int) {
        guard let last = word.last else { return }
        let start = word.count - 1
        if last == S.e {
            if start >= p2 || (start >= p1 && !endsInShortSyllable(word, at: start)) { word.removeLast() }
        } else if last == S.l {
            if start >= p2 && start > 0 && word[start - 1] == S.l { word.removeLast() }
        }
    }

    // MARK: Exceptions

    private static let region1Prefixes: [StemChars] = ["gener", "commun", "arsen"].map { StemChars(literal: $0) }

    private static let exceptions1: [StemChars: StemChars] = {
        let pairs = [
            ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"),
            ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"),
            ("singly", "singl"), ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"),
            ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (StemChars(literal: $0.0), StemChars(literal: $0.1)) })
    }()

    private static let exceptions2: Set<StemChars> = Set(
        ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"].map { StemChars(literal: $0) })
}
