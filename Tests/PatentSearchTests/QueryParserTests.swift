import Core
import Testing

@testable import PatentSearch

@Suite("Patent query parser")
struct QueryParserTests {
    func parsed(_ text: String) throws -> String {
        try PatentQuery(parsing: text).description
    }

    func syntaxError(_ text: String) -> IPAIError? {
        do {
            _ = try PatentQuery(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test("AND, OR and NOT in any case, with OR binding loosest and NOT meaning 'without'")
    func booleanOperators() throws {
        #expect(try parsed("neural AND network") == "(neural AND network)")
        #expect(try parsed("neural or network") == "(neural OR network)")
        #expect(try parsed("a OR b AND c") == "(a OR (b AND c))")
        #expect(try parsed("a AND b NOT c") == "((a AND b) NOT c)")
        #expect(try parsed("a Not b OR c") == "((a NOT b) OR c)")
        #expect(try parsed("NOT a") == "(NOT a)")
        #expect(try parsed("(a OR b) AND c") == "((a OR b) AND c)")
    }

    @Test("Adjacent terms are joined by AND")
    func implicitAnd() throws {
        #expect(try parsed("neural network") == "(neural AND network)")
        #expect(try parsed("a (b OR c)") == "(a AND (b OR c))")
    }

    @Test("Field scopes apply to one operand or a parenthesised expression")
    func fieldScopes() throws {
        #expect(try parsed("TI=robot") == "TI=robot")
        #expect(try parsed("ab=(robot OR drone)") == "(AB=robot OR AB=drone)")
        #expect(try parsed("CLM=gripper AND TX=arm") == "(CLM=gripper AND TX=arm)")
        #expect(try parsed("DESC=arm") == "DESC=arm")
        #expect(try parsed("TIAB=arm") == "arm")
        #expect(try parsed("TIABCLM=arm") == "TIABCLM=arm")
        #expect(try parsed("PA=(siemens OR \"general electric\")") == "(PA=siemens OR PA=\"general electric\")")
        #expect(try parsed("TI=(a OR AB=b)") == "(TI=a OR AB=b)")
    }

    @Test("Years, dates and countries take single values and ranges")
    func valueScopes() throws {
        #expect(try parsed("PY=2010") == "PY=2010")
        #expect(try parsed("PY=2010-2015") == "PY=2010-2015")
        #expect(try parsed("PY=2010-") == "PY=2010-")
        #expect(try parsed("PRY=-2015") == "PRY=-2015")
        #expect(try parsed("PD=20100101-20151231") == "PD=20100101-20151231")
        #expect(try parsed("PD=2010-01-01..2015-12-31") == "PD=20100101-20151231")
        #expect(try parsed("PD=2019-04-15") == "PD=20190415")
        #expect(try parsed("PD=2019") == "PD=20190101-20191231")
        #expect(try parsed("CC=us") == "CC=US")
        #expect(try parsed("CC=(US OR EP)") == "(CC=US OR CC=EP)")
    }

    @Test("Truncation marks stay in the word, in the middle too")
    func truncation() throws {
        #expect(try parsed("comput+") == "comput+")
        #expect(try parsed("chatbot?") == "chatbot?")
        #expect(try parsed("connectionis#") == "connectionis#")
        #expect(try parsed("WOM#N colo?r") == "(wom#n AND colo?r)")
        #expect(try parsed("comput*") == "comput+")
    }

    @Test("Proximity binds tighter than AND and OR and groups from the left")
    func proximity() throws {
        #expect(try parsed("neural 1W network+") == "(neural 1W network+)")
        #expect(try parsed("data 2d mining") == "(data 2D mining)")
        #expect(try parsed("a 1W b OR c") == "((a 1W b) OR c)")
        #expect(try parsed("(test OR training) 1D data 1D set?") == "(((test OR training) 1D data) 1D set?)")
        #expect(
            try parsed("(natural 1D language) 1W (generation OR processing)")
                == "((natural 1D language) 1W (generation OR processing))")
        #expect(try parsed("\"neural network\" 3W chip") == "(\"neural network\" 3W chip)")
    }

    @Test("Phrases in quotes and hyphenated words are phrases")
    func phrases() throws {
        #expect(try parsed("\"Machine Learning\"") == "\"machine learning\"")
        #expect(try parsed("semi-supervised") == "\"semi supervised\"")
        #expect(try parsed("\"and\"") == "and")
    }

    @Test("Classification symbols in either notation, with hierarchy and ranges")
    func classification() throws {
        #expect(try parsed("IC=G06N") == "IC=G06N")
        #expect(try parsed("CPC=G06N3") == "IC=G06N3/00")
        #expect(try parsed("CL=G06N 3") == "IC=G06N3/00")
        #expect(try parsed("IC=G06N 3/04") == "IC=G06N3/04")
        #expect(try parsed("IC=G06N0003040000") == "IC=G06N3/04")
        #expect(try parsed("IC=G06N5/003-G06N5/027") == "IC=G06N5/003-G06N5/027")
        #expect(try parsed("IC=G06N5/003-5/027") == "IC=G06N5/003-G06N5/027")
        #expect(try parsed("IC=G06F17/2") == "IC=G06F17/2")
        #expect(try parsed("IC=(G06N OR G10L15) AND speech") == "((IC=G06N OR IC=G10L15/00) AND speech)")
    }

    @Test("Syntax errors name the 1-based position, the token and what was expected")
    func syntaxErrors() {
        let unclosed = syntaxError("(neural 1W network+")
        #expect(unclosed?.code == .querySyntax)
        #expect(unclosed?.message == "position 20: ')' expected after 'neural 1W network+'")

        #expect(syntaxError("neural AND")?.message == "position 11: a search term expected at the end of the query after 'neural AND'")
        #expect(syntaxError("a OR OR b")?.message.hasPrefix("position 6: a search term expected before 'OR'") == true)
        #expect(syntaxError("a)")?.message == "position 2: ')' without a matching '(' after 'a'")
        #expect(syntaxError("XY=robot")?.message.hasPrefix("position 1: unknown field 'XY'") == true)
        #expect(syntaxError("PY=20x0")?.message.hasPrefix("position 4: '20x0' is not a year") == true)
        #expect(syntaxError("a OR IC=G6")?.message.hasPrefix("position 9: 'G6' is not a classification symbol") == true)
        #expect(syntaxError("\"neural network")?.message.hasPrefix("position 1: closing '\"' expected") == true)
        #expect(syntaxError("(a AND b) 1W c")?.message.hasPrefix("position 11: '1W' needs words") == true)
        #expect(syntaxError("a 1W PY=2010")?.message.hasPrefix("position 6: '1W' needs words") == true)
        #expect(syntaxError("")?.message == "position 1: the query is empty")
        #expect(syntaxError("()")?.message.hasPrefix("position 2: empty parentheses") == true)
        #expect(syntaxError("TI=")?.message.hasPrefix("position 4: a value expected after 'TI='") == true)
        #expect(syntaxError("+")?.message.hasPrefix("position 1: '+' is only truncation marks") == true)
        #expect(syntaxError("IC=G06N5/027-5/003")?.message.hasPrefix("position 4: the range") == true)
    }

    @Test("The published WITT-2019 AI strategy parses as written")
    func wittStrategy() throws {
        let query = try PatentQuery(parsing: WITTStrategy.text)
        #expect(query.description.contains("((TIABCLM=artific+ OR TIABCLM=computation+) 1W TIABCLM=intelligen+)"))
        #expect(
            query.description.contains(
                "(((TIABCLM=semi 1W TIABCLM=supervised) OR TIABCLM=unsupervised OR TIABCLM=supervised) 1W (TIABCLM=learning+ OR TIABCLM=training))"))
        #expect(query.description.hasPrefix("((IC=G06N3/00 OR IC=G06N5/003-G06N5/027 OR IC=G06N7/005-G06N7/06 OR "))
    }
}
