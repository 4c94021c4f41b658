import Foundation
import Testing

@testable import Server

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("writes JSON that parses back to the same values, escaping quotes, backslashes and control characters")
    func roundTrip() throws {
        var json = JSONWriter()
        json.beginObject()
        json.field("text", "a \"quoted\" \\ path/with\nnew line\t\u{01} and 中文 ✓")
        json.field("absent", nil as String?)
        json.field("number", 0.1234)
        json.field("count", -3)
        json.key("list")
        json.beginArray()
        json.integer(1)
        json.number(.nan)
        json.beginObject()
        json.endObject()
        json.beginArray()
        json.endArray()
        json.endArray()
        json.endObject()
        let parsed = try JSONSerialization.jsonObject(with: Data(json.bytes))
        let object = try #require(parsed as? [String: Any])
        #expect(object["text"] as? String == "a \"quoted\" \\ path/with\nnew line\t\u{01} and 中文 ✓")
        #expect(object["absent"] == nil)
        #expect(object["number"] as? Double == 0.1234)
        #expect(object["count"] as? Int == -3)
        let list = try #require(object["list"] as? [Any])
        #expect(list.count == 4)
        #expect(list[1] is NSNull)
    }
}
