import Core
import PatentClassification
import Storage

/// Trained models decoded from the store, kept in memory by id. A stored model never changes,
/// so entries never go stale; the least recently used are dropped past a byte budget.
actor ModelCache {
    private let store: Store
    private let budget: Int64
    private var entries: [Int64: (model: ClassificationModel, bytes: Int64, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var loading: [Int64: Task<ClassificationModel, any Error>] = [:]

    init(store: Store, budget: Int64 = 1 << 30) {
        self.store = store
        self.budget = budget
    }

    /// The model with this id, loading it once even if many requests ask at the same time.
    func model(id: Int64) async throws -> ClassificationModel {
        clock += 1
        if let entry = entries[id] {
            entries[id]!.used = clock
            return entry.model
        }
        if let task = loading[id] { return try await task.value }
        let store = self.store
        let task = Task { () throws -> ClassificationModel in
            guard let bytes = try await store.modelData(id: id) else { throw APIError.notFound("model \(id)") }
            return try ClassificationModel.load(bytes: bytes, name: "model \(id)")
        }
        loading[id] = task
        defer { loading[id] = nil }
        let model = try await task.value
        let size = Int64(model.metadata.featureCount) * 16 + Int64(model.metadata.labelCount) * 4096
        entries[id] = (model, size, clock)
        evict()
        return model
    }

    private func evict() {
        var total = entries.values.reduce(0) { $0 + $1.bytes }
        while total > budget, entries.count > 1, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            total -= oldest.value.bytes
            entries[oldest.key] = nil
        }
    }
}
