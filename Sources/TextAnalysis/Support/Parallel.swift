import Dispatch
import Foundation
import Synchronization

/// Runs independent pieces of work on all cores.
enum Parallel {
    static var workerCount: Int { max(ProcessInfo.processInfo.activeProcessorCount, 1) }

    /// Calls `body(i)` for `i` in `0..<count`, concurrently when `count > 1`, and returns the
    /// results in index order.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let results = Mutex([T?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = body(index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
