import Storage
import Synchronization

/// The active models, read from the store at most once a second instead of on every classify
/// request (that read was a measurable share of a request's time under load).
///
/// This server forgets the list at once when it activates a model itself; a model activated by
/// another server is seen within ``maximumAge``.
final class ActiveModelList: Sendable {
    static let maximumAge: Duration = .seconds(1)

    private struct State {
        var models: [ModelRecord]?
        var readAt = ContinuousClock.now
        /// Bumped by ``invalidate()``, so a read that started before it does not store its answer.
        var generation = 0
    }

    private let store: Store
    private let state = Mutex(State())

    init(store: Store) {
        self.store = store
    }

    /// The active models, newest first.
    func models() async throws -> [ModelRecord] {
        let now = ContinuousClock.now
        let (cached, generation) = state.withLock { state -> ([ModelRecord]?, Int) in
            guard let models = state.models, now - state.readAt < Self.maximumAge else { return (nil, state.generation) }
            return (models, state.generation)
        }
        if let cached { return cached }
        let models = try await store.activeModels()
        state.withLock { state in
            guard state.generation == generation else { return }
            state.models = models
            state.readAt = now
        }
        return models
    }

    /// Call after this server activated or saved a model.
    func invalidate() {
        state.withLock { state in
            state.models = nil
            state.generation += 1
        }
    }
}
