import Foundation

/// Applicant-name normalisation: one key per organisation however its name is written, and the
/// kind of organisation.
///
/// The key folds case, width and diacritics, drops punctuation (`S.A.` → `sa`, `L'Oréal` →
/// `loreal`), writes `&` as `and`, and removes legal-form endings in several languages — Inc,
/// Corp, Co, Ltd, LLC, PLC, GmbH, AG, KG, SE, S.A., S.A.S., SARL, S.p.A., S.r.l., B.V., N.V., AB,
/// A/S, Oy, K.K., 株式会社, 有限公司, 股份有限公司, ООО, … — at the end (repeatedly: `GmbH & Co. KG`)
/// and, where the language puts them first, at the start (`株式会社東芝`, `ООО «Яндекс»`).
/// It does not resolve aliases (`IBM` and `International Business Machines` stay two keys).
///
/// ```swift
/// ApplicantName.key("SAMSUNG ELECTRONICS CO., LTD.")     // "samsung electronics"
/// ApplicantName.organisationType("Universität Stuttgart") // .university
/// ```
public enum ApplicantName {
    /// The grouping key of a name; empty when the name has no letters or digits.
    public static func key(_ raw: String) -> String {
        var tokens = words(raw)
        stripLegalForms(&tokens)
        return tokens.joined(separator: " ")
    }

    /// The name trimmed and with runs of white space collapsed, for display.
    public static func displayName(_ raw: String) -> String {
        raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The kind of organisation a name denotes (rules on the folded name; see ``OrganisationType``).
    public static func organisationType(_ raw: String) -> OrganisationType {
        let tokens = words(raw)
        let text = " " + tokens.joined(separator: " ") + " "
        let compact = tokens.joined()
        if universityPhrases.contains(where: { text.contains($0) })
            || compact.contains("大学") || compact.contains("大學") || compact.contains("대학교") {
            return .university
        }
        let legalForm = tokens.contains(where: { legalFormEnd.contains($0) || legalFormStart.contains($0) })
            || legalFormsCJK.contains(where: { compact.contains($0) })
        if strongResearchPhrases.contains(where: { text.contains($0) })
            || researchCJK.contains(where: { compact.contains($0) }) {
            return .publicResearch
        }
        if universityCJK.contains(where: { compact.contains($0) }) { return .university }
        if legalForm || companyWords.contains(where: { text.contains($0) }) { return .company }
        if weakResearchPhrases.contains(where: { text.contains($0) }) { return .publicResearch }
        if looksLikePerson(raw, tokens: tokens) { return .individual }
        return .unknown
    }

    // MARK: Words

    /// Folded, punctuation-free words. Dots and apostrophes join (`S.p.A.` → `spa`); other
    /// punctuation separates; CJK runs stay whole words.
    static func words(_ raw: String) -> [String] {
        var text = raw.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        if text.contains("a/s") { text = text.replacingOccurrences(of: "a/s", with: "as") }
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { tokens.append(String(current)); current.removeAll() }
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case ".", "'", "\u{2019}", "`": continue
            case "&", "+":
                flush()
                tokens.append("and")
            case "ø": current.append("o")
            case "æ": current.append(contentsOf: "ae".unicodeScalars)
            case "ß": current.append(contentsOf: "ss".unicodeScalars)
            case "ł": current.append("l")
            case "đ": current.append("d")
            case "œ": current.append(contentsOf: "oe".unicodeScalars)
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.append(scalar)
                } else {
                    flush()
                }
            }
        }
        flush()
        return tokens
    }

    static func stripLegalForms(_ tokens: inout [String]) {
        // CJK legal forms are written without spaces, at either end of the name.
        if tokens.count >= 1 {
            for index in [0, tokens.count - 1] where index < tokens.count {
                var word = tokens[index]
                var changed = true
                while changed {
                    changed = false
                    // A name that is only a legal form keeps it.
                    for form in legalFormsCJK where word.count > form.count || (tokens.count > 1 && word == form) {
                        if word.hasSuffix(form) {
                            word.removeLast(form.count)
                            changed = true
                        } else if word.hasPrefix(form) {
                            word.removeFirst(form.count)
                            changed = true
                        }
                    }
                }
                tokens[index] = word
            }
            tokens.removeAll { $0.isEmpty }
        }
        // Two-word forms first (`kabushiki kaisha`, `sa de cv`), then single words, from the end.
        var stripped = false
        while tokens.count > 1 {
            if tokens.count > 2, let pair = Optional(tokens[tokens.count - 2] + " " + tokens[tokens.count - 1]),
               legalFormPairs.contains(pair) {
                tokens.removeLast(2)
                stripped = true
                continue
            }
            let last = tokens[tokens.count - 1]
            if legalFormEnd.contains(last) || (stripped && connectors.contains(last)) {
                tokens.removeLast()
                stripped = true
                continue
            }
            break
        }
        while tokens.count > 1 {
            if tokens.count > 2, legalFormPairs.contains(tokens[0] + " " + tokens[1]) {
                tokens.removeFirst(2)
                continue
            }
            if legalFormStart.contains(tokens[0]) {
                tokens.removeFirst()
                continue
            }
            break
        }
    }

    static func looksLikePerson(_ raw: String, tokens: [String]) -> Bool {
        guard (2...4).contains(tokens.count), raw.count <= 40 else { return false }
        guard tokens.allSatisfy({ word in word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.value < 0x2E80 } })
        else { return false }
        let hasInitial = tokens.contains { $0.count == 1 }
        let commaName = raw.filter { $0 == "," }.count == 1 && !raw.hasSuffix(",")
        return hasInitial || commaName
    }

    // MARK: Tables

    /// Legal forms removed at the end of a name (folded, without dots).
    static let legalFormEnd: Set<String> = [
        // English
        "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "ltd", "limited", "llc", "llp", "lp",
        "plc", "pty", "pte", "pvt", "private", "lllp", "pllc", "ltda", "bhd", "sdn", "tbk",
        // German, Austrian, Swiss
        "gmbh", "ag", "kg", "kgaa", "ohg", "mbh", "ug", "ev", "aktiengesellschaft", "gesellschaft", "se",
        // French, Belgian, Luxembourgish
        "sa", "sas", "sasu", "sarl", "eurl", "sca", "scs", "snc", "sprl", "bvba", "nv", "bv", "cv",
        // Italian, Spanish, Portuguese
        "spa", "srl", "sapa", "sl", "slu", "sau", "saic", "sacifi", "lda", "eireli", "me",
        // Nordic
        "ab", "publ", "as", "asa", "aps", "oy", "oyj", "hf", "ehf",
        // Japanese romanised, Korean romanised, Dutch, Polish, Czech
        "kk", "gk", "yk", "sp", "zoo", "sro", "spol", "ad", "doo", "kft", "zrt", "nyrt", "oao", "ooo", "zao", "pao",
        // Cyrillic
        "ооо", "оао", "зао", "пао", "ао",
        // Korean `(주)` after punctuation is split off
        "주",
    ]
    /// Legal forms removed at the start of a name.
    static let legalFormStart: Set<String> = ["ooo", "oao", "zao", "pao", "ооо", "оао", "зао", "пао", "ао", "pt", "cv", "the", "주"]
    /// Two-word legal forms (either end).
    static let legalFormPairs: Set<String> = [
        "kabushiki kaisha", "kabushikigaisha kaisha", "yugen kaisha", "godo kaisha", "sa de", "de cv", "s de", "de rl",
        "co kg", "sp z", "z oo", "spol s", "s ro", "public limited", "pty ltd", "pvt ltd",
    ]
    /// Words that only go with a stripped legal form (`GmbH & Co. KG`, `S.A. de C.V.`).
    static let connectors: Set<String> = ["and", "und", "et", "de", "y", "e", "s", "r", "l", "z", "o", "mit"]
    /// Legal forms written in Chinese, Japanese or Korean, longest first.
    static let legalFormsCJK: [String] = [
        "股份有限公司", "有限责任公司", "有限責任公司", "株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
        "有限公司", "주식회사", "유한회사", "(주)", "公司",
    ]

    static let universityPhrases: [String] = [
        " university ", " universitat ", " universite ", " universidad ", " universidade ", " universita ",
        " universiteit ", " universitet ", " universiti ", " uniwersytet ", " univerzita ", " yliopisto ",
        " university", "universitat", "universite ", "universidad", " college ", " hochschule ", " polytechnic ",
        " politecnico ", " politechnika ", " institute of technology ", " ecole polytechnique ",
        " ecole normale superieure ", " ecole centrale ", " technische universitat ", " eth ", " epfl ", " kaist ",
        " университет ", " академия наук ", " school of medicine ",
    ]
    static let universityCJK: [String] = ["学院", "學院"]
    static let strongResearchPhrases: [String] = [
        " cnrs ", " centre national de la recherche scientifique ", " fraunhofer ", " max planck ", " cnr ",
        " consiglio nazionale delle ricerche ", " inria ", " inserm ", " inra ", " commissariat a l energie atomique ",
        " commissariat a lenergie atomique ", " cea ", " csic ", " consejo superior de investigaciones cientificas ",
        " academy of sciences ", " academy of science ", " academia sinica ", " national laboratory ",
        " national laboratories ", " national research council ", " tno ", " csir ", " csiro ", " a star ",
        " agency for science technology and research ", " etri ", " electronics and telecommunications research institute ",
        " aist ", " national institute of advanced industrial science ", " riken ", " itri ",
        " industrial technology research institute ", " nasa ", " national aeronautics and space administration ",
        " as represented by the secretary ", " united states of america ", " government ", " secretary of the ",
        " ministry ", " department of energy ", " forschungszentrum ", " helmholtz ", " leibniz ", " vtt ",
        " national institutes of health ", " korea institute of ", " chinese academy ",
    ]
    static let researchCJK: [String] = ["科学院", "科學院", "研究院", "국립", "연구원"]
    static let weakResearchPhrases: [String] = [
        " institute ", " institut ", " instituto ", " istituto ", " institutet ", " research center ", " research centre ",
        " research foundation ", " hospital ", " hopital ", " klinikum ", " laboratory ", " laboratoire ", " foundation ",
        " stiftung ", "研究所", " council ",
    ]
    static let companyWords: [String] = [
        " technologies ", " technology ", " tech ", " systems ", " system ", " electronics ", " electric ", " software ",
        " pharma ", " pharmaceuticals ", " pharmaceutical ", " industries ", " industry ", " industrial ", " group ",
        " holdings ", " holding ", " international ", " products ", " services ", " solutions ", " networks ",
        " computer ", " computers ", " motors ", " motor ", " chemicals ", " chemical ", " foods ", " food ", " bank ",
        " enterprises ", " manufacturing ", " labs ", " licensing ", " semiconductor ", " communications ",
        " telecom ", " entertainment ", " energy ", " devices ", " instruments ", " automotive ", " global ",
        " kabushiki kaisha ", "集团", "集團", "株式会社", "公司",
    ]
}
