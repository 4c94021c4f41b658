import Storage
import Synchronization

/// The active models, read from the store at most once a second instead of on every classify
/// request (that read was a measurable share of a request's time under load).
///
/// This server forgets the list at once when it activates a model itself; a model activated by
/// another server is seen within ``maximumAge``.
final class ActiveModelList: Sendable {
    static let maximumAge: Duration = .seconds(1)

    private struct Snapshot {
        var models: [ModelRecord]
        var readAt: ContinuousClock.Instant
    }

    private let store: Store
    private let snapshot = Mutex<Snapshot?>(nil)

    init(store: Store) {
        self.store = store
    }

    /// The active models, newest first.
    func models() async throws -> [ModelRecord] {
        let now = ContinuousClock.now
        if let cached = snapshot.withLock({ $0 }), now - cached.readAt < Self.maximumAge { return cached.models }
        let models = try await store.activeModels()
        snapshot.withLock { $0 = Snapshot(models: models, readAt: now) }
        return models
    }

    /// Call after this server activated or saved a model.
    func invalidate() {
        snapshot.withLock { $0 = nil }
    }
}
