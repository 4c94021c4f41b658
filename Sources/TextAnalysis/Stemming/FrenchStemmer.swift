/// The Snowball French stemmer, written from the algorithm's published description.
///
/// Input is a lowercase word with its accents. `u`, `i` and `y` that act as consonants are marked
/// `U`, `I`, `Y` while stemming and restored at the end.
enum FrenchStemmer {
    private typealias S = Scalar

    @inline(__always)
    static func isVowel(_ c: UInt32) -> Bool {
        switch c {
        case S.a, S.e, S.i, S.o, S.u, S.y, S.aCircumflex, S.aGrave, S.eUmlaut, S.eAcute, S.eCircumflex,
             S.eGrave, S.iUmlaut, S.iCircumflex, S.oCircumflex, S.uCircumflex, S.uGrave:
            true
        default:
            false
        }
    }

    static func stem(_ word: inout StemChars) {
        guard word.count > 1 else { return }
        markConsonants(&word)
        let (pV, p1, p2) = regions(word)

        let suffixRemoved =
            standardSuffix(&word, pV: pV, p1: p1, p2: p2)
            || iVerbSuffix(&word, pV: pV)
            || verbSuffix(&word, pV: pV, p2: p2)
        if suffixRemoved {
            if word.last == S.upperY {
                word[word.count - 1] = S.i
            } else if word.last == S.cCedilla {
                word[word.count - 1] = S.c
            }
        } else {
            residualSuffix(&word, pV: pV, p2: p2)
        }
        undouble(&word)
        unaccent(&word)
        restoreMarks(&word)
    }

    /// Lowercases the consonant marks and turns `He`/`Hi` back into ë/ï (a lone `H` goes).
    private static func restoreMarks(_ word: inout StemChars) {
        var output = 0
        var index = 0
        while index < word.count {
            var c = word[index]
            switch c {
            case S.upperI: c = S.i
            case S.upperU: c = S.u
            case S.upperY: c = S.y
            case S.upperH:
                index += 1
                guard index < word.count else { continue }
                let next = word[index]
                if next == S.e { c = S.eUmlaut } else if next == S.i { c = S.iUmlaut } else { continue }
            default: break
            }
            word[output] = c
            output += 1
            index += 1
        }
        word.removeSubrange(output...)
    }

    /// Marks u/i between vowels, y next to a vowel, and u after q as consonants, and turns ë/ï into
    /// `He`/`Hi` so the bare vowel can match endings while `H` remembers the diaeresis.
    ///
    /// Scans left to right like Snowball's `repeat goto`: a rule that changes the letter after
    /// the cursor moves the cursor past it, which decides cases like `yue`.
    private static func markConsonants(_ word: inout StemChars) {
        var index = 0
        while index < word.count {
            let c = word[index]
            if isVowel(c) && index + 1 < word.count {
                let next = word[index + 1]
                if (next == S.u || next == S.i) && index + 2 < word.count && isVowel(word[index + 2]) {
                    word[index + 1] = next == S.u ? S.upperU : S.upperI
                    index += 2
                    continue
                }
                if next == S.y {
                    word[index + 1] = S.upperY
                    index += 2
                    continue
                }
            }
            if c == S.eUmlaut || c == S.iUmlaut {
                word[index] = S.upperH
                word.insert(c == S.eUmlaut ? S.e : S.i, at: index + 1)
                index += 2
            } else if c == S.y && index + 1 < word.count && isVowel(word[index + 1]) {
                word[index] = S.upperY
                index += 1
            } else if c == S.q && index + 1 < word.count && word[index + 1] == S.u {
                word[index + 1] = S.upperU
                index += 2
            } else {
                index += 1
            }
        }
    }

    private static let rvPrefixes: [StemChars] = ["par", "col", "tap"].map { StemChars(literal: $0) }

    private static func regions(_ word: StemChars) -> (pV: Int, p1: Int, p2: Int) {
        var pV = word.count
        if word.count >= 3 && isVowel(word[0]) && isVowel(word[1]) {
            pV = 3
        } else if rvPrefixes.contains(where: { word.starts(with: $0) }) {
            pV = 3
        } else {
            var index = 1
            while index < word.count && !isVowel(word[index]) { index += 1 }
            if index < word.count { pV = index + 1 }
        }
        let p1 = StemRegions.afterVowelConsonant(word, from: 0, isVowel: isVowel)
        let p2 = StemRegions.afterVowelConsonant(word, from: p1, isVowel: isVowel)
        return (pV, p1, p2)
    }

    // MARK: Step 1

    private enum Standard: Sendable {
        case deleteInR2, ateur, logie, usion, ence, ement, ite, ive, eaux, aux, euse, issement, amment, emment, ment
    }

    private static let standardTable = SuffixTable<Standard>(
        ["ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes"].map { ($0, .deleteInR2) }
            + ["atrice", "ateur", "ation", "atrices", "ateurs", "ations"].map { ($0, .ateur) }
            + [("logie", .logie), ("logies", .logie)]
            + ["usion", "ution", "usions", "utions"].map { ($0, .usion) }
            + [("ence", .ence), ("ences", .ence), ("ement", .ement), ("ements", .ement)]
            + [("ité", .ite), ("ités", .ite)]
            + ["if", "ive", "ifs", "ives"].map { ($0, .ive) }
            + [("eaux", .eaux), ("aux", .aux), ("euse", .euse), ("euses", .euse)]
            + [("issement", .issement), ("issements", .issement), ("amment", .amment), ("emment", .emment)]
            + [("ment", .ment), ("ments", .ment)])

    private enum AfterEment: Sendable { case iv, eus, ablOrIqU, ier }
    private static let afterEmentTable = SuffixTable<AfterEment>([
        ("iv", .iv), ("eus", .eus), ("abl", .ablOrIqU), ("iqU", .ablOrIqU), ("ièr", .ier), ("Ièr", .ier),
    ])
    private enum AfterIte: Sendable { case abil, ic, iv }
    private static let afterIteTable = SuffixTable<AfterIte>([("abil", .abil), ("ic", .ic), ("iv", .iv)])

    private static let ic = StemChars(literal: "ic"), iqU = StemChars(literal: "iqU"), at = StemChars(literal: "at")
    private static let log = StemChars(literal: "log"), ent = StemChars(literal: "ent"), eux = StemChars(literal: "eux")
    private static let abl = StemChars(literal: "abl"), eau = StemChars(literal: "eau"), al = StemChars(literal: "al")
    private static let ant = StemChars(literal: "ant")

    /// `['ic'] (R2 delete) or <- 'iqU'`, tried at the end of the word.
    private static func icToIqU(_ word: inout StemChars, p2: Int) {
        guard word.hasSuffix(ic) else { return }
        let start = word.count - 2
        if start >= p2 { word.removeSubrange(start...) } else { word.replaceTail(from: start, with: iqU) }
    }

    /// Step 1. Returns whether the step counts as having removed a suffix; the `-ment` rules
    /// change the word but still report failure so the verb steps run.
    private static func standardSuffix(_ word: inout StemChars, pV: Int, p1: Int, p2: Int) -> Bool {
        guard let (tag, start) = standardTable.longestMatch(in: word) else { return false }
        switch tag {
        case .deleteInR2:
            guard start >= p2 else { return false }
            word.removeSubrange(start...)
        case .ateur:
            guard start >= p2 else { return false }
            word.removeSubrange(start...)
            icToIqU(&word, p2: p2)
        case .logie:
            guard start >= p2 else { return false }
            word.replaceTail(from: start, with: log)
        case .usion:
            guard start >= p2 else { return false }
            word.replaceTail(from: start, with: [S.u])
        case .ence:
            guard start >= p2 else { return false }
            word.replaceTail(from: start, with: ent)
        case .ement:
            guard start >= pV else { return false }
            word.removeSubrange(start...)
            if let (after, afterStart) = afterEmentTable.longestMatch(in: word) {
                switch after {
                case .iv:
                    if afterStart >= p2 {
                        word.removeSubrange(afterStart...)
                        if word.hasSuffix(at) && word.count - 2 >= p2 { word.removeLast(2) }
                    }
                case .eus:
                    if afterStart >= p2 {
                        word.removeSubrange(afterStart...)
                    } else if afterStart >= p1 {
                        word.replaceTail(from: afterStart, with: eux)
                    }
                case .ablOrIqU:
                    if afterStart >= p2 { word.removeSubrange(afterStart...) }
                case .ier:
                    if afterStart >= pV { word.replaceTail(from: afterStart, with: [S.i]) }
                }
            }
        case .ite:
            guard start >= p2 else { return false }
            word.removeSubrange(start...)
            if let (after, afterStart) = afterIteTable.longestMatch(in: word) {
                switch after {
                case .abil:
                    if afterStart >= p2 { word.removeSubrange(afterStart...) } else { word.replaceTail(from: afterStart, with: abl) }
                case .ic:
                    if afterStart >= p2 { word.removeSubrange(afterStart...) } else { word.replaceTail(from: afterStart, with: iqU) }
                case .iv:
                    if afterStart >= p2 { word.removeSubrange(afterStart...) }
                }
            }
        case .ive:
            guard start >= p2 else { return false }
            word.removeSubrange(start...)
            if word.hasSuffix(at) && word.count - 2 >= p2 {
                word.removeLast(2)
                icToIqU(&word, p2: p2)
            }
        case .eaux:
            word.replaceTail(from: start, with: eau)
        case .aux:
            guard start >= p1 else { return false }
            word.replaceTail(from: start, with: al)
        case .euse:
            if start >= p2 {
                word.removeSubrange(start...)
            } else if start >= p1 {
                word.replaceTail(from: start, with: eux)
            } else {
                return false
            }
        case .issement:
            guard start >= p1, start > 0, !isVowel(word[start - 1]) else { return false }
            word.removeSubrange(start...)
        case .amment:
            if start >= pV { word.replaceTail(from: start, with: ant) }
            return false
        case .emment:
            if start >= pV { word.replaceTail(from: start, with: ent) }
            return false
        case .ment:
            if start - 1 >= pV && isVowel(word[start - 1]) { word.removeSubrange(start...) }
            return false
        }
        return true
    }

    // MARK: Step 2

    private static let iVerbTable = SuffixTable<Void>(
        ["îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras",
         "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait",
         "issant", "issante", "issantes", "issants", "isse", "issent", "isses", "issez", "issiez",
         "issions", "issons", "it"].map { ($0, ()) })

    /// Step 2a: verb endings starting with i, removed after a consonant inside RV.
    private static func iVerbSuffix(_ word: inout StemChars, pV: Int) -> Bool {
        guard let (_, start) = iVerbTable.longestMatch(in: word, notBefore: pV),
              start - 1 >= pV, word[start - 1] != S.upperH, !isVowel(word[start - 1]) else { return false }
        word.removeSubrange(start...)
        return true
    }

    private enum Verb: Sendable { case ions, delete, deleteWithE }
    private static let verbTable = SuffixTable<Verb>(
        [("ions", .ions)]
            + ["é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras",
               "erez", "eriez", "erions", "erons", "eront", "ez", "iez"].map { ($0, .delete) }
            + ["âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as",
               "asse", "assent", "asses", "assiez", "assions"].map { ($0, .deleteWithE) })

    /// Step 2b: the other verb endings, inside RV.
    private static func verbSuffix(_ word: inout StemChars, pV: Int, p2: Int) -> Bool {
        guard let (tag, start) = verbTable.longestMatch(in: word, notBefore: pV) else { return false }
        switch tag {
        case .ions:
            guard start >= p2 else { return false }
            word.removeSubrange(start...)
        case .delete:
            word.removeSubrange(start...)
        case .deleteWithE:
            word.removeSubrange(start...)
            if word.last == S.e && word.count - 1 >= pV { word.removeLast() }
        }
        return true
    }

    // MARK: Step 4

    private enum Residual: Sendable { case ion, ier, e }
    private static let residualTable = SuffixTable<Residual>([
        ("ion", .ion), ("ier", .ier), ("ière", .ier), ("Ier", .ier), ("Ière", .ier), ("e", .e),
    ])

    private static func residualSuffix(_ word: inout StemChars, pV: Int, p2: Int) {
        if word.count >= 2 && word.last == S.s {
            let before = word[word.count - 2]
            let afterDiaeresis = before == S.i && word.count >= 3 && word[word.count - 3] == S.upperH
            switch before {
            case S.a, S.i, S.o, S.u, S.eGrave, S.s: if afterDiaeresis { word.removeLast() }
            default: word.removeLast()
            }
        }
        guard let (tag, start) = residualTable.longestMatch(in: word, notBefore: pV) else { return }
        switch tag {
        case .ion:
            if start >= p2 && start - 1 >= pV && (word[start - 1] == S.s || word[start - 1] == S.t) {
                word.removeSubrange(start...)
            }
        case .ier:
            word.replaceTail(from: start, with: [S.i])
        case .e:
            word.removeSubrange(start...)
        }
    }

    // MARK: Steps 5 and 6

    private static let doubles: [StemChars] = ["enn", "onn", "ett", "ell", "eill"].map { StemChars(literal: $0) }

    private static func undouble(_ word: inout StemChars) {
        if doubles.contains(where: word.hasSuffix) { word.removeLast() }
    }

    /// é or è followed by at least one consonant at the end loses its accent.
    private static func unaccent(_ word: inout StemChars) {
        var index = word.count - 1
        while index >= 0 && !isVowel(word[index]) { index -= 1 }
        guard index >= 0, index < word.count - 1 else { return }
        if word[index] == S.eAcute || word[index] == S.eGrave { word[index] = S.e }
    }
}
