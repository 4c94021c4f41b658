import Core
import Foundation

/// Where a mark stands in the register's life cycle.
public enum MarkStatus: String, CaseIterable, Sendable, Codable, Hashable {
    case filed, published, registered, refused, withdrawn, expired

    /// Parses a status name (case-insensitive).
    /// - Throws: `invalid_input` naming `field` and the value, listing the statuses.
    public static func parse(_ raw: String, field: String = "status") throws(IPAIError) -> MarkStatus {
        guard let status = MarkStatus(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw IPAIError(
                .invalidInput, "unknown status; use one of " + allCases.map(\.rawValue).joined(separator: ", "),
                at: InputLocation(field: field, value: raw))
        }
        return status
    }
}
