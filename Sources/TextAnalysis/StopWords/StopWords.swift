/// Compact stop-word lists: function words (articles, pronouns, prepositions, conjunctions,
/// auxiliaries) that carry no topic. Lists are in folded form (lowercase; French and German keep
/// their accents), matched before stemming.
enum StopWords {
    /// The table for a language, or `nil` if IPAI has no list for it.
    static func table(for language: Language) -> TermTable? {
        switch language {
        case .english: english
        case .french: french
        case .german: german
        default: nil
        }
    }

    private static func table(_ words: [String]) -> TermTable {
        var table = TermTable(minimumCapacity: words.count)
        for word in words { table.insert(word) }
        return table
    }

    private static let english = table(englishWords)
    private static let french = table(frenchWords)
    private static let german = table(germanWords)

    static let englishWords: [String] = """
        a about above across after again against all almost along also although am among an and another \
        any are around as at be because been before being below between both but by can cannot could \
        did do does doing done down during each either else etc even ever every few for from further \
        had has have having he her here hers herself him himself his how however i ie if in into is it \
        its itself just least less many may me might more most much must my myself neither no nor not \
        now of off on once one only onto or other others otherwise our ours ourselves out over own per \
        rather said same shall she should since so some such than that the their theirs them themselves \
        then there thereby therefore therefrom therein thereof thereon thereto these they this those \
        though through throughout thus to together too toward towards under until up upon us very via \
        was we were what whatever when whenever where whereas whereby wherein whether which while who \
        whom whose why will with within without would yet you your yours yourself yourselves
        """.split(separator: " ").map(String.init)

    static let frenchWords: [String] = """
        a à afin ai aie aient ainsi ais ait alors as au aucun aucune auprès aussi autre autres aux \
        avaient avais avait avant avec avez avoir avons ayant c ça car ce ceci cela celle celles celui \
        cependant ces cet cette ceux chaque ci comme comment contre d dans de depuis des desquels \
        desquelles dès donc dont du duquel elle elles en encore entre es est et étaient était étant été \
        être eu eux fait fois font hors il ils j je jusqu l la laquelle le lequel les lesquels lesquelles \
        leur leurs lors lorsqu lorsque lui m ma mais me même mêmes mes moi mon n ne ni nos notre nous on \
        ont ou où par parce parmi pas pendant peu peut peuvent plus pour pourquoi puis qu quand que quel \
        quelle quelles quels qui quoi s sa sans se selon ses si sinon soit son sont sous suis sur t ta \
        tandis te tels tes toi ton tous tout toute toutes très tu un une vers via vos votre vous y
        """.split(separator: " ").map(String.init)

    static let germanWords: [String] = """
        aber als also am an ander andere anderem anderen anderer anderes auch auf aus bei beim beide \
        beiden bin bis bist bzw da dabei dadurch dafür daher damit dann daran darauf darin das dass dem \
        den denen denn der deren derer des dessen deshalb die dies diese diesem diesen dieser dieses \
        doch dort du durch ein eine einem einen einer eines er es etwa euch für gegen gegenüber habe \
        haben hat hatte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem \
        ins ist jede jedem jeden jeder jedes jedoch jene jenem jenen jener jenes kann kein keine können \
        könnte man mehr mit muss nach neben nicht noch nun nur ob oder ohne sehr sein seine seinem \
        seinen seiner seines sich sie sind so solche soll sollen sondern sowie sowohl über um und uns \
        unter viel vom von vor während war waren was weil welche welchem welchen welcher welches wenn \
        wer werden wie wird wir wo wobei zu zum zur zwischen
        """.split(separator: " ").map(String.init)
}
