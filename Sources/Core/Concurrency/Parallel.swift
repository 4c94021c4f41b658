import Dispatch
import Foundation
import Synchronization

/// Runs work over `0..<count` on several threads and gathers the results in order.
///
/// Workers pull chunks of indices from a shared counter (so uneven chunks balance out) and hand
/// each chunk's results over under a lock once per chunk, which keeps locking off the hot path.
public enum Parallel {
    /// The number of threads used when a caller does not say: the machine's active processors.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Maps chunks of `0..<count` to arrays and concatenates them in index order.
    ///
    /// - Parameters:
    ///   - count: number of items.
    ///   - threads: worker threads; 1 runs everything on the calling thread.
    ///   - chunkSize: items per chunk (default: about 8 chunks per thread).
    ///   - transform: maps a range of item indices to that range's results.
    /// - Returns: the results of every chunk, in order.
    ///
    /// ```swift
    /// let squares = Parallel.map(count: 1000) { range in range.map { $0 * $0 } }
    /// ```
    public static func map<T: Sendable>(
        count: Int, threads: Int = defaultThreadCount, chunkSize: Int? = nil,
        _ transform: @Sendable (Range<Int>) -> [T]
    ) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        if workers == 1 { return transform(0..<count) }
        let size = max(1, chunkSize ?? (count + workers * 8 - 1) / (workers * 8))
        let chunkCount = (count + size - 1) / size
        let next = Mutex(0)
        let results = Mutex([[T]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let chunk = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard chunk < chunkCount else { return }
                let range = chunk * size..<min(count, (chunk + 1) * size)
                let output = transform(range)
                results.withLock { $0[chunk] = output }
            }
        }
        return results.withLock { chunks in chunks.flatMap { $0 } }
    }

    /// Calls `body` for every index in `0..<count` on several threads, one item per call.
    public static func forEach(
        count: Int, threads: Int = defaultThreadCount, chunkSize: Int? = nil,
        _ body: @Sendable (Int) -> Void
    ) {
        let _: [Bool] = map(count: count, threads: threads, chunkSize: chunkSize) { range in
            for index in range { body(index) }
            return []
        }
    }
}
