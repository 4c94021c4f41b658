import Testing
@testable import Landscape

@Suite("Applicant names")
struct ApplicantNameTests {
    static let cases: [(raw: String, key: String, type: OrganisationType)] = [
        ("SAMSUNG ELECTRONICS CO., LTD.", "samsung electronics", .company),
        ("Samsung Electronics Co Ltd", "samsung electronics", .company),
        ("International Business Machines Corporation", "international business machines", .company),
        ("GOOGLE INC.", "google", .company),
        ("Google LLC", "google", .company),
        ("Microsoft Technology Licensing, LLC", "microsoft technology licensing", .company),
        ("Siemens Aktiengesellschaft", "siemens", .company),
        ("SIEMENS AG", "siemens", .company),
        ("Robert Bosch GmbH", "robert bosch", .company),
        ("Dr. Ing. h.c. F. Porsche AG", "dr ing hc f porsche", .company),
        ("Schaeffler Technologies AG & Co. KG", "schaeffler technologies", .company),
        ("BASF SE", "basf", .company),
        ("Société Générale S.A.", "societe generale", .company),
        ("Airbus Operations S.A.S.", "airbus operations", .company),
        ("Renault s.a.s", "renault", .company),
        ("Telecom Italia S.p.A.", "telecom italia", .company),
        ("STMicroelectronics S.r.l.", "stmicroelectronics", .company),
        ("Koninklijke Philips N.V.", "koninklijke philips", .company),
        ("ASML Netherlands B.V.", "asml netherlands", .company),
        ("Telefonaktiebolaget LM Ericsson (publ)", "telefonaktiebolaget lm ericsson", .company),
        ("Novo Nordisk A/S", "novo nordisk", .company),
        ("Nokia Oyj", "nokia", .company),
        ("Sony Corp.", "sony", .company),
        ("Procter & Gamble Company", "procter and gamble", .company),
        ("Hewlett-Packard Development Company, L.P.", "hewlett packard development", .company),
        ("Grupo Bimbo, S.A.B. de C.V.", "grupo bimbo sab", .company),
        ("L'Oréal", "loreal", .unknown),
        ("株式会社東芝", "東芝", .company),
        ("トヨタ自動車株式会社", "トヨタ自動車", .company),
        ("华为技术有限公司", "华为技术", .company),
        ("腾讯科技（深圳）有限公司", "腾讯科技 深圳", .company),
        ("ООО «Яндекс»", "яндекс", .company),
        ("Kabushiki Kaisha Toshiba", "toshiba", .company),
        ("Massachusetts Institute of Technology", "massachusetts institute of technology", .university),
        ("The Regents of the University of California", "regents of the university of california", .university),
        ("Universität Stuttgart", "universitat stuttgart", .university),
        ("Université de Bordeaux", "universite de bordeaux", .university),
        ("Universidad Politécnica de Madrid", "universidad politecnica de madrid", .university),
        ("清华大学", "清华大学", .university),
        ("Centre National de la Recherche Scientifique (CNRS)", "centre national de la recherche scientifique cnrs", .publicResearch),
        ("Fraunhofer-Gesellschaft zur Förderung der angewandten Forschung e.V.", "fraunhofer gesellschaft zur forderung der angewandten forschung", .publicResearch),
        ("Consiglio Nazionale delle Ricerche", "consiglio nazionale delle ricerche", .publicResearch),
        ("中国科学院自动化研究所", "中国科学院自动化研究所", .publicResearch),
        ("Commissariat à l'Énergie Atomique et aux Énergies Alternatives", "commissariat a lenergie atomique et aux energies alternatives", .publicResearch),
        ("Electronics and Telecommunications Research Institute", "electronics and telecommunications research institute", .publicResearch),
        ("HOPKINS ALEXANDER N", "hopkins alexander n", .individual),
        ("Smith, John", "smith john", .individual),
    ]

    @Test("real-looking applicant names group under one key and get the right organisation type", arguments: cases)
    func normalises(_ entry: (raw: String, key: String, type: OrganisationType)) {
        #expect(ApplicantName.key(entry.raw) == entry.key, "key of \(entry.raw)")
        #expect(ApplicantName.organisationType(entry.raw) == entry.type, "type of \(entry.raw)")
    }

    @Test("spellings of one company with different legal forms and punctuation share a key")
    func variantsShareKey() {
        let variants = ["Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD", "samsung  electronics co. ltd"]
        #expect(Set(variants.map(ApplicantName.key)).count == 1)
    }

    @Test("a name that is only a legal form keeps it rather than becoming empty")
    func bareLegalForm() {
        #expect(ApplicantName.key("AG") == "ag")
        #expect(ApplicantName.key("  ") == "")
    }
}
