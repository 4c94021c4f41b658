/// Receives progress of long-running work (training, batch prediction, imports).
///
/// A seam: the CLI draws a bar on a terminal, the server writes a job row, tests record calls.
/// Implementations must be cheap to call; callers report at most every few milliseconds' worth of work.
public protocol ProgressReporter: Sendable {
    /// Reports that `completed` of `total` units of the named phase are done (`total` is nil when unknown).
    func report(phase: String, completed: Int, total: Int?)

    /// Whether the work should stop early (a cancelled job). Long loops check it between units
    /// and then throw ``IPAIError`` with code `cancelled`.
    func shouldStop() -> Bool
}

extension ProgressReporter {
    public func shouldStop() -> Bool { false }
}

extension Optional where Wrapped == any ProgressReporter {
    /// Throws `cancelled` if the reporter asks to stop.
    public func checkCancellation() throws(IPAIError) {
        if let reporter = self, reporter.shouldStop() {
            throw IPAIError(.cancelled, "the work was cancelled")
        }
    }
}

/// Discards progress.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func report(phase: String, completed: Int, total: Int?) {}
}
