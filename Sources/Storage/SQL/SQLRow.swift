import Core

/// One result row, by column name (lowercase, as both databases report unquoted names).
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    /// The column as an integer; throws if absent or of another kind (a schema mismatch).
    public func int64(_ column: String) throws(IPAIError) -> Int64 {
        guard let value = self[column].int64 else { throw Self.mismatch(column, "an integer") }
        return value
    }

    public func int(_ column: String) throws(IPAIError) -> Int { Int(try int64(column)) }

    public func string(_ column: String) throws(IPAIError) -> String {
        guard let value = self[column].string else { throw Self.mismatch(column, "text") }
        return value
    }

    public func double(_ column: String) throws(IPAIError) -> Double {
        guard let value = self[column].double else { throw Self.mismatch(column, "a number") }
        return value
    }

    public func bool(_ column: String) throws(IPAIError) -> Bool { try int64(column) != 0 }

    public func optionalString(_ column: String) -> String? { self[column].string }
    public func optionalInt64(_ column: String) -> Int64? { self[column].int64 }

    static func mismatch(_ column: String, _ expected: String) -> IPAIError {
        IPAIError(.storageFailure, "the database returned no \(expected) in column '\(column)'; is the schema up to date?")
    }
}

extension IPAIError.Code {
    /// The database refused or failed an operation.
    public static let storageFailure = Self("storage_failure")
    /// A uniqueness or reference rule of the data was broken (e.g. a name already taken).
    public static let conflict = Self("conflict")
}
