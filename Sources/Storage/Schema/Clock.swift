import Foundation

/// Wall-clock time as milliseconds since 1970, the unit of every timestamp column.
package enum Clock {
    package static func milliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
