import Synchronization

/// Counts completed work units from several threads and forwards the total to a reporter.
public final class ProgressCounter: Sendable {
    private let phase: String
    private let total: Int
    private let reporter: (any ProgressReporter)?
    private let completed = Mutex(0)

    public init(phase: String, total: Int, reporter: (any ProgressReporter)?) {
        self.phase = phase
        self.total = total
        self.reporter = reporter
        reporter?.report(phase: phase, completed: 0, total: total)
    }

    /// Adds `count` finished units and reports the new total.
    public func add(_ count: Int) {
        guard let reporter else { return }
        let now = completed.withLock { value -> Int in
            value += count
            return value
        }
        reporter.report(phase: phase, completed: now, total: total)
    }
}
