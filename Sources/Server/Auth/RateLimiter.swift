import Synchronization

/// Per-token request limits, a token bucket per API token refilled continuously.
///
/// Each server enforces the limit for the requests it receives (a token's effective limit with N
/// servers behind a balancer is at most N times higher); keeping the buckets in memory keeps
/// every API request free of a database write.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let buckets = Mutex<[Int64: Bucket]>([:])

    /// Takes one request from the token's bucket; false when the token is over its limit.
    func allow(tokenID: Int64, perMinute limit: Int) -> Bool {
        let now = ContinuousClock.now
        return buckets.withLock { buckets in
            var bucket = buckets[tokenID] ?? Bucket(tokens: Double(limit), updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket.tokens = min(Double(limit), bucket.tokens + seconds * Double(limit) / 60)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[tokenID] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[tokenID] = bucket
            return true
        }
    }
}
