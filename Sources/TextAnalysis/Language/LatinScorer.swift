/// Evidence for English, French, German or another Latin-script language, gathered word by word.
///
/// Each word votes through three kinds of cue, all hand-picked to be typical of one language:
/// function and patent-title words (split between the languages that share them), accented
/// letters, and word beginnings and endings. Titles are short, so every cue counts.
struct LatinScorer {
    private(set) var scores: [Double] = [0, 0, 0, 0]

    /// The language with the highest score; English when there is no evidence at all.
    static let englishPrior = 0.8

    func bestLanguage() -> Language {
        // An unmarked Latin-script patent text is most often English: other languages must
        // outscore it by a margin.
        var scores = scores
        scores[0] += Self.englishPrior
        var bestIndex = 0
        for index in 1..<scores.count where scores[index] > scores[bestIndex] { bestIndex = index }
        return Self.languages[bestIndex]
    }

    static let languages: [Language] = [.english, .french, .german, .other]

    /// How far the best language (English with its prior) leads the runner-up.
    var lead: Double {
        var scores = scores
        scores[0] += Self.englishPrior
        scores.sort(by: >)
        return scores[0] - scores[1]
    }

    mutating func add(_ word: [UInt8], hasNonASCII: Bool) {
        let id = word.withUnsafeBytes { Self.words.find($0) }
        if id >= 0 {
            let voters = Self.wordVoters[Int(id)]
            let share = 1.5 / Double(voters.count)
            for language in voters { scores[language] += share }
        }
        if hasNonASCII {
            for scalar in String(decoding: word, as: UTF8.self).unicodeScalars {
                switch scalar.value {
                case 0xE4, 0xF6, 0xFC, 0xDF: scores[2] += 1  // ä ö ü ß
                case 0xE9, 0xE8, 0xEA, 0xE0, 0xE2, 0xE7, 0xEE, 0xF4, 0xFB, 0xEB, 0xEF, 0xF9, 0x153: scores[1] += 1
                case 0xF1, 0xE3, 0xF5, 0xF2, 0xED, 0xF3, 0xE1, 0xFA, 0xEC: scores[3] += 1  // ñ ã õ ò í ó á ú ì
                default: break
                }
            }
        }
        let count = word.count
        guard count >= 4 else { return }
        for cue in Self.endings[Int(word[count - 1])] where count > cue.bytes.count + 1 && word.ends(with: cue.bytes) {
            scores[cue.language] += cue.weight
        }
        for cue in Self.beginnings where count > cue.bytes.count + 2 && word.starts(with: cue.bytes) {
            scores[cue.language] += cue.weight
        }
        // Letter pairs and triples inside the word, each cue counted once per word.
        var seen: UInt64 = 0
        for position in 0..<(count - 1) {
            let pair = Int(word[position] & 0x7F) << 7 | Int(word[position + 1] & 0x7F)
            tally(cue: Int(Self.pairCues[pair]), seen: &seen)
            if position + 2 < count {
                let triple = UInt32(word[position]) << 16 | UInt32(word[position + 1]) << 8 | UInt32(word[position + 2])
                // A handful of triples: a scan beats hashing.
                for (key, cue) in Self.tripleCues where key == triple {
                    tally(cue: cue, seen: &seen)
                }
            }
        }
        if word.contains(UInt8(ascii: "z")) { scores[2] += 0.2 }
    }

    @inline(__always)
    private mutating func tally(cue index: Int, seen: inout UInt64) {
        guard index != 0, seen & (1 << UInt64(index)) == 0 else { return }
        seen |= 1 << UInt64(index)
        let cue = Self.inner[index - 1]
        scores[cue.language] += cue.weight
    }

    // MARK: Cues

    private struct Cue: Sendable {
        var bytes: [UInt8]
        var language: Int
        var weight: Double
    }

    private static func cues(_ text: String, _ language: Int, _ weight: Double) -> [Cue] {
        text.split(separator: " ").map { Cue(bytes: Array($0.utf8), language: language, weight: weight) }
    }

    /// Word-ending cues, bucketed by last byte.
    private static let endings: [[Cue]] = {
        var buckets = [[Cue]](repeating: [], count: 256)
        for cue in endingCues { buckets[Int(cue.bytes.last!)].append(cue) }
        return buckets
    }()

    private static let endingCues: [Cue] =
        cues("ing ings", 0, 1.0) + cues("ed ly ness ity ship ful ous ally ated ized izing izer ization ations", 0, 0.5)
        + cues("eau eaux eux euse euses ique iques oir oire oires ais ait aient ement ements ette ettes elle elles", 1, 0.8)
        + cues("aux ifs eurs", 1, 0.5) + cues("eur ion ions age", 1, 0.2)
        + cues("ung ungen heit keit lich liche lichen isch ische ischen chen lein schaft tung igen iger", 2, 0.9)
        + cues("ern ten tes nen en ach ich uch ech", 2, 0.3)
        + cues("cion ciones dad dades ado ada ados adas ido ida idos idas ento enti mento menti oso osa zione zioni cao coes", 3, 0.8)
        + cues("os", 3, 0.3)

    private static let beginnings: [Cue] = cues("ver zer ent ge be", 2, 0.2)

    /// Index + 1 into `inner` of each two-letter cue, by `first << 7 | second`.
    private static let pairCues: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 1 << 14)
        for (index, cue) in inner.enumerated() where cue.bytes.count == 2 {
            table[Int(cue.bytes[0] & 0x7F) << 7 | Int(cue.bytes[1] & 0x7F)] = UInt8(index + 1)
        }
        return table
    }()

    /// Index + 1 into `inner` of each three-letter cue, by its packed bytes.
    private static let tripleCues: [(key: UInt32, cue: Int)] = inner.enumerated().compactMap { index, cue in
        guard cue.bytes.count == 3 else { return nil }
        return (UInt32(cue.bytes[0]) << 16 | UInt32(cue.bytes[1]) << 8 | UInt32(cue.bytes[2]), index + 1)
    }

    /// Letter pairs and triples typical of one language (at most 63, for the per-word mask).
    private static let inner: [Cue] =
        cues("th wh gh sh tch", 0, 0.5) + cues("oo ee ea", 0, 0.2)
        + cues("qu oi", 1, 0.3) + cues("ou ai", 1, 0.2)
        + cues("sch cht tz pf", 2, 0.6) + cues("ei ie ch", 2, 0.2)
        + cues("gli nh", 3, 0.3)

    /// Function words and typical title words; a word listed for several languages is split
    /// between them.
    private static let wordLists: [(Int, String)] = [
        (0, """
            the of and for with to in a an on by from or is are which that this its at as be having using \
            method methods device devices apparatus system systems process processes composition assembly \
            means thereof wherein use machine producing manufacturing making improved improvements \
            arrangement control vehicle container package packaging food product products heating cooking \
            based containing comprising same therefor such into has been other
            """),
        (1, """
            le la les de des du et pour un une en dans sur par avec au aux ou à d l qui est son sa ses leur \
            procédé procede dispositif appareil système méthode utilisation fabrication produit moyen moyens \
            ensemble comprenant destiné permettant notamment tel telle ces cette ce sont entre ayant \
            installation pièce element élément que pas plus ne parties partie
            """),
        (2, """
            der die das und für zur zum mit von eines einer ein eine einem einen zu im auf aus bei oder dem \
            den des verfahren vorrichtung herstellung anordnung einrichtung system verwendung mittel sowie \
            insbesondere mindestens wobei ist sind nicht durch über vom beim als wird werden welche \
            vorrichtungen verfahrens deren dessen nach wurde kann nur auch noch unter gegen bzw zwischen ohne mehr neue neuer neues sich
            """),
        (3, """
            el los las del con para por una y que se es il della delle dei di per gli lo het een van voor met \
            op werkwijze inrichting procedimiento dispositivo método sistema procedimento metodo processo \
            aparelho uma um dos das do da no na al
            """),
    ]

    private static let (words, wordVoters): (TermTable, [[Int]]) = {
        var table = TermTable(minimumCapacity: 512)
        var voters: [[Int]] = []
        for (language, list) in wordLists {
            for word in list.split(separator: " ") {
                let id = Int(table.insert(String(word)).id)
                if id == voters.count { voters.append([]) }
                if !voters[id].contains(language) { voters[id].append(language) }
            }
        }
        return (table, voters)
    }()
}
