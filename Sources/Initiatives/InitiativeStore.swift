import Core
import Foundation
import Storage

/// The index of AI initiatives in IP offices, kept in IPAI's store: offices (approved before they
/// publish), their representatives and AI applications, and survey rounds with their
/// questionnaires and answers.
///
/// ```swift
/// let initiatives = InitiativeStore(store)
/// try await initiatives.migrate()
/// let office = try await initiatives.createOffice(name: LocalizedText(english: "IP Australia"), country: "AU", kind: .national, requestedBy: user.id)
/// ```
public struct InitiativeStore: Sendable {
    public let store: Store

    public init(_ store: Store) {
        self.store = store
    }

    var database: any SQLDatabase { store.database }

    /// Creates or updates the initiatives tables.
    public func migrate() async throws(IPAIError) {
        try await store.migrate(module: "initiatives", InitiativeSchema.migrations(store.dialect))
    }

    /// Today in UTC as `YYYY-MM-DD`, the day survey windows are compared with.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
