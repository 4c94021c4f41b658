import Testing
@testable import TextAnalysis

/// Word → stem pairs from the Snowball algorithm definitions and their sample vocabularies.
@Suite struct StemmerTests {
    @Test(arguments: [
        ("generously", "generous"), ("consignment", "consign"), ("running", "run"), ("hopping", "hop"),
        ("sky", "sky"), ("skies", "sky"), ("dying", "die"), ("news", "news"), ("inning", "inning"),
        ("proceed", "proceed"), ("agreed", "agre"), ("feed", "feed"), ("happy", "happi"),
        ("relational", "relat"), ("conditional", "condit"), ("generalization", "general"),
        ("electrical", "electr"), ("hopeful", "hope"), ("goodness", "good"), ("allowance", "allow"),
        ("adjustment", "adjust"), ("dependent", "depend"), ("adoption", "adopt"), ("communism", "communism"),
        ("effective", "effect"), ("cries", "cri"), ("ties", "tie"), ("gaps", "gap"), ("kiwis", "kiwi"),
        ("luxuriated", "luxuri"), ("hoped", "hope"), ("filing", "file"), ("fizzed", "fizz"),
        ("arsenal", "arsenal"), ("a", "a"), ("is", "is"),
    ])
    func english(word: String, stem: String) {
        #expect(Stemmer(language: .english)!.stem(word) == stem)
    }

    @Test(arguments: [
        ("continuellement", "continuel"), ("continuité", "continu"), ("contraintes", "contraint"),
        ("maintenant", "mainten"), ("maintenir", "mainten"), ("dispositif", "disposit"),
        ("dispositifs", "disposit"), ("freinage", "freinag"), ("véhicule", "véhicul"),
        ("véhicules", "véhicul"), ("fabrication", "fabriqu"), ("procédé", "proced"),
        ("appareils", "appareil"), ("chevaux", "cheval"), ("nationale", "national"),
        ("mosaïque", "mosa"), ("aiguë", "aigu"), ("rapidement", "rapid"), ("utilisation", "utilis"),
    ])
    func french(word: String, stem: String) {
        #expect(Stemmer(language: .french)!.stem(word) == stem)
    }

    @Test(arguments: [
        ("aufeinanderfolgenden", "aufeinanderfolg"), ("kategorisch", "kategor"), ("käuflich", "kauflich"),
        ("häuser", "haus"), ("verfahren", "verfahr"), ("vorrichtung", "vorricht"),
        ("herstellung", "herstell"), ("bauteils", "bauteil"), ("ergebnisse", "ergebnis"),
        ("fahrzeuge", "fahrzeug"), ("größe", "gross"), ("schließlich", "schliesslich"),
        ("möglichkeit", "moglich"), ("bremsanlage", "bremsanlag"),
    ])
    func german(word: String, stem: String) {
        #expect(Stemmer(language: .german)!.stem(word) == stem)
    }

    @Test func onlyEnglishFrenchAndGermanHaveStemmers() {
        #expect(Stemmer(language: .chinese) == nil)
        #expect(Stemmer(language: .other) == nil)
        #expect(Stemmer(language: .german)?.language == .german)
    }
}
