import Foundation

/// A small JSON writer for reports: a report's JSON is thousands of cells, and Foundation's
/// `JSONSerialization` (boxing every cell, sorting every dictionary) took longer than counting them.
enum JSONText {
    indirect enum Value {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case null
        case array([Value])
        /// Keys in the order given.
        case object([(String, Value)])
    }

    static func write(_ value: Value, into text: inout String) {
        switch value {
        case .string(let string): escape(string, into: &text)
        case .int(let number): text += String(number)
        case .double(let number):
            text += number.isFinite ? (number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)) : "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item, into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, (key, item)) in members.enumerated() {
                if index > 0 { text += "," }
                escape(key, into: &text)
                text += ":"
                write(item, into: &text)
            }
            text += "}"
        }
    }

    static func escape(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    text += String(format: "\\u%04x", scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
