#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Core
import Foundation
import Synchronization

/// Draws a progress bar on standard error when it is a terminal; silent otherwise.
final class TerminalProgress: ProgressReporter {
    private struct State {
        var lastDraw: UInt64 = 0
        var lastPhase = ""
        var drawn = false
        var phaseStart: UInt64 = 0
    }

    private let state = Mutex(State())
    let enabled: Bool
    /// `IPAI_TRACE=1`: log each phase's duration on stderr (for timing runs, also off a terminal).
    let tracing = ProcessInfo.processInfo.environment["IPAI_TRACE"] == "1"
    private let started = DispatchTime.now().uptimeNanoseconds

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
    }

    func report(phase: String, completed: Int, total: Int?) {
        let now = DispatchTime.now().uptimeNanoseconds
        if tracing {
            state.withLock { state in
                if phase != state.lastPhase {
                    let elapsed = Double(now - state.phaseStart) / 1e9
                    if !state.lastPhase.isEmpty {
                        FileHandle.standardError.write(Data(String(format: "trace: %@ took %.3f s (at %.3f s)\n", state.lastPhase, elapsed, Double(now - started) / 1e9).utf8))
                    }
                    state.lastPhase = phase
                    state.phaseStart = now
                }
            }
            return
        }
        guard enabled else { return }
        state.withLock { state in
            let finished = total.map { completed >= $0 } ?? false
            guard finished || phase != state.lastPhase || now - state.lastDraw > 100_000_000 else { return }
            if phase != state.lastPhase && state.drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            state.lastDraw = now
            state.lastPhase = phase
            state.drawn = true
            var line = "\r" + phase.padding(toLength: 12, withPad: " ", startingAt: 0)
            if let total, total > 0 {
                let fraction = min(1, Double(completed) / Double(total))
                let width = 30
                let filled = Int(fraction * Double(width))
                line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
                line += String(format: " %3d%%  %d/%d", Int(fraction * 100), completed, total)
            } else {
                line += " \(completed)"
            }
            FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        }
    }

    /// Ends the bar's line so later output starts on a fresh one.
    func finish() {
        if tracing {
            report(phase: "end", completed: 0, total: nil)
            return
        }
        guard enabled else { return }
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            state.drawn = false
            state.lastPhase = ""
        }
    }
}
