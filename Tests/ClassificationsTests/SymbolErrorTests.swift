import Core
import Testing

@testable import Classifications

@Suite("Invalid symbols")
struct SymbolErrorTests {
    @Test(
        "Each error names the symbol and the problem",
        arguments: [
            ("", "classification symbol is empty"),
            ("   ", "classification symbol is empty"),
            ("Q01B", "section must be one of A–H (or Y for CPC), found 'Q'"),
            ("7 A 23 B 5/00", "starts with a section letter A–H (or Y for CPC), found '7'"),
            ("G6F 17/30", "class must be two digits after section 'G', found '6F'"),
            ("G", nil),
            ("G0", "class must be two digits after section 'G', found '0'"),
            ("G00", "class 00 does not exist"),
            ("G061 17/30", "subclass letter must follow the two-digit class 'G06', found '1'"),
            ("G06/17/30", "subclass letter must follow the two-digit class 'G06', found '/'"),
            ("G06F 17/", "subgroup digits missing after '/'"),
            ("A21D 13/ ", "subgroup digits missing after '/'"),
            ("G06F 17/x", "subgroup digits missing after '/', found 'x'"),
            ("G06F 17//30", "found a second '/'"),
            ("G11B/85", "main group digits missing before '/'"),
            ("G06F X", "expected a main group number after subclass 'G06F', found 'X'"),
            ("G06F 12345/00", "main group must have 1–4 digits, found 5 ('12345')"),
            ("A23P 000/00000", "main group 0 does not exist"),
            ("A01B0000020000", "main group 0000 does not exist"),
            ("G06F 17/1234567", "subgroup must have at most 6 digits, found 7 ('1234567')"),
            ("G06F 161/00 Z", "unexpected 'Z' after the symbol"),
            ("G06F 17/30 (draft)", "unexpected '(draft)' after the symbol"),
            ("G06F 17/30)", "unmatched ')'"),
            ("(2006.01)", "only an edition, no symbol"),
        ] as [(String, String?)])
    func messages(text: String, problem: String?) {
        guard let problem else {
            #expect((try? ClassificationSymbol(parsing: text)) != nil)
            return
        }
        #expect {
            _ = try ClassificationSymbol(parsing: text)
        } throws: { error in
            guard let error = error as? IPAIError else { return false }
            return error.code == .invalidSymbol && error.message.hasPrefix("'\(text)': ") && error.message.contains(problem)
        }
    }

    @Test("The message is the full sentence a user reads")
    func fullMessage() {
        do {
            _ = try ClassificationSymbol(parsing: "G06F 17/")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidSymbol)
            #expect(error.description == "'G06F 17/': subgroup digits missing after '/'")
        }
    }
}
