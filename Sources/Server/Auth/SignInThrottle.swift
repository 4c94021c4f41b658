import Synchronization

/// Slows password guessing: after five failed sign-ins for a user name, that name is locked for
/// 30 seconds, doubling with each further failure up to 15 minutes; a successful sign-in clears it.
///
/// Like ``RateLimiter`` it lives in each server's memory (an attacker spreading guesses over N
/// servers gets N times the attempts), which keeps sign-in free of extra database writes.
final class SignInThrottle: Sendable {
    private struct Entry {
        var failures: Int
        var lockedUntil: ContinuousClock.Instant?
        var lastFailure: ContinuousClock.Instant
    }

    static let freeAttempts = 5
    private let entries = Mutex<[String: Entry]>([:])

    /// Seconds the name is still locked for, or nil when a sign-in may be tried.
    func lockedSeconds(for username: String, now: ContinuousClock.Instant = .now) -> Int? {
        entries.withLock { entries in
            guard let until = entries[username.lowercased()]?.lockedUntil, until > now else { return nil }
            return max(1, Int((until - now).components.seconds))
        }
    }

    func recordFailure(for username: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count > 10_000 {
                // Forget names that have been quiet for an hour, so random names cannot fill memory.
                entries = entries.filter { now - $0.value.lastFailure < .seconds(3600) }
            }
            var entry = entries[username.lowercased()] ?? Entry(failures: 0, lockedUntil: nil, lastFailure: now)
            entry.failures += 1
            entry.lastFailure = now
            if entry.failures >= Self.freeAttempts {
                let doublings = min(entry.failures - Self.freeAttempts, 5)
                entry.lockedUntil = now + .seconds(min(30 << doublings, 900))
            }
            entries[username.lowercased()] = entry
        }
    }

    func recordSuccess(for username: String) {
        _ = entries.withLock { $0.removeValue(forKey: username.lowercased()) }
    }
}
