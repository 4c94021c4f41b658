import Core
import Foundation
import Testing
@testable import Landscape

@Suite("Landscape definitions")
struct LandscapeDefinitionTests {
    func error(_ json: String) -> IPAIError? {
        do {
            _ = try LandscapeDefinition.parse(Data(json.utf8), file: "def.json")
            return nil
        } catch {
            return error
        }
    }

    @Test("a valid definition reads with its dimensions and categories")
    func valid() throws {
        let definition = try LandscapeDefinition.parse(Data("""
        {"name": "AI", "scope": "G06N OR machine 1W learning+",
         "dimensions": [{"id": "t", "label": "Techniques", "categories": [
            {"id": "ml", "label": "Machine learning", "query": "G06N20 OR machine 1W learn+", "flag": "Machine_Learning"},
            {"id": "rest", "label": "Other", "otherwise": true}]}]}
        """.utf8), file: "def.json")
        #expect(definition.dimensions[0].categories.count == 2)
        #expect(definition.dimensions[0].categories[1].otherwise == true)
    }

    @Test("validation errors name the file, the JSON path and the value")
    func errors() {
        let typo = error(#"{"name": "x", "dimensions": [{"id": "t", "label": "T", "categories": [{"id": "a", "label": "A", "querry": "x"}]}]}"#)
        #expect(typo?.location?.file == "def.json")
        #expect(typo?.location?.field == "$.dimensions[0].categories[0].querry")
        let badID = error(#"{"name": "x", "dimensions": [{"id": "Bad Id", "label": "T", "categories": [{"id": "a", "label": "A", "flag": "f"}]}]}"#)
        #expect(badID?.location?.field == "$.dimensions[0].id")
        #expect(badID?.location?.value == "Bad Id")
        let empty = error(#"{"name": "x", "dimensions": [{"id": "t", "label": "T", "categories": [{"id": "a", "label": "A"}]}]}"#)
        #expect(empty?.location?.field == "$.dimensions[0].categories[0]")
        let four = error(#"{"name": "x", "dimensions": [1, 2, 3, 4]}"#)
        #expect(four?.location?.field == "$.dimensions")
        let duplicate = error(#"{"name": "x", "dimensions": [{"id": "t", "label": "T", "categories": [{"id": "a", "label": "A", "flag": "f"}, {"id": "a", "label": "B", "flag": "g"}]}]}"#)
        #expect(duplicate?.location?.field == "$.dimensions[0].categories[1].id")
        #expect(error("not json")?.code == .invalidInput)
    }

    @Test("a query that does not parse is reported with its path and the parser's position")
    func badQuery() {
        let bad = error(#"{"name": "x", "dimensions": [{"id": "t", "label": "T", "categories": [{"id": "a", "label": "A", "query": "(neural 1W network+"}]}]}"#)
        #expect(bad?.location?.field == "$.dimensions[0].categories[0].query")
        #expect(bad?.location?.value == "(neural 1W network+")
        #expect(bad?.message.contains("position") == true)
    }

    @Test("the shipped AI definition parses: three dimensions, the WITT scope and every category query")
    func shippedAI() throws {
        let definition = try LandscapeDefinition.artificialIntelligence()
        #expect(definition.dimensions.map(\.id) == ["techniques", "functional_applications", "application_fields"])
        #expect(definition.dimensions.map(\.categories.count) == [7, 10, 19])
        #expect(definition.scope?.contains("neural 1W network+") == true)
        // Every category but the 'otherwise' one has a query and a CSET flag column.
        for (_, category) in definition.allCategories where category.otherwise != true {
            #expect(category.query != nil, "\(category.id) has a query")
            #expect(category.flag != nil, "\(category.id) has a flag")
        }
    }
}
