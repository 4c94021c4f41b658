import Core
import Synchronization

/// Bridges a job's synchronous work (training on worker threads) and the store: the work reports
/// phases here; a pump copies the latest state to the job row twice a second and learns from it
/// whether the job was cancelled, which the work then sees through ``shouldStop()``.
final class JobProgress: ProgressReporter {
    struct State: Sendable {
        var phase = "starting"
        var fraction = 0.0
        var changed = true
    }

    private let state = Mutex(State())
    private let stop = Mutex(false)
    /// Each phase's share of the whole job: (phase prefix, start, span).
    private let plan: [(phase: String, start: Double, span: Double)]

    init(plan: [(phase: String, start: Double, span: Double)]) {
        self.plan = plan
    }

    func report(phase: String, completed: Int, total: Int?) {
        let step = plan.first { phase.hasPrefix($0.phase) } ?? (phase, 0, 0)
        let within = total.map { $0 > 0 ? min(1, Double(completed) / Double($0)) : 0 } ?? 0
        state.withLock { state in
            let fraction = step.start + step.span * within
            state.phase = phase
            state.fraction = max(state.fraction, fraction)
            state.changed = true
        }
    }

    func shouldStop() -> Bool { stop.withLock { $0 } }

    func requestStop() { stop.withLock { $0 = true } }

    /// The latest state, whether or not the pump has written it yet.
    var current: State { state.withLock { $0 } }

    /// The phase a finished job keeps: the last one the work reported — its plan's last phase if it
    /// never reported any, so a job that ran to completion never shows "starting".
    var finalPhase: String {
        let phase = current.phase
        return phase == State().phase ? (plan.last?.phase ?? phase) : phase
    }

    /// The state if it changed since the last call.
    func takeChange() -> State? {
        state.withLock { state in
            guard state.changed else { return nil }
            state.changed = false
            return state
        }
    }
}
